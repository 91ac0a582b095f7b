/**
 * Names every bundled file of a package `node_modules/<package>/<file>`, however it was reached.
 * esbuild names a file by its real path relative to resolveDir, so a package behind pnpm's
 * symlinked store shows up as `../../node_modules/.pnpm/x@1.0.0/node_modules/x/index.js`: the
 * name (and the bytes of the bundle, its source map and the hash) would depend on how deep the
 * project sits below the store. esbuild writes these names in three places: the `// name`
 * comment above each module, the keys of its CommonJS/ESM wrappers (`"name"(exports, module)`),
 * and the source map's `sources`; all three are rewritten here.
 */
import { resolve } from 'node:path'
import { packageOfPath, readPackageManifest } from './package-info.js'

/** Original input name -> stable name, for the inputs whose name changes. */
export type StableNames = Map<string, string>

export function stableNames(inputs: string[], resolveDir: string): StableNames {
  const candidates = new Map<string, string[]>()
  for (const name of inputs) {
    const stable = stableName(name)
    if (stable !== undefined) candidates.set(stable, [...(candidates.get(stable) ?? []), name])
  }

  const names: StableNames = new Map()
  for (const [stable, originals] of candidates) {
    if (originals.length === 1) {
      if (originals[0] !== stable) names.set(originals[0] ?? '', stable)
      continue
    }
    for (const [original, versioned] of withVersions(originals, resolveDir)) {
      names.set(original, versioned)
    }
  }
  return names
}

function stableName(name: string): string | undefined {
  const location = packageOfPath(name)
  return location && `node_modules/${location.name}/${location.subpath}`
}

// Two copies of one package (two versions nested in different places) would get one name; the
// version keeps them apart: `node_modules/x@1.0.0/index.js`. Known shortcoming: two copies of the
// same version still share a name, told apart by a counter in the order of their original names,
// which depends on the layout; the bundle then differs between layouts that order them differently.
function withVersions(originals: string[], resolveDir: string): Array<[string, string]> {
  const seen = new Map<string, number>()
  return [...originals].sort().map((original) => {
    const location = packageOfPath(original)
    const version = readPackageManifest(resolve(resolveDir, location?.root ?? '')).version ?? '0'
    const key = `${location?.name}@${version}`
    const count = (seen.get(key) ?? 0) + 1
    seen.set(key, count)
    const label = count === 1 ? key : `${key}~${count}`
    return [original, `node_modules/${label}/${location?.subpath}`]
  })
}

/** Replaces every original name in the bundle text; one pass, so no name is replaced twice. */
export function renameInText(text: string, names: StableNames): string {
  if (names.size === 0) return text
  const pattern = [...names.keys()]
    .sort((a, b) => b.length - a.length)
    .map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|')
  return text.replace(new RegExp(pattern, 'g'), (name) => names.get(name) ?? name)
}

/** The bundle's source map with stable `sources`. */
export function renameInSourceMap(mapText: string, names: StableNames): string {
  if (names.size === 0) return mapText
  const map = JSON.parse(mapText) as { sources?: string[] }
  map.sources = map.sources?.map((source) => names.get(source) ?? source)
  return JSON.stringify(map)
}
