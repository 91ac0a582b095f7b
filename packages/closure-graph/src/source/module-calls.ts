import type * as t from '@babel/types'

/** A `require('x')` or `import('x')` with a constant specifier, written in a function's body. */
export interface ModuleCall {
  specifier: string
  /** Offset of the call inside the parsed text (for the error's code frame). */
  start: number
}

/**
 * The constant `require(...)` and `import(...)` calls in a function's own source. The rebuilt
 * module keeps these calls as they are and the bundler resolves them, so nothing of the live
 * module the call returns in this process travels with the function.
 */
export function moduleCalls(node: t.Node): ModuleCall[] {
  const calls: ModuleCall[] = []
  // Iterative: a long function body would otherwise recurse once per nesting level.
  const stack: unknown[] = [node]
  while (stack.length > 0) {
    const current = stack.pop()
    if (Array.isArray(current)) {
      for (const item of current) stack.push(item)
      continue
    }
    if (!isNode(current)) continue
    const call = moduleCallOf(current)
    if (call) calls.push(call)
    for (const [key, value] of Object.entries(current)) {
      if (!NON_CHILD_KEYS.has(key) && typeof value === 'object' && value !== null) stack.push(value)
    }
  }
  return calls.sort((a, b) => a.start - b.start)
}

const NON_CHILD_KEYS = new Set([
  'loc',
  'leadingComments',
  'trailingComments',
  'innerComments',
  'extra',
])

function moduleCallOf(node: t.Node): ModuleCall | undefined {
  if (node.type !== 'CallExpression' || node.arguments.length !== 1) return undefined
  const [argument] = node.arguments
  if (argument?.type !== 'StringLiteral') return undefined

  const { callee } = node
  const isRequire = callee.type === 'Identifier' && callee.name === 'require'
  if (!isRequire && callee.type !== 'Import') return undefined
  return { specifier: argument.value, start: node.start ?? 0 }
}

function isNode(value: unknown): value is t.Node {
  return typeof value === 'object' && value !== null && typeof (value as t.Node).type === 'string'
}
