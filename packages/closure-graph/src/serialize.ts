import { dirname, isAbsolute } from 'node:path'
import { unsupportedValue } from './diagnostics.js'
import { emitModule } from './emit/module.js'
import { refuseLocalModuleCalls } from './modules/body-calls.js'
import { refuseConfiguredPackages } from './modules/configured.js'
import { Inspector } from './inspector.js'
import { resolveSerializeOptions } from './options.js'
import type { SerializeOptions, SerializeResult } from './types.js'
import type { Capture, FunctionCapture, Ref } from './walk/captures.js'
import { buildScopeTree } from './walk/scope-tree.js'
import { Walker } from './walk/walker.js'

/**
 * Captures everything `fn` reaches and emits one ES module whose default export rebuilds it.
 * Values are taken as they are at the time of the call.
 */
export async function serialize(
  fn: Function,
  options?: SerializeOptions,
): Promise<SerializeResult> {
  const { result } = await captureAndEmit(fn, options)
  return result
}

/** The whole pipeline, keeping the walk's captures for `inspect`. */
export async function captureAndEmit(fn: Function, options?: SerializeOptions) {
  const { name } = resolveSerializeOptions(fn, options)
  if (typeof fn !== 'function')
    throw unsupportedValue([name], `a ${typeof fn} (serialize takes a function)`)

  const inspector = new Inspector()
  try {
    const walker = new Walker(inspector)
    const root = await walker.walk(fn, name)
    const resolveDir = resolveDirOf(root)
    const functions = walker.captures.filter((c): c is FunctionCapture => c.kind === 'function')
    refuseLocalModuleCalls(functions)
    await refuseConfiguredPackages(walker.captures, resolveDir, inspector)
    const scopes = buildScopeTree(walker, functions)
    const emitted = emitModule(walker.captures, scopes, root, resolveDir)
    const result: SerializeResult = {
      code: emitted.code,
      map: emitted.map,
      graph: { nodes: walker.nodes, modules: emitted.modules, resolveDir },
    }
    return { result, root, scopes }
  } finally {
    inspector.dispose()
  }
}

/** The directory of the file defining the root function, else the working directory (REPL). */
function resolveDirOf(root: Ref): string {
  let capture: Capture | undefined = 'capture' in root ? root.capture : undefined
  while (capture?.kind === 'bound')
    capture = 'capture' in capture.target ? capture.target.capture : undefined
  const script = capture?.kind === 'function' ? capture.location?.script : undefined
  return script && isAbsolute(script) ? dirname(script) : process.cwd()
}
