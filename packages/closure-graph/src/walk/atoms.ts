import { Buffer } from 'node:buffer'
import { URL, URLSearchParams } from 'node:url'
import { types } from 'node:util'
import { type CaptureError, unsupportedProperty, unsupportedValue } from '../diagnostics.js'
import type { AtomCapture } from './captures.js'
import { globalPathOf } from '../globals.js'
import { NATIVE_CODE } from '../source/parse.js'
import { primitiveLiteral } from './literals.js'
import { memoryAtom } from './memory.js'
import type { CapturePath } from './path.js'
import type { Walker } from './walker.js'

type Atom = Pick<AtomCapture, 'kind' | 'expression'>

/**
 * Values with internal slots that one expression rebuilds: Date, RegExp, ArrayBuffer, typed
 * arrays, DataView and Node Buffers (sharing memory as they did, see memory.ts), URL,
 * URLSearchParams (still linked to its URL), boxed primitives. Returns undefined for anything
 * else.
 */
export function atomOf(walker: Walker, value: object, path: CapturePath): Atom | undefined {
  if (types.isDate(value) && isIntrinsic(value, 'Date')) {
    refuseExtraProperties(value, path)
    return constant('date', `new Date(${primitiveLiteral(value.getTime())})`)
  }
  if (types.isRegExp(value) && isIntrinsic(value, 'RegExp')) return regexpAtom(value, path)
  if (types.isArrayBuffer(value) && isIntrinsic(value, 'ArrayBuffer')) {
    refuseBuffer(value, path)
    return memoryAtom(walker, value, path, 'ArrayBuffer')
  }
  if (types.isTypedArray(value) || types.isDataView(value)) return viewAtom(walker, value, path)
  if (types.isBoxedPrimitive(value)) return boxedAtom(value, path)
  // Node implements URL in JavaScript, so only this realm's own classes are recognised. They are
  // imported, not read from the global: a REPL `const URL = ...` shadows the global process-wide.
  if (Object.getPrototypeOf(value) === URL.prototype) {
    refuseExtraProperties(value, path)
    return constant('url', `new URL(${JSON.stringify((value as URL).href)})`)
  }
  if (Object.getPrototypeOf(value) === URLSearchParams.prototype)
    return searchParamsAtom(walker, value as URLSearchParams, path)
  return undefined
}

/** A user symbol: one `Symbol(description)` shared by every use, so identity holds. */
export function symbolAtom(symbol: symbol): Atom {
  const description = symbol.description
  return constant(
    'symbol',
    `Symbol(${description === undefined ? '' : JSON.stringify(description)})`,
  )
}

function regexpAtom(value: RegExp, path: CapturePath): Atom {
  refuseExtraProperties(value, path, ['lastIndex'])
  const regexp = `new RegExp(${JSON.stringify(value.source)}, ${JSON.stringify(value.flags)})`
  const expression =
    value.lastIndex === 0 ? regexp : `Object.assign(${regexp}, { lastIndex: ${value.lastIndex} })`
  return constant('regexp', expression)
}

/**
 * `url.searchParams` is rebuilt as the rebuilt URL's own, so changing one still changes the other;
 * the URL is captured with it even when nothing else reaches it. A URLSearchParams of no URL is
 * rebuilt on its own.
 */
function searchParamsAtom(walker: Walker, params: URLSearchParams, path: CapturePath): Atom {
  refuseExtraProperties(params, path)
  const url = owningUrl(walker, params)
  if (!url) return constant('url', `new URLSearchParams(${JSON.stringify(params.toString())})`)
  const owner = walker.captureData(url, path.child('[[owner URL]]'))
  return { kind: 'url', expression: (text) => `${text(owner)}.searchParams` }
}

/**
 * The URL whose `searchParams` this is. Node 20 keeps it in the private field `#context` of the
 * URLSearchParams, and the URL keeps its URLSearchParams in `#searchParams` (made on first read):
 * both are read through the inspector, which runs no code of the objects.
 */
function owningUrl(walker: Walker, params: URLSearchParams): URL | undefined {
  const context = walker.inspector.privateValues(params).get('#context')
  if (typeof context !== 'object' || context === null) return undefined
  if (Object.getPrototypeOf(context) !== URL.prototype) return undefined
  const own = walker.inspector.privateValues(context).get('#searchParams')
  return own === params ? (context as URL) : undefined
}

/** Refuses an ArrayBuffer whose contents cannot be copied as they are. */
function refuseBuffer(buffer: ArrayBuffer, path: CapturePath): void {
  refuseExtraProperties(buffer, path)
  if ((buffer as { resizable?: boolean }).resizable) {
    throw unsupportedValue(path, 'a resizable ArrayBuffer')
  }
  if (isDetached(buffer)) {
    throw unsupportedValue(
      path,
      'a detached ArrayBuffer (its memory was transferred away, with `structuredClone` or `postMessage`)',
      'Capture the memory before transferring it, or the copy it was transferred to.',
    )
  }
}

/** Node 20 has no `detached` getter: a detached buffer is the one a view cannot be made over. */
function isDetached(buffer: ArrayBuffer): boolean {
  if (buffer.byteLength > 0) return false
  try {
    new Uint8Array(buffer)
    return false
  } catch {
    return true
  }
}

/**
 * A view is rebuilt over a copy of the memory it shares with the other captured views (see
 * memory.ts): views whose bytes overlap keep sharing them, and a Node Buffer stays a Buffer.
 * Shortcoming: an ArrayBuffer that only typed arrays and DataViews reach is copied whole, to keep
 * their offsets and `view.buffer` as they were; when it is Node's pool of small Buffers (as in
 * `new Uint8Array(buf.buffer, buf.byteOffset, buf.length)` with `buf` itself not captured), the
 * pool's unrelated bytes travel too. Where a Buffer lives in the memory only the views' bytes are
 * copied, so a Buffer's `byteOffset`, and views that do not overlap, are not kept as they were:
 * those views get separate copies.
 */
function viewAtom(walker: Walker, view: NodeJS.TypedArray | DataView, path: CapturePath): Atom {
  const name = constructorName(view)
  // A Buffer's class is Node's own (FastBuffer), and its own keys are not checked: reading every
  // index key of a large Buffer costs more than the bytes themselves.
  if (!Buffer.isBuffer(view)) {
    if (!isIntrinsic(view, name)) throw builtinSubclassInstance(view, path)
    const indices = types.isDataView(view) ? [] : indexKeys(view as NodeJS.TypedArray)
    refuseExtraProperties(view, path, indices)
  }
  if (types.isSharedArrayBuffer(view.buffer))
    throw unsupportedValue(path, 'a view of a SharedArrayBuffer (its memory is shared live)')
  if (!isIntrinsic(view.buffer, 'ArrayBuffer'))
    throw builtinSubclassInstance(view.buffer, path.child('buffer'))
  refuseBuffer(view.buffer, path.child('buffer'))
  return memoryAtom(walker, view, path, Buffer.isBuffer(view) ? 'Buffer' : name)
}

function boxedAtom(value: object, path: CapturePath): Atom {
  const primitive = (value as { valueOf(): unknown }).valueOf()
  refuseExtraProperties(
    value,
    path,
    typeof primitive === 'string' ? [...indexKeys(primitive), 'length'] : [],
  )
  if (typeof primitive === 'symbol') {
    const key = Symbol.keyFor(primitive)
    if (key === undefined)
      throw unsupportedValue(path, 'a boxed symbol that is not from Symbol.for')
    return constant('boxed', `Object(Symbol.for(${JSON.stringify(key)}))`)
  }
  return constant('boxed', `Object(${primitiveLiteral(primitive)})`)
}

function constant(kind: Atom['kind'], expression: string): Atom {
  return { kind, expression: () => expression }
}

function indexKeys(list: { length: number }): string[] {
  return Array.from({ length: list.length }, (_, i) => String(i))
}

export function refuseExtraProperties(
  value: object,
  path: CapturePath,
  allowed: string[] = [],
): void {
  const allow = new Set(allowed)
  const extra = Reflect.ownKeys(value).find((key) => !allow.has(String(key)))
  if (extra !== undefined)
    throw unsupportedProperty(path, String(extra), 'an extra property on a built-in object')
}

/** True when `value`'s prototype is some realm's built-in `name.prototype` (vm contexts too). */
export function isIntrinsic(value: object, name: string): boolean {
  const prototype = Object.getPrototypeOf(value) as { constructor?: unknown } | null
  const constructor = prototype && Object.getOwnPropertyDescriptor(prototype, 'constructor')?.value
  return (
    typeof constructor === 'function' &&
    constructor.name === name &&
    (constructor as { prototype?: unknown }).prototype === prototype &&
    isNativeFunction(constructor)
  )
}

/** Whether each function seen was native; a function's source text never changes. */
const nativeFunctions = new WeakMap<Function, boolean>()

/** True for a function implemented by the engine (`[native code]`), asked once per function. */
export function isNativeFunction(fn: Function): boolean {
  let native = nativeFunctions.get(fn)
  if (native === undefined) {
    native = NATIVE_CODE.test(Function.prototype.toString.call(fn))
    nativeFunctions.set(fn, native)
  }
  return native
}

/**
 * Refuses an instance of a user class that extends a built-in (`class Registry extends Map`),
 * saying which built-in: its internal slots (the Map's entries) can only be made by the built-in
 * constructor, and rebuilding them through the subclass is not supported yet.
 */
export function builtinSubclassInstance(value: object, path: CapturePath): CaptureError {
  const name = constructorName(value)
  const base = builtinBaseName(value)
  if (!base || base === 'Object') return unsupportedValue(path, `an instance of ${name}`)
  if (isIntrinsic(value, base)) {
    // Not a subclass: a built-in class whose internal state no expression here can rebuild.
    const constructor = (Object.getPrototypeOf(value) as { constructor: unknown }).constructor
    const known = globalPathOf(constructor, globalThis) ?? base
    return unsupportedValue(
      path,
      `an instance of the built-in ${known} (its internal state cannot be rebuilt outside the process that made it)`,
      `Create it inside the function, once if it is costly (\`let cached; ... cached ??= new ${known}(...)\`), from settings you keep in plain values.`,
    )
  }
  return unsupportedValue(
    path,
    `an instance of ${name}, a subclass of the built-in ${base} (instances of classes that extend built-ins are not supported yet: the ${base}'s internal contents can only be rebuilt by ${base} itself)`,
    `Capture the data as a plain ${base} (for example \`new ${base}(value)\` outside the function) and create the ${name} inside the function from it, or create the ${name} inside the function.`,
  )
}

/** The nearest built-in class on `value`'s prototype chain (`Map` for `class R extends Map`). */
function builtinBaseName(value: object): string | undefined {
  for (let at = Object.getPrototypeOf(value) as object | null; at; at = Object.getPrototypeOf(at)) {
    const constructor = Object.getOwnPropertyDescriptor(at, 'constructor')?.value as unknown
    if (typeof constructor !== 'function' || constructor.prototype !== at) continue
    if (isNativeFunction(constructor)) return constructor.name
  }
  return undefined
}

export function constructorName(value: object): string {
  const prototype = Object.getPrototypeOf(value) as { constructor?: { name?: unknown } } | null
  const name = prototype?.constructor?.name
  return typeof name === 'string' && name ? name : 'an unnamed class'
}
