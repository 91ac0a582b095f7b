import { builtinModules, createRequire } from 'node:module'
import type { ModuleReference } from './reference.js'

const require = createRequire(import.meta.url)

// Requiring these prints a deprecation or experimental warning, so they are never indexed.
const NOISY = new Set(['punycode', 'sys', 'wasi', 'test/reporters'])

let index: Map<unknown, ModuleReference> | undefined

/** The node built-in import that yields `value`, if any (its exports object or a member). */
export function builtinReferenceOf(value: unknown): ModuleReference | undefined {
  index ??= buildIndex()
  return index.get(value)
}

function buildIndex(): Map<unknown, ModuleReference> {
  const found = new Map<unknown, ModuleReference>()
  const modules = loadBuiltins()

  // Whole modules first, so `import fs from 'node:fs'` wins over another module's member.
  for (const [name, exports] of modules) {
    if (!found.has(exports)) found.set(exports, builtin(name, 'default'))
  }
  for (const [name, exports] of modules) {
    for (const key of Object.keys(exports)) {
      const member = Object.getOwnPropertyDescriptor(exports, key)?.value as unknown
      const referable = typeof member === 'function' || (typeof member === 'object' && member)
      if (referable && !found.has(member)) found.set(member, builtin(name, key))
    }
  }
  return found
}

function loadBuiltins(): Array<[string, object]> {
  const modules: Array<[string, object]> = []
  for (const name of [...builtinModules].sort()) {
    if (name.startsWith('_') || NOISY.has(name)) continue
    try {
      modules.push([name, require(name) as object])
    } catch {
      // Some built-ins exist only behind a flag; they cannot be referenced anyway.
      continue
    }
  }
  return modules
}

function builtin(name: string, importName: string): ModuleReference {
  return { specifier: `node:${name}`, kind: 'builtin', importName }
}
