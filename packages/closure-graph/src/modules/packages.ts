import { createRequire } from 'node:module'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { ModuleReference } from './reference.js'
import { isInNodeModules, packageEntry, packageOf, subpathSpecifier } from './package-files.js'

const require = createRequire(import.meta.url)

/** Where a CommonJS value was found: the file whose exports hold it, and under which key. */
interface CommonJsHit {
  file: string
  member?: string
}

/**
 * Finds values that packages in `node_modules` export, so they are imported by name instead of
 * rebuilt. CommonJS is found by identity in `require.cache`; ES modules through the file that
 * defines a function (the caller supplies it from the inspector) and that file's namespace.
 */
export class PackageReferences {
  private commonJs: Map<unknown, CommonJsHit> | undefined

  /** A CommonJS package's exports object, or one of its first-level members. */
  commonJsReferenceOf(value: unknown): ModuleReference | undefined {
    this.commonJs ??= indexRequireCache()
    const hit = this.commonJs.get(value)
    const info = hit && packageOf(hit.file)
    if (!hit || !info) return undefined

    const entry = packageEntry(info, 'require')
    if (entry === hit.file) return commonJs(info.name, hit.member)

    // Prefer the package name when its entry re-exports the value from a deeper file.
    const entryExports = require.cache[entry]?.exports as Record<string, unknown> | undefined
    if (entryExports === value) return commonJs(info.name, undefined)
    const key = isReferable(entryExports)
      ? Object.keys(entryExports).find((name) => entryExports[name] === value)
      : undefined
    if (key) return commonJs(info.name, key)
    return commonJs(subpathSpecifier(info, hit.file), hit.member)
  }

  /** An ES module export (or namespace) of the package that defines `file` (a file URL). */
  async esmReferenceOf(value: unknown, fileUrl: string): Promise<ModuleReference | undefined> {
    const file = fileUrl.startsWith('file:') ? fileURLToPath(fileUrl) : fileUrl
    const info = isInNodeModules(file) ? packageOf(file) : undefined
    if (!info) return undefined

    // Prefer the package's own entry (`import { chunk } from 'lodash-es'`) over a deep path.
    const entry = packageEntry(info, 'import')
    const fromEntry = exportNameOf(await importNamespace(entry), value)
    if (fromEntry) return { specifier: info.name, kind: 'package', importName: fromEntry }

    const fromFile = exportNameOf(await importNamespace(file), value)
    if (fromFile) {
      // A deep import can be refused by the package's `exports` map; the bundler then reports it.
      return { specifier: subpathSpecifier(info, file), kind: 'package', importName: fromFile }
    }
    return undefined
  }
}

async function importNamespace(file: string): Promise<Record<string, unknown> | undefined> {
  try {
    return (await import(pathToFileURL(file).href)) as Record<string, unknown>
  } catch {
    // A file that cannot be imported on its own exports nothing we could reference.
    return undefined
  }
}

function exportNameOf(namespace: Record<string, unknown> | undefined, value: unknown) {
  if (!namespace) return undefined
  if (namespace === value) return '*'
  return Object.keys(namespace).find((key) => namespace[key] === value)
}

function indexRequireCache(): Map<unknown, CommonJsHit> {
  const index = new Map<unknown, CommonJsHit>()
  const files = Object.keys(require.cache).filter(isInNodeModules).sort()

  for (const file of files) {
    const exports = require.cache[file]?.exports as unknown
    if (!isReferable(exports) || index.has(exports)) continue
    index.set(exports, { file })
  }
  for (const file of files) {
    const exports = require.cache[file]?.exports as Record<string, unknown>
    if (!isReferable(exports)) continue
    for (const key of Object.keys(exports)) {
      const member = Object.getOwnPropertyDescriptor(exports, key)?.value as unknown
      if (isReferable(member) && !index.has(member)) index.set(member, { file, member: key })
    }
  }
  return index
}

function commonJs(specifier: string, member: string | undefined): ModuleReference {
  return { specifier, kind: 'package', importName: 'default', member }
}

function isReferable(value: unknown): value is object {
  return typeof value === 'function' || (typeof value === 'object' && value !== null)
}
