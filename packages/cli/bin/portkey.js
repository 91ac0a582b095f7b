#!/usr/bin/env node
import { main } from '../dist/main.js'

const code = await main(process.argv.slice(2))
process.exitCode = code

// After a failure, something may still hold the event loop open (a gateway that never got to
// serve, esbuild's service process, or a server the user's own module started on import), and
// the command would hang instead of exiting. Give pending output a moment to flush, then exit.
if (code !== 0) setTimeout(() => process.exit(code), 200).unref()
