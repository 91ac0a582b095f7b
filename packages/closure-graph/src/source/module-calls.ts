import type * as t from '@babel/types'

/** A `require(...)` or `import(...)` written in a function's body. */
export interface ModuleCall {
  /** The constant specifier, or undefined when it is computed at run time (`require(name)`). */
  specifier: string | undefined
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
  if (node.type !== 'CallExpression' || node.arguments.length === 0) return undefined
  const { callee } = node
  const isRequire = callee.type === 'Identifier' && callee.name === 'require'
  if (!isRequire && callee.type !== 'Import') return undefined

  const [argument] = node.arguments
  return { specifier: constantText(argument), start: node.start ?? 0 }
}

/** A string literal's text, or a template literal's when it has no `${...}`. */
function constantText(node: t.Node | undefined): string | undefined {
  if (node?.type === 'StringLiteral') return node.value
  if (node?.type === 'TemplateLiteral' && node.expressions.length === 0)
    return node.quasis[0]?.value.cooked ?? undefined
  return undefined
}

function isNode(value: unknown): value is t.Node {
  return typeof value === 'object' && value !== null && typeof (value as t.Node).type === 'string'
}
