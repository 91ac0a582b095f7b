import type MagicString from 'magic-string'
import type { Capture, FunctionCapture } from '../walk/captures.js'
import type { ScopeNode, ScopeTree } from '../walk/scope-tree.js'
import { functionComment, functionExpression, lineComment } from './functions.js'
import { DECLARATION_LIMIT } from './declarations.js'
import type { Names } from './names.js'
import type { Output } from './output.js'
import type { FunctionSources } from './sources.js'

/** Text of the emitted module, with function sources kept as MagicStrings for the map. */
type Piece = string | MagicString

interface Context {
  names: Names
  sources: FunctionSources
  valuesName: string
  text: Map<Capture, string>
  bindNames: Map<ScopeNode, string>
}

/**
 * Emits one factory per captured scope, nested as the scopes were: a scope's bindings become
 * real `let` bindings that every function defined in it shares, so a write by one function is
 * seen by the others and kept across calls. Each factory returns its functions and a bind step
 * that fills its bindings once every value exists (which is what lets cycles work).
 * Returns the bind step of each scope, by node.
 *
 * Shortcoming: factories nest as deep as the scopes do and are written recursively, so closures
 * nested thousands of levels deep (not a chain of siblings, which is flat) can overflow the stack
 * here and in the parser of the emitted module.
 */
export function emitScopes(
  output: Output,
  tree: ScopeTree,
  names: Names,
  sources: FunctionSources,
  text: Map<Capture, string>,
): Map<ScopeNode, string> {
  const context: Context = {
    names,
    sources,
    valuesName: names.allocate('values'),
    text,
    bindNames: new Map(),
  }
  for (const node of tree.nodes) context.bindNames.set(node, names.allocate(`bind ${node.id}`))
  for (const fn of [...tree.loose, ...tree.nodes.flatMap((n) => n.functions)]) {
    text.set(fn, names.allocate(fn.name || fn.path.segment || 'fn'))
  }

  for (const fn of tree.loose) {
    output.line()
    const pieces = [
      `${functionComment(fn, context.sources.filenameOf(fn))}\nconst ${text.get(fn)} = `,
      ...functionPieces(fn, context, true),
    ]
    emitPieces(output, pieces, [fn])
  }
  const slots = topLevelSlots(output, tree, names)
  for (const root of tree.roots) {
    const members = subtreeFunctions(root)
    const sloppy = members.some((fn) => !fn.strict)
    const exported = exportedMembers(root)
    const targets = exported.map((member) => (slots ? slots.next() : nameOf(member, context)))
    output.line()
    emitPieces(
      output,
      [
        // A statement that starts with `[` needs the `;`: it would index the line before it.
        `${slots ? ';' : 'const '}[${targets.join(', ')}] = `,
        ...factoryPieces(root, context, sloppy, ''),
      ],
      members,
    )
    // From here on (bind steps, containers), the module reaches them through their slots.
    if (slots)
      for (const [index, member] of exported.entries()) repoint(member, targets[index]!, context)
  }
  return context.bindNames
}

/**
 * One array for what the scope factories return, when they return more than V8 compiles as
 * declarations of one scope (a chain of 100,000 closures, each over its own scope). Inside a
 * factory, its functions keep their names.
 */
function topLevelSlots(output: Output, tree: ScopeTree, names: Names) {
  const count = tree.nodes.reduce((sum, node) => sum + 1 + node.functions.length, 0)
  if (count <= DECLARATION_LIMIT) return undefined
  const array = names.allocate('scopes')
  output.line()
  output.line(`const ${array} = new Array(${count})`)
  let used = 0
  return { next: () => `${array}[${used++}]` }
}

/** The functions and bind steps a factory returns, in the order `factoryPieces` returns them. */
function exportedMembers(node: ScopeNode): Array<FunctionCapture | ScopeNode> {
  const members: Array<FunctionCapture | ScopeNode> = [...node.functions, node]
  for (const child of node.children)
    for (const member of exportedMembers(child)) members.push(member)
  return members
}

function nameOf(member: FunctionCapture | ScopeNode, context: Context): string {
  return 'kind' in member ? context.text.get(member)! : context.bindNames.get(member)!
}

function repoint(member: FunctionCapture | ScopeNode, target: string, context: Context): void {
  if ('kind' in member) context.text.set(member, target)
  else context.bindNames.set(member, target)
}

/**
 * Writes the pieces. A sloppy-mode function cannot be written into an ES module (modules are
 * always strict), so its whole factory is built by the `Function` constructor, which compiles
 * sloppy code. Shortcoming: those function bodies lose their source map.
 */
function emitPieces(output: Output, pieces: Piece[], functions: FunctionCapture[]): void {
  if (functions.every((fn) => fn.strict)) {
    for (const piece of pieces) {
      if (typeof piece === 'string') output.text(piece)
      else output.source(piece)
    }
    output.line()
    return
  }
  const [head, ...rest] = pieces.map(String)
  const body = `return ${rest.join('')}`
  output.line(`${head}Function(${JSON.stringify(body)})()`)
}

function factoryPieces(node: ScopeNode, context: Context, sloppy: boolean, indent: string) {
  const inner = `${indent}  `
  const pieces: Piece[] = [`(() => {\n${inner}${lineComment(node.label || node.type)}\n`]
  const declared = [...node.bindings.keys()]
  if (declared.length > 0) pieces.push(`${inner}let ${declared.join(', ')}\n`)

  for (const fn of node.functions) {
    const comment = functionComment(fn, context.sources.filenameOf(fn))
    pieces.push(`${inner}${comment}\n${inner}const ${context.text.get(fn)} = `)
    pieces.push(...functionPieces(fn, context, !sloppy || !fn.strict))
    pieces.push('\n')
  }
  for (const child of node.children) {
    const names = exportedNames(child, context)
    pieces.push(`${inner}const [${names.join(', ')}] = `)
    for (const piece of factoryPieces(child, context, sloppy, inner)) pieces.push(piece)
    pieces.push('\n')
  }

  const own = node.functions.map((fn) => context.text.get(fn)!)
  const bind = `(${context.valuesName}) => ({ ${declared.join(', ')} } = ${context.valuesName})`
  const childExports = node.children.flatMap((child) => exportedNames(child, context))
  pieces.push(`${inner}return [${[...own, bind, ...childExports].join(', ')}]\n${indent}})()`)
  return pieces
}

/**
 * One function as an expression. In a factory compiled as sloppy code, a strict function is
 * wrapped in a strict arrow so it stays strict (`plain` says no wrapper is needed).
 */
function functionPieces(fn: FunctionCapture, context: Context, plain: boolean): Piece[] {
  const source = context.sources.sourceOf(fn)
  const start = context.sources.startOf(fn) ?? 0
  const { prefix, suffix } = functionExpression(fn, context.text.get(fn)!, source, start)
  const expression: Piece[] = [prefix, source, suffix]
  if (plain) return expression
  return [`(() => { 'use strict'; return `, ...expression, ' })()']
}

/** Names a factory returns, in order: its functions, its bind step, then its children's. */
function exportedNames(node: ScopeNode, context: Context): string[] {
  return exportedMembers(node).map((member) => nameOf(member, context))
}

function subtreeFunctions(node: ScopeNode): FunctionCapture[] {
  return [...node.functions, ...node.children.flatMap(subtreeFunctions)]
}
