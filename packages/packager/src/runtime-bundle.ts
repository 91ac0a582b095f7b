/**
 * The runtime adapter as it goes into every artifact: `@portkey/runtime` bundled into one module
 * and minified once per process. It is the same for every function, so its readable form buys
 * nothing in the user's stack traces (their own frames keep their names and lines through the
 * source map) while it made up most of a small function's zip: about 19 KB of readable code
 * against a handful of lines of the user's own.
 */
import { createRequire } from 'node:module'
import { build } from 'esbuild'

const require = createRequire(import.meta.url)
const RUNTIME_ENTRY = require.resolve('@portkey/runtime')

let bundled: Promise<string> | undefined

export function runtimeBundle(): Promise<string> {
  bundled ??= bundleRuntime()
  return bundled
}

async function bundleRuntime(): Promise<string> {
  const result = await build({
    entryPoints: [RUNTIME_ENTRY],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    // The adapter uses nothing newer than ES2022, so one build serves every Lambda runtime.
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    logLevel: 'silent',
  })
  const output = result.outputFiles[0]
  if (!output) throw new Error('esbuild produced no output for @portkey/runtime')
  return output.text
}
