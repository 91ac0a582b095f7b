import { existsSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, sep } from 'node:path'

export interface PackageInfo {
  name: string
  dir: string
  manifest: Record<string, unknown>
}

const NODE_MODULES = `${sep}node_modules${sep}`

export function isInNodeModules(file: string): boolean {
  return file.includes(NODE_MODULES)
}

/** The nearest package.json above `file` that has a name. */
export function packageOf(file: string): PackageInfo | undefined {
  let dir = dirname(file)
  for (;;) {
    const manifestPath = join(dir, 'package.json')
    if (existsSync(manifestPath)) {
      const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, unknown>
      if (typeof manifest.name === 'string') return { name: manifest.name, dir, manifest }
    }
    const parent = dirname(dir)
    if (parent === dir) return undefined
    dir = parent
  }
}

/** The specifier that reaches `file` inside its package: `pkg/lib/file.js`. */
export function subpathSpecifier(info: PackageInfo, file: string): string {
  return `${info.name}/${relative(info.dir, file).split(sep).join('/')}`
}

/**
 * The file `import 'pkg'` (or `require('pkg')`) loads, read from the manifest's `exports`,
 * `module` and `main` fields in the order Node and bundlers use them.
 */
export function packageEntry(info: PackageInfo, style: 'import' | 'require'): string {
  const conditions = ['node', style, 'default']
  const fromExports = pickExport(info.manifest.exports, conditions)
  const fields = style === 'import' ? [fromExports, info.manifest.module] : [fromExports]
  for (const candidate of [...fields, info.manifest.main, 'index.js']) {
    if (typeof candidate === 'string') return withExtension(join(info.dir, candidate))
  }
  return join(info.dir, 'index.js')
}

function pickExport(exports: unknown, conditions: string[]): string | undefined {
  if (typeof exports === 'string') return exports
  if (Array.isArray(exports)) return pickExport(exports[0], conditions)
  if (typeof exports !== 'object' || exports === null) return undefined

  const record = exports as Record<string, unknown>
  if ('.' in record) return pickExport(record['.'], conditions)
  for (const [condition, target] of Object.entries(record)) {
    if (conditions.includes(condition)) {
      const picked = pickExport(target, conditions)
      if (picked) return picked
    }
  }
  return undefined
}

function withExtension(file: string): string {
  if (isFile(file)) return file
  for (const suffix of ['.js', '.cjs', '.mjs', '/index.js']) {
    if (isFile(file + suffix)) return file + suffix
  }
  return file
}

function isFile(file: string): boolean {
  return statSync(file, { throwIfNoEntry: false })?.isFile() ?? false
}
