import { types } from 'node:util'
import { isAbsolute, relative } from 'node:path'
import { builtinExtensionsOf, type BuiltinExtensions } from '../builtin-extensions.js'
import { CaptureError, unsupportedValue } from '../diagnostics.js'
import { globalPathOf } from '../globals.js'
import type { Inspector } from '../inspector.js'
import { PackageReferences } from '../modules/packages.js'
import type { ModuleReference } from '../modules/reference.js'
import type { ParsedFunction } from '../source/parse.js'
import type {
  AtomCapture,
  Capture,
  FunctionCapture,
  ModuleCapture,
  ObjectCapture,
  Ref,
  SourceLocation,
} from './captures.js'
import { captureDescriptors } from './objects.js'
import { symbolAtom } from './atoms.js'
import { classify } from './classify.js'
import { GraphNode } from './graph-node.js'
import { integrityOf } from './integrity.js'
import { primitiveLiteral } from './literals.js'
import type { Pending } from './in-order.js'
import { CapturePath } from './path.js'

/**
 * The fixpoint walk: `capture` classifies a value and registers it at once (so cycles and shared
 * values resolve to the same capture), queueing the work of looking inside it; `walk` drains
 * that queue until nothing new turns up. Captures and ids come out in walk order, which makes
 * the emitted module deterministic.
 */
export class Walker {
  readonly captures: Capture[] = []
  readonly nodes: GraphNode[] = []
  /** Global objects of the realms the walked functions live in (a `vm` context has its own). */
  readonly realms = new Set<object>([globalThis])
  readonly packages = new PackageReferences()
  /** The live function behind each function capture (asked again for heap contexts). */
  readonly functions = new Map<FunctionCapture, Function>()
  /** The `{ exports }` object that stands in for each CommonJS `module` (see functions.ts). */
  readonly commonJsModules = new Map<object, { exports: unknown }>()
  /** Parsed function sources by their text (see `parse` in functions.ts). */
  readonly parsedSources = new Map<string, ParsedFunction>()
  private readonly extensions = new Map<object, BuiltinExtensions>()
  private readonly seen = new Map<unknown, Capture>()
  private readonly objectLabels = new Map<unknown, string>()
  private readonly pending: Array<() => Pending<void>> = []

  constructor(readonly inspector: Inspector) {}

  async walk(root: Function, name: string): Promise<Ref> {
    try {
      const ref = await this.capture(root, CapturePath.root(name))
      // An index, not shift(): shifting a long queue is quadratic.
      for (let next = 0; next < this.pending.length; next++) {
        const waiting = this.pending[next]!()
        if (waiting) await waiting
      }
      return ref
    } catch (error: unknown) {
      if (error instanceof CaptureError) locateError(error, this.captures)
      throw error
    }
  }

  /** Primitives are written inline; they get no capture and no entry in `graph.nodes`. */
  capture(value: unknown, path: CapturePath): Pending<Ref> {
    if (typeof value === 'symbol') return this.captureSymbol(value, path)
    if (!isObjectLike(value)) return { inline: primitiveLiteral(value) }

    const known = this.seen.get(value)
    if (known?.kind === 'object' && known.partial) this.complete(known)
    if (known) return { capture: known }
    if (types.isProxy(value)) throw unsupportedValue(path, 'a Proxy')

    const globalPath = this.globalPathOf(value)
    if (globalPath) {
      this.node('global', path)
      return { inline: globalPath }
    }
    const classified = classify(this, value, path)
    if (classified instanceof Promise) return classified.then((capture) => ({ capture }))
    return { capture: classified }
  }

  /** `capture` for a value that is known not to be a function, which is always ready at once. */
  captureData(value: object, path: CapturePath): Ref {
    const ref = this.capture(value, path)
    if (ref instanceof Promise) throw new Error(`internal: capturing ${path} needed a lookup`)
    return ref
  }

  /** A label saying which value this is: equal labels, same value (objects by identity). */
  readonly valueLabel = (value: unknown): string => {
    if (!isObjectLike(value) && typeof value !== 'symbol') {
      if (typeof value === 'string') return JSON.stringify(value)
      return `${typeof value}:${Object.is(value, -0) ? '-0' : String(value)}`
    }
    let label = this.objectLabels.get(value)
    if (!label) {
      label = `#${this.objectLabels.size + 1}`
      this.objectLabels.set(value, label)
    }
    return label
  }

  /** Names a realm by its global object. */
  realmLabel(globalObject: object | undefined): string {
    return `realm:${this.valueLabel(globalObject)}`
  }

  /**
   * A value an import declaration names: imported again instead of walked. A primitive import
   * binding is imported too (its value may be a live binding the module updates).
   */
  reference(value: unknown, path: CapturePath, reference: ModuleReference): Ref {
    // A value already captured another way keeps that one capture, so identity holds.
    const known = isObjectLike(value) ? this.seen.get(value) : undefined
    if (known) return { capture: known }
    const capture = { kind: 'module' as const, path, reference }
    if (isObjectLike(value)) return { capture: this.register<ModuleCapture>(value, capture) }
    const id = this.node('module', path)
    const registered: ModuleCapture = { ...capture, id }
    this.captures.push(registered)
    return { capture: registered }
  }

  /** `Symbol.for` and well-known symbols by name; a user symbol once, shared by all its uses. */
  private captureSymbol(symbol: symbol, path: CapturePath): Ref {
    const key = Symbol.keyFor(symbol)
    if (key !== undefined) return { inline: `Symbol.for(${JSON.stringify(key)})` }
    const wellKnown = wellKnownSymbolName(symbol)
    if (wellKnown) return { inline: `Symbol.${wellKnown}` }
    const known = this.seen.get(symbol)
    if (known) return { capture: known }
    const capture = { ...symbolAtom(symbol), path }
    return { capture: this.register<AtomCapture>(symbol, capture) }
  }

  /** True when `value` already has a capture. */
  hasCaptured(value: object): boolean {
    return this.seen.has(value)
  }

  /** Something reached the whole of a narrowed object: capture all of it, into the same capture. */
  private complete(capture: ObjectCapture): void {
    const value = capture.partial!.value
    capture.partial = undefined
    capture.entries = []
    this.later(() => captureDescriptors(this, value, capture.path, new Set(), capture))
  }

  /** Records a new capture for `value`; its id follows walk order. */
  register<T extends Capture>(value: object | symbol, capture: Omit<T, 'id'>): T {
    // The capture is always a fresh literal from the caller: given its id in place, not copied.
    const registered = Object.assign(capture, { id: this.node(capture.kind, capture.path) }) as T
    // A module reference is the package's own object; its state is the package's business.
    if (typeof value !== 'symbol' && registered.kind !== 'module' && !registered.integrity)
      registered.integrity = integrityOf(value)
    this.seen.set(value, registered)
    this.captures.push(registered)
    return registered
  }

  /** Members added to `realm`'s built-ins, compared with a fresh realm once per walk. */
  builtinExtensions(realm: object): BuiltinExtensions {
    let extensions = this.extensions.get(realm)
    if (!extensions) {
      extensions = builtinExtensionsOf(realm)
      this.extensions.set(realm, extensions)
    }
    return extensions
  }

  /** Queues looking inside a registered capture. */
  later(task: () => Pending<void>): void {
    this.pending.push(task)
  }

  private node(kind: string, path: CapturePath): string {
    const id = `n${this.nodes.length + 1}`
    this.nodes.push(new GraphNode(id, kind, path))
    return id
  }

  private globalPathOf(value: object): string | undefined {
    for (const realm of this.realms) {
      const path = globalPathOf(value, realm)
      if (path) return path
    }
    return undefined
  }
}

/** Points the error at the innermost captured function on its capture path. */
function locateError(error: CaptureError, captures: Capture[]): void {
  let best: FunctionCapture | undefined
  for (const capture of captures) {
    if (capture.kind !== 'function' || !capture.location) continue
    if (capture.path.depth > error.capturePath.length) continue
    if (best && capture.path.depth <= best.path.depth) continue
    if (capture.path.isPrefixOf(error.capturePath)) best = capture
  }
  if (best) locateAt(error, best)
}

/** Points the error at where `capture` is defined, with a code frame of its source. */
export function locateAt(error: CaptureError, capture: FunctionCapture): void {
  if (capture.location) locateSource(error, capture.location, capture.source)
}

/** Points the error at a function's source text and where V8 says it starts. */
export function locateSource(error: CaptureError, location: SourceLocation, source: string): void {
  const file = isAbsolute(location.script)
    ? relative(process.cwd(), location.script) || location.script
    : location.script
  error.locate(file, location.line + 1, location.column + 1, source)
}

function wellKnownSymbolName(symbol: symbol): string | undefined {
  return Object.getOwnPropertyNames(Symbol).find(
    (name) => (Symbol as unknown as Record<string, unknown>)[name] === symbol,
  )
}

export function isObjectLike(value: unknown): value is object {
  return typeof value === 'function' || (typeof value === 'object' && value !== null)
}
