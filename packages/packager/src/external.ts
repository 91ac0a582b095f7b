/**
 * External packages: kept out of the bundle and copied whole, with the packages they depend on,
 * into the zip's `node_modules/`, where Node finds them from `index.mjs` as it would in a project.
 */
import { existsSync, readFileSync, realpathSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { externalNotFound, externalVersionConflict, nativeAddonRefused } from './diagnostics.js'
import { listPackageFiles, nativeAddonOf } from './package-files.js'
import { readPackageManifest } from './package-info.js'
import { refuseForbidden } from './safety.js'
import type { ResolvedPackInput } from './types.js'

export interface CopiedPackage {
  name: string
  version: string
  /** Zip path -> bytes. */
  files: Map<string, Uint8Array>
}

/** Every external package and its dependencies, sorted by name; each package once. */
export function collectExternalPackages(input: ResolvedPackInput): CopiedPackage[] {
  const found = new Map<string, { root: string; requiredBy: string }>()
  const queue = input.external.map((name) => ({ name, from: input.resolveDir, requiredBy: '' }))

  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    if (isProvidedByRuntime(next.name, input)) continue
    const root = findPackageRoot(next.name, next.from)
    if (root === undefined) {
      if (next.requiredBy !== '' && isOptional(next.name, next.requiredBy, found)) continue
      throw externalNotFound(next.name, next.requiredBy, input.resolveDir)
    }

    const seen = found.get(next.name)
    if (seen !== undefined) {
      if (seen.root !== root) throw externalVersionConflict(next.name, seen.root, root)
      continue
    }
    found.set(next.name, { root, requiredBy: next.requiredBy })
    for (const dependency of dependenciesOf(root)) {
      queue.push({ name: dependency, from: root, requiredBy: next.name })
    }
  }

  return [...found.keys()]
    .sort()
    .map((name) => copyPackage(name, found.get(name)?.root ?? '', input))
}

function isProvidedByRuntime(name: string, input: ResolvedPackInput): boolean {
  return input.awsSdk === 'runtime' && name.startsWith('@aws-sdk/')
}

/** Node's lookup: `node_modules/<name>` in `from` and each directory above it. */
function findPackageRoot(name: string, from: string): string | undefined {
  for (let directory = from; ; directory = dirname(directory)) {
    const candidate = join(directory, 'node_modules', name)
    if (existsSync(join(candidate, 'package.json'))) return realpathSync(candidate)
    if (dirname(directory) === directory) return undefined
  }
}

function dependenciesOf(root: string): string[] {
  const manifest = readPackageManifest(root)
  return Object.keys({
    ...manifest.dependencies,
    ...manifest.optionalDependencies,
    ...manifest.peerDependencies,
  }).sort()
}

// Optional and peer dependencies are often not installed; the package handles their absence.
function isOptional(name: string, requiredBy: string, found: Map<string, { root: string }>) {
  const root = found.get(requiredBy)?.root
  if (root === undefined) return false
  const manifest = readPackageManifest(root)
  return name in (manifest.optionalDependencies ?? {}) || name in (manifest.peerDependencies ?? {})
}

function copyPackage(name: string, root: string, input: ResolvedPackInput): CopiedPackage {
  const paths = listPackageFiles(root)
  const addon = nativeAddonOf(paths)
  if (addon !== undefined && !input.allowNativeAddons) throw nativeAddonRefused(name, addon, true)

  const files = new Map<string, Uint8Array>()
  for (const path of paths) {
    const zipPath = `node_modules/${name}/${path}`
    const bytes = readFileSync(join(root, path))
    refuseForbidden(join(root, path), zipPath, bytes)
    files.set(zipPath, bytes)
  }
  return { name, version: readPackageManifest(root).version ?? '0.0.0', files }
}
