import { EventEmitter } from 'node:events'
import { Socket } from 'node:net'
import { Stream } from 'node:stream'
import { types } from 'node:util'
import { unsupportedProperty, unsupportedValue } from '../diagnostics.js'
import { builtinReferenceOf } from '../modules/builtins.js'
import type {
  AtomCapture,
  Capture,
  Integrity,
  MapCapture,
  ModuleCapture,
  ObjectCapture,
  Ref,
  SetCapture,
} from './captures.js'
import { refuseInstancePrivate } from './classes.js'
import {
  atomOf,
  builtinSubclassInstance,
  constructorName,
  isIntrinsic,
  isNativeFunction,
  refuseExtraProperties,
} from './atoms.js'
import { integrityOf } from './integrity.js'
import { eachInOrder, whenReady, type Pending } from './in-order.js'
import { primitiveLiteral } from './literals.js'
import type { Walker } from './walker.js'
import type { CapturePath } from './path.js'

/**
 * Captures an object by value: arrays, plain objects (any prototype), errors, Map, Set, and the
 * built-ins `atomOf` rebuilds in one expression. Everything else is refused by name.
 */
export function captureObject(walker: Walker, value: object, path: CapturePath): Capture {
  const refused = refusedKind(value)
  if (refused) throw unsupportedValue(path, refused)

  const atom = atomOf(walker, value, path)
  if (atom) return walker.register<AtomCapture>(value, { ...atom, path })

  if (types.isMap(value) && isIntrinsic(value, 'Map')) return captureMap(walker, value, path)
  if (types.isSet(value) && isIntrinsic(value, 'Set')) return captureSet(walker, value, path)
  if (types.isNativeError(value)) return captureError(walker, value as Error, path)

  const array = Array.isArray(value) && isIntrinsic(value, 'Array')
  if (array || isOrdinaryObject(value)) return capturePlain(walker, value, path, array)
  throw builtinSubclassInstance(value, path)
}

/**
 * `import * as ns` of a package becomes the same import; a namespace of the user's own module
 * is captured as a plain object. Shortcoming: that object is not frozen like a real namespace.
 */
export async function captureNamespace(
  walker: Walker,
  namespace: object,
  path: CapturePath,
): Promise<Capture> {
  const builtin = builtinReferenceOf((namespace as { default?: unknown }).default)
  if (builtin?.importName === 'default') {
    const reference = { ...builtin, importName: '*' }
    return walker.register<ModuleCapture>(namespace, { kind: 'module', path, reference })
  }

  const member = Object.values(namespace).find((v): v is Function => typeof v === 'function')
  const script = member && scriptOf(walker, member)
  const reference = script ? await walker.packages.esmReferenceOf(namespace, script) : undefined
  if (reference)
    return walker.register<ModuleCapture>(namespace, { kind: 'module', path, reference })

  const capture = walker.register<ObjectCapture>(namespace, {
    kind: 'object',
    path,
    nullPrototype: true,
    entries: [],
    special: [],
    length: 0,
  })
  walker.later(async () => {
    for (const key of Object.keys(namespace)) {
      const value = (namespace as Record<string, unknown>)[key]
      capture.entries.push([key, await walker.capture(value, path.child(key))])
    }
  })
  return capture
}

/**
 * Own enumerable string-keyed data properties of `holder`, captured. Anything else (symbols,
 * accessors, hidden or read-only properties) is refused rather than dropped.
 */
export async function captureOwnProperties(
  walker: Walker,
  holder: object,
  path: CapturePath,
  skip: ReadonlySet<string>,
  integrity?: Integrity,
): Promise<Array<[string, Ref]>> {
  const captured: Array<[string, Ref]> = []
  for (const key of Reflect.ownKeys(holder)) {
    if (typeof key === 'symbol') throw unsupportedProperty(path, String(key), 'a symbol key')
    if (skip.has(key)) continue

    const descriptor = Object.getOwnPropertyDescriptor(holder, key)
    if (!descriptor) continue
    const problem = propertyProblem(descriptor, integrity)
    if (problem) throw unsupportedProperty(path, key, problem)
    captured.push([key, await walker.capture(descriptor.value, path.child(segment(holder, key)))])
  }
  return captured
}

/** Own keys an array literal writes by itself; nothing is skipped on other objects. */
const ARRAY_SKIP: ReadonlySet<string> = new Set(['length'])
const NO_SKIP: ReadonlySet<string> = new Set()

function capturePlain(
  walker: Walker,
  value: object,
  path: CapturePath,
  array: boolean,
  create?: Pick<ObjectCapture, 'create' | 'reset'>,
): Capture {
  const prototype = Object.getPrototypeOf(value) as object | null
  const capture = walker.register<ObjectCapture>(value, {
    kind: array ? 'array' : 'object',
    path,
    nullPrototype: prototype === null,
    entries: [],
    special: [],
    length: array ? (value as unknown[]).length : 0,
    integrity: integrityOf(value),
    ...create,
  })
  const skip = array ? ARRAY_SKIP : NO_SKIP
  walker.later(() => {
    if (prototype === null || isDefaultPrototype(value, prototype))
      return captureDescriptors(walker, value, path, skip, capture)
    refuseInstancePrivate(walker, value, path)
    return capturePrototypeRef(walker, prototype, path).then((proto) => {
      capture.proto = proto
      return captureDescriptors(walker, value, path, skip, capture)
    })
  })
  return capture
}

/**
 * Errors keep their internal slot (`new TypeError()`), then every own property as it was:
 * message, stack, cause, code, errors. A subclass instance keeps its prototype.
 */
function captureError(walker: Walker, error: Error, path: CapturePath): Capture {
  const base = intrinsicErrorName(error)
  if (!base) throw unsupportedValue(path, `an error of an unknown kind (${constructorName(error)})`)
  const create = base === 'AggregateError' ? `new ${base}([])` : `new ${base}()`
  return capturePlain(walker, error, path, false, { create, reset: ['stack', 'message', 'errors'] })
}

/**
 * Every own property of `holder` with its flags: plain ones go to `entries` (they can be written
 * in a literal), the rest (symbol keys, accessors, hidden or read-only) to `special`. Getters and
 * setters are captured as functions and never called.
 */
export function captureDescriptors(
  walker: Walker,
  holder: object,
  path: CapturePath,
  skip: ReadonlySet<string>,
  capture: ObjectCapture,
): Pending<void> {
  const frozenOrSealed = capture.integrity === 'freeze' || capture.integrity === 'seal'
  return eachInOrder(Reflect.ownKeys(holder), (key) => {
    if (typeof key === 'string' && skip.has(key)) return
    const descriptor = Object.getOwnPropertyDescriptor(holder, key)
    if (!descriptor) return

    const plain =
      typeof key === 'string' &&
      'value' in descriptor &&
      descriptor.enumerable &&
      (descriptor.writable || capture.integrity === 'freeze') &&
      (descriptor.configurable || frozenOrSealed)
    const label = typeof key === 'symbol' ? `[${String(key)}]` : segment(holder, key)
    if (!plain) return captureSpecial(walker, key, label, descriptor, path, capture)

    // Most values of large data are primitives, written inline: no path step is made for them.
    const value: unknown = descriptor.value
    if (isPrimitive(value) && typeof value !== 'symbol') {
      capture.entries.push([key, { inline: primitiveLiteral(value) }])
      return
    }
    return whenReady(walker.capture(value, path.child(label)), (ref) => {
      capture.entries.push([key, ref])
    })
  })
}

/** A property that a literal cannot write: a symbol key, an accessor, or unusual flags. */
async function captureSpecial(
  walker: Walker,
  key: string | symbol,
  label: string,
  descriptor: PropertyDescriptor,
  path: CapturePath,
  capture: ObjectCapture,
): Promise<void> {
  const isData = 'value' in descriptor
  capture.special.push({
    key: typeof key === 'symbol' ? await walker.capture(key, path.child(label)) : key,
    value: isData ? await walker.capture(descriptor.value, path.child(label)) : undefined,
    get: descriptor.get && (await walker.capture(descriptor.get, path.child(`get ${label}`))),
    set: descriptor.set && (await walker.capture(descriptor.set, path.child(`set ${label}`))),
    enumerable: descriptor.enumerable ?? false,
    writable: descriptor.writable ?? false,
    configurable: descriptor.configurable ?? false,
  })
}

/**
 * A prototype is named through its constructor when it is one (`Point.prototype`), so methods
 * stay where the constructor puts them; any other prototype object is captured by value.
 */
async function capturePrototypeRef(
  walker: Walker,
  prototype: object,
  path: CapturePath,
): Promise<Ref> {
  const constructor = Object.getOwnPropertyDescriptor(prototype, 'constructor')?.value as unknown
  if (typeof constructor === 'function' && constructor.prototype === prototype) {
    const ref = await walker.capture(constructor, path.child('constructor'))
    if ('inline' in ref) return { inline: `${ref.inline}.prototype` }
    if ('capture' in ref) return { prototypeOf: ref.capture }
  }
  return walker.capture(prototype, path.child('[[Prototype]]'))
}

function captureMap(walker: Walker, map: Map<unknown, unknown>, path: CapturePath): Capture {
  refuseExtraProperties(map, path)
  const capture = walker.register<MapCapture>(map, { kind: 'map', path, entries: [] })
  walker.later(() =>
    eachInOrder([...map.entries()], ([key, value], index) => {
      const literal = isPrimitive(key) && typeof key !== 'symbol'
      const label = literal ? `get(${primitiveLiteral(key)})` : `[[entry ${index}]]`
      return whenReady(walker.capture(key, path.child(`[[key ${index}]]`)), (keyRef) =>
        whenReady(walker.capture(value, path.child(label)), (valueRef) => {
          capture.entries.push([keyRef, valueRef])
        }),
      )
    }),
  )
  return capture
}

function captureSet(walker: Walker, set: Set<unknown>, path: CapturePath): Capture {
  refuseExtraProperties(set, path)
  const capture = walker.register<SetCapture>(set, { kind: 'set', path, items: [] })
  walker.later(() =>
    eachInOrder([...set], (item, index) =>
      whenReady(walker.capture(item, path.child(`[[item ${index}]]`)), (ref) => {
        capture.items.push(ref)
      }),
    ),
  )
  return capture
}

function refusedKind(value: object): string | undefined {
  if (types.isPromise(value)) return 'a Promise (it settles only in this process)'
  if (types.isWeakMap(value)) return 'a WeakMap (its keys cannot be listed)'
  if (types.isWeakSet(value)) return 'a WeakSet (its members cannot be listed)'
  if (types.isGeneratorObject(value)) return 'a running generator'
  if (types.isExternal(value)) return 'a native handle'
  if (types.isSharedArrayBuffer(value)) return 'a SharedArrayBuffer (its memory is shared live)'
  if (value instanceof Socket)
    return `a socket (${constructorName(value)}): it is a live connection`
  if (value instanceof Stream) return `a stream (${constructorName(value)}): its data flows live`
  if (value instanceof EventEmitter)
    return `an event emitter (${constructorName(value)}): its listeners and state are live`
  if (TIMERS.has(constructorName(value))) return `a timer (${constructorName(value)})`
  const tag = Object.prototype.toString.call(value)
  if (tag === '[object WeakRef]') return 'a WeakRef'
  if (tag === '[object Arguments]')
    return 'an `arguments` object (it is tied to the call that made it; copy it with `[...arguments]`)'
  if (tag === '[object FinalizationRegistry]') return 'a FinalizationRegistry'
  return undefined
}

/** Node's timer objects, known by class name (their classes are not exported). */
const TIMERS = new Set(['Timeout', 'Immediate'])

function propertyProblem(descriptor: PropertyDescriptor, integrity: Integrity | undefined) {
  if (descriptor.get || descriptor.set) return 'an accessor'
  if (!descriptor.enumerable) return 'not enumerable'
  if (!descriptor.writable && integrity !== 'freeze') return 'read-only'
  if (!descriptor.configurable && integrity !== 'freeze' && integrity !== 'seal')
    return 'not configurable'
  return undefined
}

/** An object whose class is none: `{}`, `Object.create(proto)`, `Object.create(null)`. */
function isOrdinaryObject(value: object): boolean {
  if (Object.prototype.toString.call(value) !== '[object Object]') return false
  const prototype = Object.getPrototypeOf(value) as object | null
  if (prototype === null || isIntrinsic(value, 'Object')) return true
  // An instance of a class or constructor function travels only with that constructor.
  const constructor = Object.getOwnPropertyDescriptor(prototype, 'constructor')?.value as unknown
  return typeof constructor !== 'function' || !isNativeFunction(constructor)
}

function isDefaultPrototype(value: object, prototype: object): boolean {
  if (Array.isArray(value)) return isIntrinsic(value, 'Array')
  if (types.isNativeError(value)) {
    const name = intrinsicErrorName(value as Error)
    return name !== undefined && isIntrinsic(value, name)
  }
  return isIntrinsic(value, 'Object') && Object.getPrototypeOf(prototype) === null
}

const ERROR_NAMES = [
  'Error',
  'TypeError',
  'RangeError',
  'SyntaxError',
  'ReferenceError',
  'EvalError',
  'URIError',
  'AggregateError',
]

/** The built-in error class at the root of an error's prototype chain. */
function intrinsicErrorName(error: Error): string | undefined {
  for (let at = error as object | null; at; at = Object.getPrototypeOf(at) as object | null) {
    const name = ERROR_NAMES.find((candidate) => isIntrinsic(at!, candidate))
    if (name) return name
  }
  return undefined
}

function segment(holder: object, key: string): string {
  return Array.isArray(holder) ? `[${key}]` : key
}

function isPrimitive(value: unknown): boolean {
  return value === null || (typeof value !== 'object' && typeof value !== 'function')
}

function scriptOf(walker: Walker, fn: Function): string | undefined {
  const location = walker.inspector.functionInternals(fn).location
  return location && walker.inspector.scriptUrl(location.scriptId)
}
