import type { CaptureGraph, SerializeResult } from '../types.js'
import { ATOM_KINDS, refCapture } from '../walk/captures.js'
import type {
  AtomCapture,
  BoundCapture,
  Capture,
  FunctionCapture,
  ModuleCapture,
  Ref,
  RequireCapture,
} from '../walk/captures.js'
import type { ScopeNode, ScopeTree } from '../walk/scope-tree.js'
import { Declarations } from './declarations.js'
import { emitScopes } from './scopes.js'
import { emitImports } from './imports.js'
import { Names } from './names.js'
import { Output } from './output.js'
import { FunctionSources } from './sources.js'
import {
  emptyOf,
  fillStatements,
  integrityStatement,
  isLiteral,
  literalOf,
  type Container,
} from './values.js'

export interface EmittedModule {
  code: string
  map: SerializeResult['map']
  modules: CaptureGraph['modules']
}

/**
 * Globals the emitted code itself names (in atoms, fills and property steps): no top-level name
 * may shadow them (`const Buffer = Buffer.from(...)` would not load).
 */
const EMITTED_GLOBALS = [
  'Buffer',
  'URL',
  'URLSearchParams',
  'Date',
  'RegExp',
  'Object',
  'Symbol',
  'Map',
  'Set',
  'Array',
  'Function',
  'Error',
  'globalThis',
  'DataView',
  'ArrayBuffer',
  ...Object.getOwnPropertyNames(globalThis).filter((name) =>
    /^(Big)?(Int|Uint|Float)\w*Array$/.test(name),
  ),
]

/**
 * Writes the module in an order that makes cycles work: imports, then every function (bindings
 * still empty), then containers (declared, possibly empty), bound functions, container contents,
 * bind steps, function properties, freezing, and finally the default export.
 */
export function emitModule(
  captures: Capture[],
  tree: ScopeTree,
  root: Ref,
  resolveDir: string,
): EmittedModule {
  const output = new Output()
  const freeNames = captures.flatMap((c) => (c.kind === 'function' ? c.freeNames : []))
  const names = new Names([...freeNames, ...EMITTED_GLOBALS])
  const text = new Map<Capture, string>()
  const refText = (ref: Ref): string => {
    if ('inline' in ref) return ref.inline
    if ('prototypeOf' in ref) return `${text.get(ref.prototypeOf) ?? 'undefined'}.prototype`
    return text.get(ref.capture) ?? 'undefined'
  }

  output.line('// Rebuilt by @portkey/closure-graph: captured values as they were at capture time.')
  const references = captures.filter(
    (c): c is ModuleCapture | RequireCapture => c.kind === 'module' || c.kind === 'require',
  )
  const { expressions, modules } = emitImports(output, references, names)
  for (const [capture, expression] of expressions) text.set(capture, expression)

  const functions = captures.filter((c): c is FunctionCapture => c.kind === 'function')
  const sources = new FunctionSources(functions, resolveDir)
  const bindNames = emitScopes(output, tree, names, sources, text)
  emitAtoms(output, captures, names, text, refText)
  const containers = captures.filter(isContainer)
  const uses = countUses(captures, tree, root)
  const pending = declareContainers(output, containers, { names, text, refText, uses })
  emitBound(output, captures, names, text, refText)

  section(
    output,
    pending.flatMap((c) => fillStatements(c, text.get(c)!, refText)),
  )
  section(output, bindStatements(tree, bindNames, refText))
  section(output, propertyStatements(functions, text, refText))
  section(output, globalStatements(functions, refText))
  section(
    output,
    captures.flatMap((c) => (text.has(c) && integrityStatement(c, text.get(c)!)) || []),
  )

  output.line()
  output.line(`export default ${refText(root)}`)
  return { ...output.finish(), modules }
}

function emitAtoms(
  output: Output,
  captures: Capture[],
  names: Names,
  text: Map<Capture, string>,
  refText: (ref: Ref) => string,
): void {
  const atoms = captures.filter((c): c is AtomCapture => ATOM_KINDS.has(c.kind))
  if (atoms.length > 0) output.line()
  const declarations = new Declarations(names, atoms.length, 'atoms')
  for (const atom of atoms) text.set(atom, declarations.name(atom.path.segment ?? atom.kind))
  for (const line of declarations.header()) output.line(line)
  for (const atom of atoms)
    output.line(declarations.assign(text.get(atom)!, atom.expression(refText)))
}

/** How deep literals are written inside one another before a level gets a name of its own. */
const MAX_NESTING = 200

function containedCaptures(container: Container): Capture[] {
  const refs =
    container.kind === 'map'
      ? container.entries.flat()
      : container.kind === 'set'
        ? container.items
        : container.entries.map(([, value]) => value)
  return refs.flatMap((ref) => refCapture(ref) ?? [])
}

interface ContainerContext {
  names: Names
  text: Map<Capture, string>
  refText: (ref: Ref) => string
  uses: Map<Capture, number>
}

/**
 * Declares every container; returns those declared empty, whose contents come later.
 *
 * Walking backwards meets children first (they are registered after what holds them), so a
 * container can be a literal when everything it holds comes later in walk order: those are
 * declared before it. A literal used in exactly one place is written inside that place instead
 * of under a name (plain nested data comes out as one literal, about the size of its JSON).
 * Output order: containers declared empty first, then named literals, innermost first.
 */
function declareContainers(
  output: Output,
  containers: Container[],
  { names, text, refText, uses }: ContainerContext,
): Container[] {
  const order = new Map<Capture, number>(containers.map((c, index) => [c, index]))
  const nested = new Set<Capture>()
  const depth = new Map<Capture, number>()
  const literals: Container[] = []
  const pending = new Set<Container>()
  const declarations = new Declarations(names, containers.length, 'containers')
  const nameOf = (container: Container) =>
    declarations.name(container.path.segment ?? container.kind)

  for (let index = containers.length - 1; index >= 0; index--) {
    const container = containers[index]!
    // A name is given as soon as the form is known: literals written later may use it.
    if (!isLiteral(container, (capture) => (order.get(capture) ?? -1) > index)) {
      pending.add(container)
      text.set(container, nameOf(container))
      continue
    }
    const inner = deepest(containedCaptures(container), depth)
    const integrity = container.integrity
    // V8's parser recurses on nested literals and overflows a few thousand levels down.
    if (uses.get(container) === 1 && !integrity && inner < MAX_NESTING) {
      nested.add(container)
      depth.set(container, inner + 1)
      text.set(container, literalOf(container, refText))
    } else {
      literals.push(container)
      text.set(container, nameOf(container))
    }
  }

  const empty = containers.filter((c) => pending.has(c))
  if (empty.length + literals.length > 0) output.line()
  for (const line of declarations.header()) output.line(line)
  for (const container of empty)
    output.line(declarations.assign(text.get(container)!, emptyOf(container)))
  for (const container of literals)
    output.line(declarations.assign(text.get(container)!, literalOf(container, refText)))
  return empty
}

/** The greatest nesting depth among `captures` (a loop: an array may hold 100,000s of them). */
function deepest(captures: Capture[], depth: Map<Capture, number>): number {
  let most = 0
  for (const capture of captures) most = Math.max(most, depth.get(capture) ?? 0)
  return most
}

/** How many places of the emitted module name each capture. */
function countUses(captures: Capture[], tree: ScopeTree, root: Ref): Map<Capture, number> {
  const uses = new Map<Capture, number>()
  const use = (ref: Ref | undefined, times = 1) => {
    const capture = ref && refCapture(ref)
    if (capture) uses.set(capture, (uses.get(capture) ?? 0) + times)
  }
  use(root)
  for (const node of tree.nodes) for (const value of node.bindings.values()) use(value)
  for (const capture of captures) {
    if (capture.kind === 'function') {
      for (const [, value] of capture.properties) use(value)
      for (const [, value] of capture.prototype?.properties ?? []) use(value)
      use(capture.prototype?.replacement)
      use(capture.heritage, 2)
    } else if (capture.kind === 'bound') {
      for (const ref of [capture.target, capture.thisArg, ...capture.args]) use(ref)
    } else if (capture.kind === 'map') {
      for (const [key, value] of capture.entries) (use(key), use(value))
    } else if (capture.kind === 'set') {
      for (const item of capture.items) use(item)
    } else if (capture.kind === 'object' || capture.kind === 'array') {
      for (const [, value] of capture.entries) use(value)
      for (const p of capture.special) [p.value, p.get, p.set].forEach((ref) => use(ref))
      for (const p of capture.special) if (typeof p.key !== 'string') use(p.key)
      use(capture.proto)
    }
  }
  return uses
}

/** Bound functions come after containers (their arguments may be one) and after their target. */
function emitBound(
  output: Output,
  captures: Capture[],
  names: Names,
  text: Map<Capture, string>,
  refText: (ref: Ref) => string,
): void {
  const emit = (bound: BoundCapture): void => {
    if (text.has(bound)) return
    for (const ref of [bound.target, bound.thisArg, ...bound.args]) {
      const capture = refCapture(ref)
      if (capture?.kind === 'bound') emit(capture)
    }
    const name = names.allocate(bound.path.segment ?? 'bound')
    const args = [bound.thisArg, ...bound.args].map(refText).join(', ')
    output.line(`const ${name} = ${refText(bound.target)}.bind(${args})`)
    text.set(bound, name)
  }
  for (const capture of captures) if (capture.kind === 'bound') emit(capture)
}

function bindStatements(
  tree: ScopeTree,
  bindNames: Map<ScopeNode, string>,
  refText: (ref: Ref) => string,
): string[] {
  return tree.nodes.flatMap((node) => {
    if (node.bindings.size === 0) return []
    const values = [...node.bindings].map(([name, value]) => `${name}: ${refText(value)}`)
    return [`${bindNames.get(node)}({ ${values.join(', ')} })`]
  })
}

function propertyStatements(
  functions: FunctionCapture[],
  text: Map<Capture, string>,
  refText: (ref: Ref) => string,
): string[] {
  return functions.flatMap((fn) => {
    const name = text.get(fn)!
    const own = fn.properties.map(
      ([key, value]) => `${name}[${JSON.stringify(key)}] = ${refText(value)}`,
    )
    if (fn.heritage) {
      const base = refText(fn.heritage)
      own.push(`Object.setPrototypeOf(${name}, ${base})`)
      own.push(`Object.setPrototypeOf(${name}.prototype, ${base}.prototype)`)
    }
    const prototype = fn.prototype
    if (!prototype) return own
    if (prototype.replacement)
      return [...own, `${name}.prototype = ${refText(prototype.replacement)}`]
    const members = prototype.properties.map(
      ([key, value]) => `${name}.prototype[${JSON.stringify(key)}] = ${refText(value)}`,
    )
    return [...own, ...members]
  })
}

/** User-set globals the functions read as `globalThis.<name>`, each set once. */
function globalStatements(functions: FunctionCapture[], refText: (ref: Ref) => string): string[] {
  const globals = new Map<string, string>()
  for (const fn of functions) {
    for (const [name, value] of fn.globalMembers) {
      if (!globals.has(name))
        globals.set(name, `globalThis[${JSON.stringify(name)}] = ${refText(value)}`)
    }
  }
  return [...globals.values()]
}

function section(output: Output, statements: string[]): void {
  if (statements.length === 0) return
  output.line()
  for (const statement of statements) output.line(statement)
}

function isContainer(capture: Capture): capture is Container {
  return (
    capture.kind === 'object' ||
    capture.kind === 'array' ||
    capture.kind === 'map' ||
    capture.kind === 'set'
  )
}
