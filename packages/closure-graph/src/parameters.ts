import type * as t from '@babel/types'
import { nativeFunction, parseFailed } from './diagnostics.js'
import { NATIVE_CODE, parseFunctionSource } from './source/parse.js'
import type { FunctionParameter } from './types.js'

/**
 * Parameters of a function, read from its source (used to map route placeholders to arguments).
 * A class reports its constructor's parameters.
 */
export function functionParameters(fn: Function): FunctionParameter[] {
  const source = Function.prototype.toString.call(fn)
  const path = [fn.name || 'function']
  if (NATIVE_CODE.test(source)) throw nativeFunction(path, fn.name)

  let node
  try {
    node = parseFunctionSource(source).node
  } catch (error: unknown) {
    throw parseFailed(path, error instanceof Error ? error.message : String(error))
  }
  return paramsOf(node).map(describeParameter)
}

function paramsOf(node: t.Function | t.Class): t.Node[] {
  if ('params' in node) return node.params
  const constructor = node.body.body.find(
    (m) => m.type === 'ClassMethod' && m.kind === 'constructor',
  )
  return constructor && 'params' in constructor ? constructor.params : []
}

function describeParameter(param: t.Node): FunctionParameter {
  if (param.type === 'RestElement') return { ...describeTarget(param.argument), rest: true }
  if (param.type === 'AssignmentPattern') return { ...describeTarget(param.left), optional: true }
  return describeTarget(param)
}

function describeTarget(target: t.Node): FunctionParameter {
  const base = { optional: false, rest: false }
  if (target.type === 'Identifier') return { ...base, name: target.name, pattern: 'identifier' }
  if (target.type === 'ArrayPattern') return { ...base, name: null, pattern: 'array' }
  return { ...base, name: null, pattern: 'object' }
}
