import type * as t from '@babel/types'

/** A `require(...)` or `import(...)` written in a function's body. */
export interface ModuleCall {
  /**
   * The constant specifier, or undefined when it is computed at run time (`require(name)`), or
   * when `require` itself is handed on as a value (`const load = require`).
   */
  specifier: string | undefined
  via: 'require' | 'import'
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
  /** `require` identifiers seen in a place that is not a value: a call's callee, a key, ... */
  const notValues = new Set<t.Node>()
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
    for (const child of requireNotAsValue(current)) notValues.add(child)
    if (isRequire(current) && !notValues.has(current))
      calls.push({ specifier: undefined, via: 'require', start: current.start ?? 0 })
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
  if (!isRequire(callee) && callee.type !== 'Import') return undefined

  const [argument] = node.arguments
  const via = callee.type === 'Import' ? 'import' : 'require'
  return { specifier: constantText(argument), via, start: node.start ?? 0 }
}

function isRequire(node: t.Node): node is t.Identifier {
  return node.type === 'Identifier' && node.name === 'require'
}

/**
 * The `require` identifiers directly under `node` that do not pass `require` on as a value: the
 * callee of a call, the object of `require.resolve`, a property name or key.
 */
function requireNotAsValue(node: t.Node): t.Node[] {
  if (node.type === 'CallExpression') return [node.callee]
  if (node.type === 'MemberExpression' || node.type === 'OptionalMemberExpression')
    return node.computed ? [node.object] : [node.object, node.property]
  if (
    node.type === 'ObjectProperty' ||
    node.type === 'ObjectMethod' ||
    node.type === 'ClassMethod' ||
    node.type === 'ClassProperty'
  )
    return node.computed ? [] : [node.key]
  return []
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
