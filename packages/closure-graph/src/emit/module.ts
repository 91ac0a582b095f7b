import type { CaptureGraph, SerializeResult } from '../types.js'
import type {
  AtomCapture,
  BoundCapture,
  Capture,
  FunctionCapture,
  ModuleCapture,
  Ref,
  RequireCapture,
} from '../walk/captures.js'
import { emitFunction, needsBind } from './functions.js'
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
 * Writes the module in an order that makes cycles work: imports, then every function (bindings
 * still empty), then containers (declared, possibly empty), bound functions, container contents,
 * bind steps, function properties, freezing, and finally the default export.
 */
export function emitModule(captures: Capture[], root: Ref, resolveDir: string): EmittedModule {
  const output = new Output()
  const names = new Names(captures.flatMap((c) => (c.kind === 'function' ? c.freeNames : [])))
  const text = new Map<Capture, string>()
  const refText = (ref: Ref) =>
    'inline' in ref ? ref.inline : (text.get(ref.capture) ?? 'undefined')

  output.line('// Rebuilt by @portkey/closure-graph: captured values as they were at capture time.')
  const references = captures.filter(
    (c): c is ModuleCapture | RequireCapture => c.kind === 'module' || c.kind === 'require',
  )
  const { expressions, modules } = emitImports(output, references, names)
  for (const [capture, expression] of expressions) text.set(capture, expression)

  const functions = captures.filter((c): c is FunctionCapture => c.kind === 'function')
  const bindNames = emitFunctions(output, functions, names, resolveDir, text)
  emitAtoms(output, captures, names, text)
  const containers = captures.filter(isContainer)
  const pending = declareContainers(output, containers, names, text, refText)
  emitBound(output, captures, names, text, refText)

  section(
    output,
    pending.flatMap((c) => fillStatements(c, text.get(c)!, refText)),
  )
  section(output, bindStatements(functions, bindNames, refText))
  section(output, propertyStatements(functions, text, refText))
  section(
    output,
    containers.flatMap((c) => integrityStatement(c, text.get(c)!) ?? []),
  )

  output.line()
  output.line(`export default ${refText(root)}`)
  return { ...output.finish(), modules }
}

function emitFunctions(
  output: Output,
  functions: FunctionCapture[],
  names: Names,
  resolveDir: string,
  text: Map<Capture, string>,
): Map<FunctionCapture, string> {
  const sources = new FunctionSources(functions, resolveDir)
  const valuesName = names.allocate('values')
  const bindNames = new Map<FunctionCapture, string>()

  for (const fn of functions) {
    const name = names.allocate(fn.name || fn.path.at(-1) || 'fn')
    text.set(fn, name)
    const bindName = needsBind(fn, name)
      ? names.allocate(`bind ${fn.name || 'function'}`)
      : undefined
    if (bindName) bindNames.set(fn, bindName)
    output.line()
    const sourceStart = sources.startOf(fn) ?? 0
    emitFunction(output, fn, sources.sourceOf(fn), { name, bindName, valuesName, sourceStart })
  }
  return bindNames
}

function emitAtoms(
  output: Output,
  captures: Capture[],
  names: Names,
  text: Map<Capture, string>,
): void {
  const atoms = captures.filter(
    (c): c is AtomCapture => c.kind === 'date' || c.kind === 'regexp' || c.kind === 'bytes',
  )
  if (atoms.length > 0) output.line()
  for (const atom of atoms) {
    const name = names.allocate(atom.path.at(-1) ?? atom.kind)
    text.set(atom, name)
    output.line(`const ${name} = ${atom.expression}`)
  }
}

/** Declares every container; returns those declared empty, whose contents come later. */
function declareContainers(
  output: Output,
  containers: Container[],
  names: Names,
  text: Map<Capture, string>,
  refText: (ref: Ref) => string,
): Container[] {
  if (containers.length > 0) output.line()
  for (const container of containers)
    text.set(container, names.allocate(container.path.at(-1) ?? container.kind))

  const pending: Container[] = []
  for (const container of containers) {
    const literal = isLiteral(container)
    if (!literal) pending.push(container)
    const value = literal ? literalOf(container, refText) : emptyOf(container)
    output.line(`const ${text.get(container)} = ${value}`)
  }
  return pending
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
      if ('capture' in ref && ref.capture.kind === 'bound') emit(ref.capture)
    }
    const name = names.allocate(bound.path.at(-1) ?? 'bound')
    const args = [bound.thisArg, ...bound.args].map(refText).join(', ')
    output.line(`const ${name} = ${refText(bound.target)}.bind(${args})`)
    text.set(bound, name)
  }
  for (const capture of captures) if (capture.kind === 'bound') emit(capture)
}

function bindStatements(
  functions: FunctionCapture[],
  bindNames: Map<FunctionCapture, string>,
  refText: (ref: Ref) => string,
): string[] {
  return functions.flatMap((fn) => {
    const bindName = bindNames.get(fn)
    if (!bindName) return []
    const values = fn.bindings.map((b) => `${b.name}: ${refText(b.value)}`)
    return [`${bindName}({ ${values.join(', ')} })`]
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
