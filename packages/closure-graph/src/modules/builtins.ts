import { Module, builtinModules, createRequire } from 'node:module'
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
  const second: Array<[string, string, object]> = []
  for (const [name, exports] of modules) {
    for (const [key, member] of referableMembers(exports)) {
      if (found.has(member)) continue
      found.set(member, builtin(name, key))
      second.push([name, key, member])
    }
  }
  // Members two levels down (`path.posix.join`, `fs.promises.readFile`), after every first level.
  for (const [name, key, holder] of second) {
    for (const [inner, member] of referableMembers(holder)) {
      if (!found.has(member)) found.set(member, { ...builtin(name, key), member: inner })
    }
  }
  return found
}

/**
 * Own data members holding objects or functions; getters are never run. CommonJS module objects
 * (`process.mainModule`, the entries of `Module._cache`) are the user's own files, keyed by
 * absolute paths, not an API of the built-in: they and what they hold are never referenced.
 */
function referableMembers(holder: object): Array<[string, object]> {
  const members: Array<[string, object]> = []
  for (const key of Object.keys(holder)) {
    const member = Object.getOwnPropertyDescriptor(holder, key)?.value as unknown
    if (member instanceof Module) continue
    if (typeof member === 'function' || (typeof member === 'object' && member !== null))
      members.push([key, member])
  }
  return members
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
