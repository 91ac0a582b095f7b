/** pack(): function module -> bundle -> deterministic Lambda zip with its CodeSha256. */
import { bundle } from './bundle.js'
import { scanForCredentials } from './credentials.js'
import { debugPack } from './debug.js'
import { collectExternalPackages, type CopiedPackage } from './external.js'
import { codeSha256 } from './hash.js'
import { checkSizeLimit, sizeContributors } from './limits.js'
import { createManifest, HANDLER, MANIFEST_PATH, manifestText } from './manifest.js'
import { resolvePackInput } from './options.js'
import type { Artifact, PackInput } from './types.js'
import { zipFiles } from './zip.js'

export async function pack(input: PackInput): Promise<Artifact> {
  const started = performance.now()
  const resolved = resolvePackInput(input)
  const bundled = await bundle(resolved)
  const copied = collectExternalPackages(resolved)

  const own: Record<string, string> = { 'index.mjs': bundled.code }
  if (bundled.map !== undefined) own['index.mjs.map'] = bundled.map
  own[MANIFEST_PATH] = manifestText(createManifest(resolved, bundled, copied))
  const files: Record<string, Uint8Array | string> = { ...own, ...copiedFiles(copied) }

  const entries = listEntries(files)
  const unzippedSize = entries.reduce((total, entry) => total + entry.size, 0)
  const contributors = sizeContributors(bundled, copied, {
    '(source map)': Buffer.byteLength(own['index.mjs.map'] ?? ''),
    '(manifest)': Buffer.byteLength(own[MANIFEST_PATH] ?? ''),
  })
  const limits = resolved.sizeLimits
  checkSizeLimit('unzipped', unzippedSize, limits.unzipped, contributors)

  const zip = zipFiles(files)
  checkSizeLimit('zipped', zip.byteLength, limits.zipped, contributors)
  const { base64, hex } = codeSha256(zip)
  const took = (performance.now() - started).toFixed(0)
  debugPack(
    `${bundled.inputs.length} inputs, ${copied.length} copied packages -> ${zip.byteLength} B zip ${hex.slice(0, 12)} in ${took} ms`,
  )

  return {
    zip,
    sha256: base64,
    hex,
    handler: HANDLER,
    entries,
    size: zip.byteLength,
    unzippedSize,
    contributors,
    warnings: [...bundled.warnings, ...credentialWarnings(bundled.code, copied)],
  }
}

function copiedFiles(copied: CopiedPackage[]): Record<string, Uint8Array> {
  const files: Record<string, Uint8Array> = {}
  for (const pkg of copied) for (const [path, bytes] of pkg.files) files[path] = bytes
  return files
}

// Copied packages are scanned too, but only their JavaScript and JSON: binaries match by chance.
const SCANNED = /\.(m?js|cjs|json)$/

function credentialWarnings(code: string, copied: CopiedPackage[]): string[] {
  const warnings = scanForCredentials('index.mjs', code)
  for (const pkg of copied) {
    for (const [path, bytes] of pkg.files) {
      if (SCANNED.test(path))
        warnings.push(...scanForCredentials(path, Buffer.from(bytes).toString('utf8')))
    }
  }
  return warnings
}

function listEntries(files: Record<string, Uint8Array | string>) {
  return Object.keys(files)
    .sort()
    .map((path) => {
      const content = files[path] ?? ''
      const size = typeof content === 'string' ? Buffer.byteLength(content) : content.byteLength
      return { path, size }
    })
}
