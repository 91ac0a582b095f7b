import type { CaptureGraph } from '../types.js'
import type { ModuleCapture, RequireCapture } from '../walk/captures.js'
import { isIdentifierName, memberAccess } from '../walk/literals.js'
import type { Names } from './names.js'
import type { Output } from './output.js'

/**
 * Emits the imports of module references and returns the expression each one stands for.
 * CommonJS members are read off the default import, because Node cannot always name a
 * CommonJS module's exports statically.
 */
export function emitImports(
  output: Output,
  references: Array<ModuleCapture | RequireCapture>,
  names: Names,
): { expressions: Map<ModuleCapture | RequireCapture, string>; modules: CaptureGraph['modules'] } {
  const bindings = new Map<string, string>()
  const expressions = new Map<ModuleCapture | RequireCapture, string>()
  const modules = new Map<string, CaptureGraph['modules'][number]>()

  const bind = (
    specifier: string,
    kind: 'builtin' | 'package',
    importName: string,
    hint: string,
  ) => {
    const key = `${specifier}\0${importName}`
    let name = bindings.get(key)
    if (!name) {
      name = names.allocate(hint)
      bindings.set(key, name)
      output.line(importStatement(specifier, importName, name))
      const module = modules.get(specifier) ?? { specifier, kind, imports: [] }
      module.imports.push(importName)
      modules.set(specifier, module)
    }
    return name
  }

  for (const capture of references) {
    if (capture.kind === 'require') {
      expressions.set(capture, requireShim(output, bind, names))
      continue
    }
    const { specifier, kind, importName, member } = capture.reference
    const name = bind(specifier, kind, importName, importHint(specifier, importName))
    expressions.set(capture, member === undefined ? name : memberAccess(name, member))
  }
  return { expressions, modules: [...modules.values()] }
}

/**
 * A function from a CommonJS file may call its module's `require`. The emitted module gets one
 * made by `createRequire`. Shortcoming: it resolves from the emitted module's own location, so
 * a package required this way must be bundled (esbuild does so for static `require('x')` calls
 * only when `require` is free) or installed next to the artifact.
 */
function requireShim(
  output: Output,
  bind: (specifier: string, kind: 'builtin', importName: string, hint: string) => string,
  names: Names,
): string {
  const createRequire = bind('node:module', 'builtin', 'createRequire', 'createRequire')
  const shim = names.allocate('require')
  output.line(`const ${shim} = ${createRequire}(import.meta.url)`)
  return shim
}

function importStatement(specifier: string, importName: string, name: string): string {
  const from = `from ${JSON.stringify(specifier)}`
  if (importName === '*') return `import * as ${name} ${from}`
  if (importName === 'default') return `import ${name} ${from}`
  if (importName === name) return `import { ${name} } ${from}`
  const imported = isIdentifierName(importName) ? importName : JSON.stringify(importName)
  return `import { ${imported} as ${name} } ${from}`
}

function importHint(specifier: string, importName: string): string {
  if (importName !== 'default' && importName !== '*') return importName
  return specifier.replace(/^node:/, '').replace(/^@/, '')
}
