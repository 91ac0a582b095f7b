/** `portkey.json`: what is in the zip and what made it, for `portkey inspect` and humans. */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { strFromU8, unzipSync } from 'fflate'
import type { Bundle } from './bundle.js'
import { manifestMissing } from './diagnostics.js'
import type { CopiedPackage } from './external.js'
import { sha256Hex } from './hash.js'
import type { Manifest, ResolvedPackInput } from './types.js'

const require = createRequire(import.meta.url)
const PACKAGE = require('../package.json') as { version: string }

export const HANDLER = 'index.handler'
export const MANIFEST_PATH = 'portkey.json'

export function createManifest(
  input: ResolvedPackInput,
  bundled: Bundle,
  copied: CopiedPackage[],
): Manifest {
  return {
    portkey: PACKAGE.version,
    runtime: input.runtime,
    handler: HANDLER,
    route: input.handler.route,
    call: input.handler.call,
    external: copied.map((pkg) => `${pkg.name}@${pkg.version}`),
    inputs: hashInputs(input, bundled, copied),
  }
}

/**
 * One line for the options that shape the output, then one line per input, `name  sha256`,
 * hashed again. Names are stable (relative, virtual, or `node_modules/<package>/...`), so the
 * hash is the same wherever the project lives; contents are read back from disk after bundling,
 * which is safe because the same process just read them.
 */
function hashInputs(input: ResolvedPackInput, bundled: Bundle, copied: CopiedPackage[]): string {
  const { minify, sourceMap, awsSdk, external, allowNativeAddons } = input
  const lines = [`${JSON.stringify({ minify, sourceMap, awsSdk, external, allowNativeAddons })}\n`]
  for (const { name, path } of bundled.inputs) {
    const text = bundled.virtualContents.get(name) ?? readFileSync(path ?? name)
    lines.push(`${name}  ${sha256Hex(text)}\n`)
  }
  for (const pkg of copied) {
    for (const [path, bytes] of pkg.files) lines.push(`${path}  ${sha256Hex(bytes)}\n`)
  }
  return sha256Hex(lines.join(''))
}

export function manifestText(manifest: Manifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`
}

/** The manifest inside an artifact's zip, for backends and tools that receive only the bytes. */
export function readManifest(zip: Uint8Array): Manifest {
  const files = unzipSync(zip, { filter: (file) => file.name === MANIFEST_PATH })
  const bytes = files[MANIFEST_PATH]
  if (bytes === undefined) throw manifestMissing()
  return JSON.parse(strFromU8(bytes)) as Manifest
}
