import _traverse, { type NodePath } from '@babel/traverse'
import type * as t from '@babel/types'
import { getBindingIdentifiers } from '@babel/types'
import type { ParsedFunction } from './parse.js'

// @babel/traverse is CommonJS; under NodeNext its default export arrives wrapped once more.
type Traverse = typeof _traverse.default
const traverse: Traverse =
  (_traverse as unknown as { default?: Traverse }).default ?? (_traverse as unknown as Traverse)

export interface SourceAnalysis {
  /** Names the function reads or writes without declaring them, in order of first use. */
  freeNames: string[]
  /** `this`, `arguments`, `super` or `new.target` taken from the enclosing code, if any. */
  lexicalKeyword?: string
  /** True when a method uses `super` (its home object cannot be rebuilt). */
  usesSuper: boolean
}

/** Finds the free identifiers of a parsed function with Babel's scope analysis. */
export function analyseSource(parsed: ParsedFunction): SourceAnalysis {
  const file = wrapInFile(parsed.expression)
  const skip = computedKeyRange(parsed)
  const freeNames = new Set<string>()
  let lexicalKeyword: string | undefined
  let usesSuper = false

  traverse(file, {
    ReferencedIdentifier(path) {
      const name = (path.node as t.Identifier).name
      if (inRange(path.node, skip) || path.scope.hasBinding(name, { noGlobals: true })) return
      if (name === 'arguments' && hasOwnThis(path)) return
      if (name === 'arguments') lexicalKeyword ??= 'arguments'
      else freeNames.add(name)
    },
    'AssignmentExpression|ForXStatement'(path) {
      const target = path.isAssignmentExpression()
        ? path.node.left
        : (path.node as t.ForXStatement).left
      if (target.type === 'VariableDeclaration') return
      for (const name of Object.keys(getBindingIdentifiers(target))) {
        if (!path.scope.hasBinding(name, { noGlobals: true })) freeNames.add(name)
      }
    },
    ThisExpression(path) {
      if (!hasOwnThis(path)) lexicalKeyword ??= 'this'
    },
    Super(path) {
      usesSuper = true
      if (!hasOwnThis(path)) lexicalKeyword ??= 'super'
    },
    MetaProperty(path) {
      if (path.node.meta.name === 'new' && !hasOwnThis(path)) lexicalKeyword ??= 'new.target'
    },
  })

  return { freeNames: [...freeNames], lexicalKeyword, usesSuper }
}

/** True when `this` at `path` belongs to a function or class inside the analysed source. */
function hasOwnThis(path: NodePath): boolean {
  const owner = path.findParent(
    (p) =>
      (p.isFunction() && !p.isArrowFunctionExpression()) ||
      p.isClassProperty() ||
      p.isClassPrivateProperty() ||
      p.isStaticBlock(),
  )
  return owner !== null
}

function wrapInFile(expression: t.Expression): t.File {
  const statement: t.ExpressionStatement = {
    type: 'ExpressionStatement',
    expression,
  } as t.ExpressionStatement
  const program = { type: 'Program', body: [statement], directives: [], sourceType: 'script' }
  return { type: 'File', program } as t.File
}

function computedKeyRange(parsed: ParsedFunction): { start: number; end: number } | undefined {
  const key = parsed.method?.computedKey
  return key && { start: key.start + parsed.offset, end: key.end + parsed.offset }
}

function inRange(node: t.Node, range: { start: number; end: number } | undefined): boolean {
  return range !== undefined && (node.start ?? -1) >= range.start && (node.end ?? -1) <= range.end
}
