/** `portkey.json`: what is in the zip and what made it, for `portkey inspect` and humans. */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { resolve } from 'node:path'
import type { Bundle } from './bundle.js'
import { sha256Hex } from './hash.js'
import type { Manifest, ResolvedPackInput } from './types.js'

const require = createRequire(import.meta.url)
const PACKAGE = require('../package.json') as { version: string }

export const HANDLER = 'index.handler'

export function createManifest(input: ResolvedPackInput, bundled: Bundle): Manifest {
  return {
    portkey: PACKAGE.version,
    runtime: input.runtime,
    handler: HANDLER,
    route: input.handler.route,
    call: input.handler.call,
    inputs: hashInputs(input.resolveDir, bundled),
  }
}

/**
 * One line per input, `name  sha256`, hashed again. Names are relative (or virtual), so the hash
 * is the same wherever the project lives; contents are read back from disk after bundling, which
 * is safe because the same process just read them.
 */
function hashInputs(resolveDir: string, bundled: Bundle): string {
  const lines = bundled.inputs.map((name) => {
    const text = bundled.virtualContents.get(name) ?? readFileSync(resolve(resolveDir, name))
    return `${name}  ${sha256Hex(text)}\n`
  })
  return sha256Hex(lines.join(''))
}

export function manifestText(manifest: Manifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`
}
