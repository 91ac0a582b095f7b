/**
 * Checks on what esbuild pulled into the bundle: node built-ins that exist, no secret files, and
 * no package that needs a native addon the bundle cannot carry.
 */
import { isBuiltin } from 'node:module'
import { join } from 'node:path'
import type { Metafile } from 'esbuild'
import { builtinNotFound, nativeAddonRefused } from './diagnostics.js'
import { listPackageFiles, nativeAddonOf } from './package-files.js'
import { packageOfPath } from './package-info.js'
import { refuseForbidden } from './safety.js'
import type { ResolvedPackInput } from './types.js'

/** Throws on the first problem; returns warnings for what the user opted into. */
export function checkBundledFiles(metafile: Metafile, input: ResolvedPackInput): string[] {
  checkBuiltins(metafile)
  const names = Object.keys(metafile.inputs).filter((name) => !name.startsWith('portkey:'))
  for (const name of names) refuseForbidden(join(input.resolveDir, name), name)
  return checkNativeAddons(names, input)
}

// esbuild keeps every `node:` import external without checking that Node has such a module;
// without this check a typo would only fail when the artifact loads.
function checkBuiltins(metafile: Metafile): void {
  for (const output of Object.values(metafile.outputs)) {
    for (const { path, external } of output.imports) {
      if (external && path.startsWith('node:') && !isBuiltin(path)) throw builtinNotFound(path)
    }
  }
}

// A bundled package that ships a `.node` file loads it by a computed path at run time, which
// esbuild cannot follow; the bundle would fail on Lambda with "Cannot find module". With
// allowNativeAddons the user says the package works without it (a JavaScript fallback).
function checkNativeAddons(names: string[], input: ResolvedPackInput): string[] {
  const roots = new Map<string, string>()
  for (const name of names) {
    const location = packageOfPath(name)
    if (location) roots.set(location.root, location.name)
  }

  const warnings: string[] = []
  for (const [root, name] of [...roots].sort()) {
    const addon = nativeAddonOf(listPackageFiles(join(input.resolveDir, root)))
    if (addon === undefined) continue
    if (!input.allowNativeAddons) throw nativeAddonRefused(name, addon, false)
    warnings.push(
      `Package '${name}' is bundled without its native addon (${addon}); it must work without it.`,
    )
  }
  return warnings
}
