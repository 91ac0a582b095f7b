import { existsSync, readFileSync, realpathSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Capture, FunctionCapture } from '../walk/captures.js'
import { packagesCalledInBodies } from './body-calls.js'
import type { Inspector } from '../inspector.js'
import { packageEntry, packageOf, type PackageInfo } from './package-files.js'

/** How a fresh process loads one copy of a package: `require` a file, or `import` a file URL. */
export interface FreshSource {
  format: 'require' | 'import'
  location: string
}

/** One copy of a referenced package that this process has loaded, with its live root. */
export interface LivePackage {
  specifier: string
  /** The first capture that references the package (its path goes into the error). */
  capture: Capture
  source: FreshSource
  /** The CommonJS `exports` or the ES module namespace, as this process holds it now. */
  root: unknown
}

/**
 * The copies of each referenced package that this process already holds under the name the
 * rebuilt module imports, resolved from `resolveDir`: CommonJS files from `require.cache`, ES
 * modules that V8 has compiled (whose namespace `import()` then returns without evaluating
 * anything). A copy this process has not loaded is left out rather than loaded to be looked at.
 */
export async function livePackages(captures: Capture[], resolveDir: string, inspector: Inspector) {
  const require = createRequire(join(resolveDir, 'noop.js'))
  const live: LivePackage[] = []
  const modules: LivePackage[] = []

  for (const [specifier, capture] of referencedPackages(captures)) {
    for (const file of candidateFiles(specifier, require, resolveDir)) {
      const cached = require.cache[file]
      if (cached) {
        const source: FreshSource = { format: 'require', location: file }
        live.push({ specifier, capture, source, root: cached.exports })
      } else if (isModuleFile(file)) {
        const source: FreshSource = { format: 'import', location: pathToFileURL(file).href }
        modules.push({ specifier, capture, source, root: undefined })
      }
    }
  }

  // V8 is asked about every module file at once: one inspector round trip, not one per file.
  const loaded = loadedModules(
    modules.map((copy) => copy.source.location),
    inspector,
  )
  for (const copy of modules) {
    if (loaded.has(copy.source.location)) copy.root = await namespaceOf(copy.source.location)
    if (copy.root) live.push(copy)
  }
  return live
}

/**
 * Each package specifier the rebuilt module loads, with the first capture that names it: the
 * imports of module references, then the `require('x')`/`import('x')` calls in function bodies.
 */
function referencedPackages(captures: Capture[]): Map<string, Capture> {
  const packages = new Map<string, Capture>()
  for (const capture of captures) {
    if (capture.kind !== 'module' || capture.reference.kind !== 'package') continue
    if (!packages.has(capture.reference.specifier))
      packages.set(capture.reference.specifier, capture)
  }
  const functions = captures.filter((c): c is FunctionCapture => c.kind === 'function')
  for (const [specifier, fn] of packagesCalledInBodies(functions)) {
    if (!packages.has(specifier)) packages.set(specifier, fn)
  }
  return packages
}

/**
 * The files `specifier` can stand for from `resolveDir`: what `require` resolves, and what an
 * import resolves through the manifest's `exports`, `module` and `main` (the walk imports the
 * same entry when it finds an ES module export). Which of them are loaded is decided later.
 */
function candidateFiles(specifier: string, require: NodeJS.Require, resolveDir: string) {
  const files = new Set<string>()
  const required = resolveFrom(require, specifier)
  if (required) files.add(required)

  const { name, subpath } = splitSpecifier(specifier)
  const info = findPackage(name, resolveDir)
  if (!info) return files
  for (const file of importFiles(info, subpath)) files.add(file)
  return files
}

function importFiles(info: PackageInfo, subpath: string): string[] {
  const exports = info.manifest.exports
  if (subpath === '') return [packageEntry(info, 'import'), packageEntry(info, 'require')]
  if (exports === undefined) return [join(info.dir, subpath)]

  // Only an exact `exports` key is followed; a pattern (`./*`) is left to the `require` answer.
  const target = isRecord(exports) ? exports[`./${subpath}`] : undefined
  if (target === undefined) return []
  const only = { ...info, manifest: { exports: target } }
  return [packageEntry(only, 'import'), packageEntry(only, 'require')]
}

/** The package directory (symlinks resolved, as Node does) that `name` reaches from `dir`. */
function findPackage(name: string, dir: string): PackageInfo | undefined {
  for (let current = dir; ; current = dirname(current)) {
    const manifest = join(current, 'node_modules', name, 'package.json')
    if (existsSync(manifest)) return packageOf(join(realpathSync(dirname(manifest)), 'noop.js'))
    if (dirname(current) === current) return undefined
  }
}

function splitSpecifier(specifier: string): { name: string; subpath: string } {
  const parts = specifier.split('/')
  const length = specifier.startsWith('@') ? 2 : 1
  return { name: parts.slice(0, length).join('/'), subpath: parts.slice(length).join('/') }
}

/** True for a file Node loads as an ES module: `.mjs`, or `.js` under `"type": "module"`. */
function isModuleFile(file: string): boolean {
  if (file.endsWith('.mjs')) return true
  if (!file.endsWith('.js') || !existsSync(file)) return false
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json')
    if (existsSync(manifest)) return readType(manifest) === 'module'
    if (dirname(dir) === dir) return false
  }
}

function readType(manifest: string): unknown {
  try {
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { type?: unknown }).type
  } catch {
    // Node refuses a broken manifest too; nothing from it can be loaded to compare.
    return undefined
  }
}

function loadedModules(urls: string[], inspector: Inspector): Set<string> {
  try {
    return inspector.loadedUrls(urls)
  } catch {
    // The inspector is busy or gone (another debugger attached): compare no ES module copy.
    return new Set()
  }
}

async function namespaceOf(url: string): Promise<unknown> {
  try {
    // Already evaluated here (V8 compiled it), so this returns the live namespace as it is.
    return (await import(url)) as unknown
  } catch {
    // Its evaluation failed when it was loaded: the rebuilt module would fail to import it too.
    return undefined
  }
}

function resolveFrom(require: NodeJS.Require, specifier: string): string | undefined {
  try {
    return require.resolve(specifier)
  } catch {
    // Not resolvable from here: the rebuilt module will fail to import it and say so itself.
    return undefined
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
