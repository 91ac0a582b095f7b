import { parse } from '@babel/parser'
import _traverse, { type NodePath, type Scope } from '@babel/traverse'
import type * as t from '@babel/types'
import { getBindingIdentifiers } from '@babel/types'
import { parseFunctionSource, type ParsedFunction } from './parse.js'

// @babel/traverse is CommonJS; under NodeNext its default export arrives wrapped once more.
type Traverse = typeof _traverse.default
const traverse: Traverse =
  (_traverse as unknown as { default?: Traverse }).default ?? (_traverse as unknown as Traverse)

export interface SourceAnalysis {
  /** Names the function reads or writes without declaring them, in order of first use. */
  freeNames: string[]
  /** Free names the function assigns to or updates. */
  writtenNames: string[]
  /** `this`, `arguments`, `super` or `new.target` taken from the enclosing code, if any. */
  lexicalKeyword?: string
  /** True when a method uses `super` (its home object cannot be rebuilt). */
  usesSuper: boolean
  /**
   * True when the source does something that behaves differently in sloppy and strict mode
   * (its own `this`, `arguments`, property writes and deletes, `eval`, block functions).
   */
  modeSensitive: boolean
  /**
   * For each free name read only through property chains (`config.db.host`), the chains. A name
   * used any other way (passed on, written, called as a method's object) is absent. Empty when
   * the source uses `eval` or `with`: code the analysis cannot see may then read any property.
   */
  memberPaths: Map<string, string[][]>
  /**
   * Free names the class itself uses while it is being defined: in a static block, a static
   * field's initialiser or a computed member key (`globalThis.<name>` for a global read through
   * `globalThis`). That code runs again when the class text loads.
   */
  loadTimeNames: string[]
  /** Names read as `globalThis.<name>` (or `global.<name>`) when `globalThis` itself is free. */
  globalMembers: string[]
  /**
   * True when a direct `eval` runs code built at run time: that code may read or write any
   * binding the function can see, named in its source or not. (A direct `eval` of a string
   * literal is analysed like the rest of the source instead: its free names are listed above.)
   *
   * Shortcoming: code run in the global scope is not looked into (an indirect `(0, eval)(code)`,
   * `new Function(code)`, `setTimeout(code)`), so a user's global that only such code reads (a
   * REPL `var`) is not captured, and the rebuilt function throws a ReferenceError there.
   */
  evalsDynamicCode: boolean
}

/** Analyses by parse: one parse is shared by every function with the same source text. */
const analyses = new WeakMap<ParsedFunction, SourceAnalysis>()

/**
 * Finds the free identifiers of a parsed function with Babel's scope analysis. The result is
 * shared between functions of one source text, so callers must not change it.
 */
export function analyseSource(parsed: ParsedFunction): SourceAnalysis {
  let analysis = analyses.get(parsed)
  if (!analysis) {
    analysis = analyse(parsed)
    analyses.set(parsed, analysis)
  }
  return analysis
}

function analyse(parsed: ParsedFunction): SourceAnalysis {
  const file = wrapInFile(parsed.expression)
  const skip = computedKeyRange(parsed)
  const freeNames = new Set<string>()
  const writtenNames = new Set<string>()
  let lexicalKeyword: string | undefined
  let usesSuper = false
  let modeSensitive = false
  let dynamicScope = false
  const memberPaths = new Map<string, string[][] | 'whole'>()
  const noteUse = (name: string, chain: string[] | undefined) => {
    const known = memberPaths.get(name)
    if (known === 'whole') return
    if (!chain || chain.length === 0) memberPaths.set(name, 'whole')
    else memberPaths.set(name, [...(known ?? []), chain])
  }

  const loadTimeNames = new Set<string>()
  const globalMembers = new Set<string>()
  let evalsDynamicCode = false
  const addEvalCode = (path: NodePath) => {
    const code = evalLiteralCode(path)
    if (!code) {
      evalsDynamicCode ||= isDirectEval(path)
      return
    }
    const inner = analyseSource(code)
    evalsDynamicCode ||= inner.evalsDynamicCode
    usesSuper ||= inner.usesSuper
    if (inner.lexicalKeyword && !hasOwnThis(path)) lexicalKeyword ??= inner.lexicalKeyword
    const atDefinition = runsAtClassDefinition(path, parsed)
    for (const name of inner.freeNames) {
      if (isBound(path, name)) continue
      freeNames.add(name)
      noteUse(name, undefined)
      if (atDefinition) loadTimeNames.add(name)
      if (inner.writtenNames.includes(name)) writtenNames.add(name)
    }
    if (isBound(path, 'globalThis') || isBound(path, 'global')) return
    for (const member of inner.globalMembers) globalMembers.add(member)
  }

  traverse(file, {
    ReferencedIdentifier(path) {
      const name = (path.node as t.Identifier).name
      if (inRange(path.node, skip) || isBound(path, name)) return
      if (name === 'eval' || name === 'arguments') modeSensitive = true
      if (name === 'eval') dynamicScope = true
      if (name === 'eval') addEvalCode(path)
      if (name === 'arguments' && hasOwnThis(path)) return
      if (name === 'arguments') lexicalKeyword ??= 'arguments'
      else {
        freeNames.add(name)
        noteUse(name, readChain(path))
        if (runsAtClassDefinition(path, parsed)) loadTimeNames.add(name)
        const member = globalMemberName(path)
        if (member) globalMembers.add(member)
        if (member && runsAtClassDefinition(path, parsed)) loadTimeNames.add(`globalThis.${member}`)
      }
    },
    'AssignmentExpression|ForXStatement'(path) {
      const target = path.isAssignmentExpression()
        ? path.node.left
        : (path.node as t.ForXStatement).left
      if (target.type === 'VariableDeclaration') return
      if (target.type !== 'Identifier') modeSensitive = true
      for (const name of Object.keys(getBindingIdentifiers(target))) {
        if (isBound(path, name)) continue
        freeNames.add(name)
        writtenNames.add(name)
        noteUse(name, undefined)
        if (runsAtClassDefinition(path, parsed)) loadTimeNames.add(name)
      }
    },
    UpdateExpression(path) {
      const target = path.node.argument
      if (target.type !== 'Identifier') modeSensitive = true
      if (target.type !== 'Identifier') return
      if (!isBound(path, target.name)) writtenNames.add(target.name)
    },
    ThisExpression(path) {
      if (!hasOwnThis(path)) lexicalKeyword ??= 'this'
      modeSensitive = true
    },
    WithStatement() {
      dynamicScope = true
    },
    UnaryExpression(path) {
      if (path.node.operator === 'delete') modeSensitive = true
    },
    FunctionDeclaration(path) {
      if (!path.parentPath.isProgram() && !path.parentPath.parentPath?.isFunction())
        modeSensitive = true
    },
    Super(path) {
      usesSuper = true
      if (!hasOwnThis(path)) lexicalKeyword ??= 'super'
    },
    MetaProperty(path) {
      if (path.node.meta.name === 'new' && !hasOwnThis(path)) lexicalKeyword ??= 'new.target'
    },
  })

  return {
    freeNames: [...freeNames],
    writtenNames: [...writtenNames],
    lexicalKeyword,
    usesSuper,
    modeSensitive,
    memberPaths: dynamicScope
      ? new Map()
      : new Map(
          [...memberPaths].flatMap(([name, paths]) => (paths === 'whole' ? [] : [[name, paths]])),
        ),
    loadTimeNames: [...loadTimeNames],
    globalMembers: [...globalMembers],
    evalsDynamicCode,
  }
}

/**
 * True when `name` at `path` is declared inside the analysed source. Babel gives a function's
 * parameters and its body's declarations one scope, but a parameter's default value cannot see
 * the body's (`function f(a = URL) { var URL }` reads the outer `URL`): for code in the parameter
 * list, a body declaration is passed over and the lookup goes on outside the function.
 */
function isBound(path: NodePath, name: string): boolean {
  for (let scope: Scope | undefined = path.scope; scope; scope = scope.parent) {
    const binding = scope.getOwnBinding(name)
    if (!binding) continue
    const inBody = binding.kind !== 'param' && binding.kind !== 'local'
    if (!(inBody && scope.path.isFunction() && inParameters(path, scope.path))) return true
  }
  return false
}

/** True when `path` is inside the parameter list of the function at `fn`. */
function inParameters(path: NodePath, fn: NodePath): boolean {
  for (let at: NodePath = path; at.parentPath; at = at.parentPath) {
    if (at.parentPath === fn) return at.listKey === 'params'
  }
  return false
}

/** True for the callee of `eval(...)`: a direct eval, which sees the scope it is called in. */
function isDirectEval(path: NodePath): boolean {
  const call = path.parentPath
  return call?.isCallExpression() === true && call.node.callee === path.node
}

/**
 * The code of a direct eval whose code is a string literal, parsed as the body of an arrow
 * function: that keeps its `this`, `arguments` and `var`s as eval would. Undefined for code
 * built at run time, and for a literal that does not parse as a script (the analysis cannot
 * vouch for what V8 would make of it).
 */
function evalLiteralCode(path: NodePath): ParsedFunction | undefined {
  if (!isDirectEval(path)) return undefined
  const [code] = (path.parentPath!.node as t.CallExpression).arguments
  const text =
    code?.type === 'StringLiteral'
      ? code.value
      : code?.type === 'TemplateLiteral' && code.expressions.length === 0
        ? code.quasis[0]?.value.cooked
        : undefined
  if (text === undefined) return undefined
  try {
    parse(text, { sourceType: 'script' })
    return parseFunctionSource(`() => {\n${text}\n}`)
  } catch {
    // Code V8 would refuse too, or code the wrapping changes: taken as code built at run time.
    return undefined
  }
}

/**
 * True when the code at `path` runs as the analysed class is defined: inside a static block or
 * a static field's initialiser of the class (anything nested there counts, it may be called
 * right away), or in a computed key of one of its members.
 */
function runsAtClassDefinition(path: NodePath, parsed: ParsedFunction): boolean {
  if (parsed.form !== 'class') return false
  for (let at: NodePath = path; at.parentPath; at = at.parentPath) {
    const parent = at.parentPath
    if (parent.isStaticBlock()) return true
    const member =
      parent.isClassMethod() ||
      parent.isClassPrivateMethod() ||
      parent.isClassProperty() ||
      parent.isClassPrivateProperty()
    if (!member) continue
    if (at.key === 'key') return (parent.node as { computed?: boolean }).computed === true
    // A method body runs when called, an instance field's initialiser when an instance is made.
    return (parent.node as { static?: boolean }).static === true && at.key === 'value'
  }
  return false
}

/** `globalThis.appCfg` (or `global.appCfg`) read from a free `globalThis`: 'appCfg'. */
function globalMemberName(path: NodePath): string | undefined {
  const name = (path.node as t.Identifier).name
  if (name !== 'globalThis' && name !== 'global') return undefined
  const parent = path.parentPath
  if (!parent?.isMemberExpression() || parent.node.object !== path.node) return undefined
  const property = parent.node.property
  if (!parent.node.computed && property.type === 'Identifier') return property.name
  if (parent.node.computed && property.type === 'StringLiteral') return property.value
  return undefined
}

/**
 * The property chain read from an identifier (`config.db.host` -> ['db', 'host']), or undefined
 * when the value is used whole. The object a method is called on is needed whole (the method
 * may use `this`), so `config.db.connect()` reads ['db'] whole; writes and deletes through the
 * chain, computed keys and optional chains make the whole value needed.
 */
function readChain(path: NodePath): string[] | undefined {
  const chain: string[] = []
  let current: NodePath = path
  for (;;) {
    const parent = current.parentPath
    if (!parent?.isMemberExpression() || parent.node.object !== current.node) break
    if (parent.node.computed || parent.node.property.type !== 'Identifier') return undefined
    chain.push(parent.node.property.name)
    current = parent
  }
  const top = current.parentPath
  if (top?.isCallExpression() && top.node.callee === current.node) chain.pop()
  const writes =
    (top?.isAssignmentExpression() && top.node.left === current.node) ||
    top?.isUpdateExpression() ||
    (top?.isUnaryExpression() && top.node.operator === 'delete')
  if (writes) return undefined
  return chain
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
