import { Module } from 'node:module'
import { types } from 'node:util'
import { commonJsModule } from '../diagnostics.js'
import { builtinReferenceOf } from '../modules/builtins.js'
import type { ModuleCapture } from './captures.js'
import type { Capture } from './captures.js'
import { captureFunction } from './functions.js'
import { captureNamespace, captureObject } from './objects.js'
import type { Walker } from './walker.js'
import type { CapturePath } from './path.js'

/**
 * Decides how a non-primitive value travels: by reference (an import) or by value. Synchronous
 * except for functions and namespaces, which may need an import to tell whether a package owns
 * them: data, most of any graph, is walked without a promise per value.
 */
export function classify(
  walker: Walker,
  value: object,
  path: CapturePath,
): Capture | Promise<Capture> {
  // Checked before built-in references: `require.cache` and `process.mainModule` hold these, and
  // naming one through them would put an absolute file path into the emitted module.
  if (value instanceof Module) throw commonJsModule(path)
  const reference = builtinReferenceOf(value) ?? walker.packages.commonJsReferenceOf(value)
  if (reference) return walker.register<ModuleCapture>(value, { kind: 'module', path, reference })

  if (typeof value === 'function') return captureFunction(walker, value, path)
  if (types.isModuleNamespaceObject(value)) return captureNamespace(walker, value, path)
  return captureObject(walker, value, path)
}
