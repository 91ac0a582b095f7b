import { Module } from 'node:module'
import { dynamicEval } from '../diagnostics.js'
import { isReplacedGlobal, isStandardGlobal } from '../globals.js'
import type { ScopeRecord } from '../inspector.js'
import type { FunctionCapture } from './captures.js'

/**
 * A direct `eval` of code built at run time can read and write any binding its function sees, so
 * every one of them becomes a free name of the function, taken as written too (the heap snapshot
 * then settles which functions share a scope). The resolver decides each name as usual: a
 * standard global stays a reference, everything else travels by value.
 */
export function widenForDynamicEval(capture: FunctionCapture, scopes: ScopeRecord[]): void {
  const reachable = namesEvalCanReach(capture, scopes)
  capture.freeNames = [...new Set([...capture.freeNames, ...reachable])]
  capture.writtenNames = [...new Set([...capture.writtenNames, ...reachable])]
}

/**
 * The bindings of every scope in `[[Scopes]]`, which lists them all: V8 optimises no binding away
 * from a scope whose inner code calls `eval`. Then the user's globals: the global object's own
 * data properties that are not standard ones (REPL `var`s and `function`s, properties set on
 * `globalThis`), and standard ones the user replaced.
 *
 * Shortcomings: the `arguments` of an enclosing function is not captured (an arguments object
 * cannot be rebuilt, and V8 lists it whether used or not), nor is its `this`, which V8 does not
 * list: code that reads them from an arrow function gets the rebuilt scope's instead. A global
 * the user defined as a getter is not captured either (reading it would run it; the REPL's own
 * lazy globals such as `fs` are getters too), so code that reads it finds it missing.
 */
function namesEvalCanReach(capture: FunctionCapture, scopes: ScopeRecord[]): string[] {
  const names: string[] = []
  for (const scope of scopes) {
    const global = scope.type === 'global'
    for (const name of Object.getOwnPropertyNames(scope.object)) {
      const descriptor = Object.getOwnPropertyDescriptor(scope.object, name)
      if (!descriptor || !('value' in descriptor) || name === 'arguments') continue
      if (global && isStandardGlobal(name) && !isReplacedGlobal(scope.object, name)) continue
      if (!global) refuseLoaderState(capture, name, descriptor.value)
      names.push(name)
    }
  }
  return names
}

/**
 * A CommonJS file's `module` never travels (it holds the loader's state). Reads of
 * `module.exports.<name>` alone could, but code built at run time may read any of it.
 */
function refuseLoaderState(capture: FunctionCapture, name: string, value: unknown): void {
  if (!(value instanceof Module)) return
  throw dynamicEval(
    capture.path,
    `the code could read the CommonJS \`${name}\` object of its file, which holds the loader's state and cannot travel`,
  )
}
