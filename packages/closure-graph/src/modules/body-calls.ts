import { builtinModules } from 'node:module'
import { computedModuleCall, localModuleCall } from '../diagnostics.js'
import { moduleCalls, type ModuleCall } from '../source/module-calls.js'
import type { ParsedFunction } from '../source/parse.js'
import type { FunctionCapture } from '../walk/captures.js'
import { locateAt } from '../walk/walker.js'

/** Module calls by parsed source: a chain of 100,000 copies of one function reads it once. */
const callsOf = new WeakMap<ParsedFunction, ModuleCall[]>()

/**
 * The packages that captured functions load with a constant `require('x')` or `import('x')` in
 * their bodies, with the first function that does.
 */
export function packagesCalledInBodies(functions: FunctionCapture[]) {
  const packages = new Map<string, FunctionCapture>()
  for (const fn of functions) {
    for (const { specifier } of bodyCalls(fn.parsed)) {
      if (specifier === undefined || isLocal(specifier) || isBuiltin(specifier)) continue
      if (packages.has(specifier)) continue
      packages.set(specifier, fn)
    }
  }
  return packages
}

/**
 * Refuses a function whose body loads one of the user's own files (a relative or absolute
 * specifier), or a module whose name it computes at run time: the call stays in the rebuilt
 * function, where that file is not deployed and no bundler could have followed the name.
 */
export function refuseLocalModuleCalls(functions: FunctionCapture[]): void {
  for (const fn of functions) {
    // A `require` the function declares itself is not the module's: only a free one counts.
    const ownRequire = !fn.freeNames.includes('require')
    const call = bodyCalls(fn.parsed).find(
      ({ specifier, via }) =>
        (specifier === undefined && !(via === 'require' && ownRequire)) ||
        (specifier !== undefined && isLocal(specifier)),
    )
    if (!call) continue
    const error =
      call.specifier === undefined
        ? computedModuleCall(fn.path)
        : localModuleCall(fn.path, call.specifier)
    locateAt(error, fn)
    throw error
  }
}

function bodyCalls(parsed: ParsedFunction): ModuleCall[] {
  let calls = callsOf.get(parsed)
  if (!calls) {
    calls = moduleCalls(parsed.node)
    callsOf.set(parsed, calls)
  }
  return calls
}

function isLocal(specifier: string): boolean {
  return specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('file:')
}

function isBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:') || builtinModules.includes(specifier)
}
