import type { ModuleReference } from '../modules/reference.js'
import type { ParsedFunction } from '../source/parse.js'
import type { CapturePath } from './path.js'

/** How a captured value is referred to from the emitted code. */
export type Ref = { inline: string } | { capture: Capture } | { prototypeOf: Capture }

interface CaptureBase {
  /** Stable id in walk order: c1, c2, ... */
  id: string
  /** The first capture path that reached the value: ['flatter', 'words']. */
  path: CapturePath
  /** Set when the value was frozen, sealed or made non-extensible: the rebuilt one is too. */
  integrity?: Integrity
}

/** Where a function's source text sits in its original script. */
export interface SourceLocation {
  /** The script: an absolute path for files, otherwise the script's url or a label. */
  script: string
  line: number
  column: number
}

export interface FunctionCapture extends CaptureBase {
  kind: 'function'
  name: string
  source: string
  parsed: ParsedFunction
  location?: SourceLocation
  /** Every name the source leaves free, captured or not (emitted names must avoid them). */
  freeNames: string[]
  /** Captured bindings, in order of first use in the source, with the scope each comes from. */
  bindings: Array<{ name: string; value: Ref; scope: number }>
  /** The function's `[[Scopes]]`, innermost first, as seen by the walk. */
  scopes: ScopeLink[]
  /** Names the source assigns to (`x = ...`, `x++`): a shared binding they live in is mutable. */
  writtenNames: string[]
  /** Free names read only through property chains, with those chains (see narrowing). */
  memberPaths: Map<string, string[][]>
  /** Names read as `globalThis.<name>` in the source. */
  globalMemberNames: string[]
  /**
   * User-set globals read as `globalThis.<name>`, with their values: the emitted module sets them
   * on its own global object, since the source keeps reading them from there.
   */
  globalMembers: Array<[string, Ref]>
  /** The source behaves differently in sloppy and strict mode. */
  modeSensitive: boolean
  /** False for a sloppy-mode function (rebuilt through `Function` so it stays sloppy). */
  strict: boolean
  /** Own enumerable properties set on the function object (`fn.cache = {}`). */
  properties: Array<[string, Ref]>
  /**
   * A class's superclass as it is now. The class text says `extends Object` instead and is
   * linked to it once every value exists, since `extends` is evaluated when the class is made.
   */
  heritage?: Ref
  /** Properties added to `fn.prototype`, or a whole replacement prototype. */
  prototype?: { replacement?: Ref; properties: Array<[string, Ref]> }
}

/** One entry of a function's `[[Scopes]]`, as far as identity is concerned. */
export interface ScopeLink {
  /** 'closure', 'block', 'catch', 'script', 'module', 'global', ... */
  type: string
  /** The inspector's label: `Closure (makeCounter)`. */
  label: string
  /**
   * What this scope is, as far as values can tell: the realm for global and script scopes, the
   * module for module scopes, the bindings' values for the others. Two links with the same
   * identity and the same outer identities may still be two contexts holding equal values; the
   * heap snapshot settles that when a captured function writes one of their bindings.
   */
  identity: string
}

export interface BoundCapture extends CaptureBase {
  kind: 'bound'
  target: Ref
  thisArg: Ref
  args: Ref[]
}

export type Integrity = 'freeze' | 'seal' | 'preventExtensions'

/** A property that is not a plain data property with a string key (defined with its flags). */
export interface PropertyCapture {
  /** A string key, or the captured symbol it is. */
  key: string | Ref
  value?: Ref
  get?: Ref
  set?: Ref
  enumerable: boolean
  writable: boolean
  configurable: boolean
}

export interface ObjectCapture extends CaptureBase {
  kind: 'object' | 'array'
  nullPrototype: boolean
  /** Plain data properties (enumerable, writable, configurable) with string keys, in order. */
  entries: Array<[string, Ref]>
  /** Every other own property, defined after the plain ones, in order. */
  special: PropertyCapture[]
  /** How the empty object is made when it is not `{}` or `[]` (`new TypeError()`). */
  create?: string
  /** Own keys the `create` expression adds that the original does not have as they are. */
  reset?: string[]
  /** A prototype other than the default one. */
  proto?: Ref
  /**
   * Set while only some properties were captured (the ones a function reads); cleared when
   * anything reaches the whole object, which then captures the rest into this same capture.
   */
  partial?: { value: object }
  /** Array length, kept apart from entries so holes survive. */
  length: number
  integrity?: Integrity
}

export interface MapCapture extends CaptureBase {
  kind: 'map'
  entries: Array<[Ref, Ref]>
}

export interface SetCapture extends CaptureBase {
  kind: 'set'
  items: Ref[]
}

/**
 * A value rebuilt by one expression (Date, RegExp, bytes, URL, boxed primitives, symbols). It may
 * name other atoms (a typed array its buffer), which are always registered before it.
 */
export interface AtomCapture extends CaptureBase {
  kind: 'date' | 'regexp' | 'bytes' | 'buffer' | 'view' | 'url' | 'boxed' | 'symbol'
  expression: (text: (ref: Ref) => string) => string
}

export interface ModuleCapture extends CaptureBase {
  kind: 'module'
  reference: ModuleReference
}

/** A CommonJS `require` captured by a function from a CommonJS file. */
export interface RequireCapture extends CaptureBase {
  kind: 'require'
}

export type Capture =
  | FunctionCapture
  | BoundCapture
  | ObjectCapture
  | MapCapture
  | SetCapture
  | AtomCapture
  | ModuleCapture
  | RequireCapture

export function refCapture(ref: Ref): Capture | undefined {
  return 'capture' in ref ? ref.capture : 'prototypeOf' in ref ? ref.prototypeOf : undefined
}

export const ATOM_KINDS = new Set<Capture['kind']>([
  'date',
  'regexp',
  'bytes',
  'buffer',
  'view',
  'url',
  'boxed',
  'symbol',
])
