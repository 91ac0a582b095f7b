import { readFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { parse } from '@babel/parser'
import type { ModuleReference } from './reference.js'

const cache = new Map<string, Map<string, ModuleReference>>()

/**
 * The import bindings an ES module file declares from node built-ins and packages, by local
 * name, read from its import declarations. A function from that file that uses such a binding
 * gets the same import, whatever value it holds (an object, a class, a namespace).
 * Relative imports are left out: the user's own files travel by value.
 */
export function fileImports(file: string): Map<string, ModuleReference> {
  let imports = cache.get(file)
  if (!imports) {
    imports = readImports(file)
    cache.set(file, imports)
  }
  return imports
}

function readImports(file: string): Map<string, ModuleReference> {
  const imports = new Map<string, ModuleReference>()
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch {
    // A file gone from disk declares nothing we can read; its values travel by value instead.
    return imports
  }
  const program = parse(text, { sourceType: 'module', errorRecovery: true }).program
  for (const statement of program.body) {
    if (statement.type !== 'ImportDeclaration' || statement.importKind === 'type') continue
    const kind = kindOf(statement.source.value)
    if (!kind) continue
    const specifier =
      kind === 'builtin' ? withNodePrefix(statement.source.value) : statement.source.value
    for (const part of statement.specifiers) {
      const importName =
        part.type === 'ImportDefaultSpecifier'
          ? 'default'
          : part.type === 'ImportNamespaceSpecifier'
            ? '*'
            : part.imported.type === 'Identifier'
              ? part.imported.name
              : part.imported.value
      imports.set(part.local.name, { specifier, kind, importName })
    }
  }
  return imports
}

function kindOf(specifier: string): ModuleReference['kind'] | undefined {
  if (specifier.startsWith('node:') || builtinModules.includes(specifier)) return 'builtin'
  if (specifier.startsWith('.') || specifier.startsWith('/') || /^[a-z]+:/i.test(specifier))
    return undefined
  return 'package'
}

function withNodePrefix(specifier: string): string {
  return specifier.startsWith('node:') ? specifier : `node:${specifier}`
}
