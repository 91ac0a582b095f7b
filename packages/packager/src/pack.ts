/** pack(): function module -> bundle -> deterministic Lambda zip with its CodeSha256. */
import { bundle } from './bundle.js'
import { debugPack } from './debug.js'
import { codeSha256 } from './hash.js'
import { createManifest, HANDLER, manifestText } from './manifest.js'
import { resolvePackInput } from './options.js'
import type { Artifact, PackInput } from './types.js'
import { zipFiles } from './zip.js'

export async function pack(input: PackInput): Promise<Artifact> {
  const started = performance.now()
  const resolved = resolvePackInput(input)
  const bundled = await bundle(resolved)

  const files: Record<string, string> = { 'index.mjs': bundled.code }
  if (bundled.map !== undefined) files['index.mjs.map'] = bundled.map
  files['portkey.json'] = manifestText(createManifest(resolved, bundled))

  const zip = zipFiles(files)
  const { base64, hex } = codeSha256(zip)
  const took = (performance.now() - started).toFixed(0)
  debugPack(
    `${bundled.inputs.length} inputs -> ${zip.byteLength} B zip ${hex.slice(0, 12)} in ${took} ms`,
  )
  return {
    zip,
    sha256: base64,
    hex,
    handler: HANDLER,
    entries: listEntries(files),
    size: zip.byteLength,
    warnings: bundled.warnings,
  }
}

function listEntries(files: Record<string, string>) {
  return Object.keys(files)
    .sort()
    .map((path) => ({ path, size: Buffer.byteLength(files[path] ?? '') }))
}
