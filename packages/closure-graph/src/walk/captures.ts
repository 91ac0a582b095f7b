import type { ModuleReference } from '../modules/reference.js'
import type { ParsedFunction } from '../source/parse.js'

/** How a captured value is referred to from the emitted code. */
export type Ref = { inline: string } | { capture: Capture }

interface CaptureBase {
  /** Stable id in walk order: c1, c2, ... */
  id: string
  /** The first capture path that reached the value: ['flatter', 'words']. */
  path: string[]
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
  /** Captured bindings, in order of first use in the source. */
  bindings: Array<{ name: string; value: Ref }>
  /** Own enumerable properties set on the function object (`fn.cache = {}`). */
  properties: Array<[string, Ref]>
  /** Properties added to `fn.prototype`, or a whole replacement prototype. */
  prototype?: { replacement?: Ref; properties: Array<[string, Ref]> }
}

export interface BoundCapture extends CaptureBase {
  kind: 'bound'
  target: Ref
  thisArg: Ref
  args: Ref[]
}

export type Integrity = 'freeze' | 'seal' | 'preventExtensions'

export interface ObjectCapture extends CaptureBase {
  kind: 'object' | 'array'
  nullPrototype: boolean
  entries: Array<[string, Ref]>
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

/** A value rebuilt by one self-contained expression (Date, RegExp, bytes). */
export interface AtomCapture extends CaptureBase {
  kind: 'date' | 'regexp' | 'bytes'
  expression: string
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
  return 'capture' in ref ? ref.capture : undefined
}
