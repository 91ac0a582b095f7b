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
import { primitiveLiteral } from './literals.js'
import type { Walker } from './walker.js'

/** Captures an object by value: arrays, plain objects, Map, Set, Date, RegExp and bytes. */
export function captureObject(walker: Walker, value: object, path: string[]): Capture {
  const refused = refusedKind(value)
  if (refused) throw unsupportedValue(path, refused)

  const atom = atomExpression(value, path)
  if (atom)
    return walker.register<AtomCapture>(value, {
      kind: atom.kind,
      path,
      expression: atom.expression,
    })

  if (types.isMap(value) && isIntrinsic(value, 'Map')) return captureMap(walker, value, path)
  if (types.isSet(value) && isIntrinsic(value, 'Set')) return captureSet(walker, value, path)

  const array = Array.isArray(value) && isIntrinsic(value, 'Array')
  if (array || isPlainObject(value)) return capturePlain(walker, value, path, array)
  throw unsupportedValue(path, `an instance of ${constructorName(value)}`)
}

/**
 * `import * as ns` of a package becomes the same import; a namespace of the user's own module
 * is captured as a plain object. Shortcoming: that object is not frozen like a real namespace.
 */
export async function captureNamespace(
  walker: Walker,
  namespace: object,
  path: string[],
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
    length: 0,
  })
  walker.later(async () => {
    for (const key of Object.keys(namespace)) {
      const value = (namespace as Record<string, unknown>)[key]
      capture.entries.push([key, await walker.capture(value, [...path, key])])
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
  path: string[],
  skip: Set<string>,
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
    captured.push([key, await walker.capture(descriptor.value, [...path, segment(holder, key)])])
  }
  return captured
}

function capturePlain(walker: Walker, value: object, path: string[], array: boolean): Capture {
  const integrity = integrityOf(value)
  const capture = walker.register<ObjectCapture>(value, {
    kind: array ? 'array' : 'object',
    path,
    nullPrototype: Object.getPrototypeOf(value) === null,
    entries: [],
    length: array ? (value as unknown[]).length : 0,
    integrity,
  })
  const skip = new Set(array ? ['length'] : [])
  walker.later(async () => {
    capture.entries = await captureOwnProperties(walker, value, path, skip, integrity)
  })
  return capture
}

function captureMap(walker: Walker, map: Map<unknown, unknown>, path: string[]): Capture {
  refuseExtraProperties(map, path)
  const capture = walker.register<MapCapture>(map, { kind: 'map', path, entries: [] })
  walker.later(async () => {
    for (const [index, [key, value]] of [...map.entries()].entries()) {
      const label = isPrimitive(key) ? `get(${primitiveLiteral(key)})` : `[[entry ${index}]]`
      const keyRef = await walker.capture(key, [...path, `[[key ${index}]]`])
      capture.entries.push([keyRef, await walker.capture(value, [...path, label])])
    }
  })
  return capture
}

function captureSet(walker: Walker, set: Set<unknown>, path: string[]): Capture {
  refuseExtraProperties(set, path)
  const capture = walker.register<SetCapture>(set, { kind: 'set', path, items: [] })
  walker.later(async () => {
    for (const [index, item] of [...set].entries()) {
      capture.items.push(await walker.capture(item, [...path, `[[item ${index}]]`]))
    }
  })
  return capture
}

/** Values rebuilt by one expression, with nothing inside them to walk. */
function atomExpression(
  value: object,
  path: string[],
): Pick<AtomCapture, 'kind' | 'expression'> | undefined {
  if (types.isDate(value) && isIntrinsic(value, 'Date')) {
    refuseExtraProperties(value, path)
    return { kind: 'date', expression: `new Date(${primitiveLiteral(value.getTime())})` }
  }
  if (types.isRegExp(value) && isIntrinsic(value, 'RegExp')) {
    refuseExtraProperties(value, path, ['lastIndex'])
    const regexp = `new RegExp(${JSON.stringify(value.source)}, ${JSON.stringify(value.flags)})`
    const expression =
      value.lastIndex === 0 ? regexp : `Object.assign(${regexp}, { lastIndex: ${value.lastIndex} })`
    return { kind: 'regexp', expression }
  }
  if (types.isTypedArray(value)) return { kind: 'bytes', expression: bytesExpression(value, path) }
  return undefined
}

/**
 * Buffers and typed arrays are copied byte for byte. Shortcoming: two views of one ArrayBuffer
 * become two separate buffers.
 */
function bytesExpression(view: NodeJS.TypedArray, path: string[]): string {
  const bytes = Buffer.from(view.buffer, view.byteOffset, view.byteLength).toString('base64')
  const decoded = `Buffer.from(${JSON.stringify(bytes)}, 'base64')`
  if (Buffer.isBuffer(view)) return decoded

  const name = constructorName(view)
  if (!isIntrinsic(view, name)) throw unsupportedValue(path, `an instance of ${name}`)
  return `new ${name}(new Uint8Array(${decoded}).buffer)`
}

function refusedKind(value: object): string | undefined {
  if (types.isPromise(value)) return 'a Promise (it settles only in this process)'
  if (types.isWeakMap(value)) return 'a WeakMap (its keys cannot be listed)'
  if (types.isWeakSet(value)) return 'a WeakSet (its members cannot be listed)'
  if (types.isGeneratorObject(value)) return 'a running generator'
  if (types.isBoxedPrimitive(value)) return 'a boxed primitive'
  if (types.isExternal(value)) return 'a native handle'
  if (types.isAnyArrayBuffer(value) || types.isDataView(value))
    return 'a raw ArrayBuffer or DataView'
  const tag = Object.prototype.toString.call(value)
  if (tag === '[object WeakRef]') return 'a WeakRef'
  if (tag === '[object FinalizationRegistry]') return 'a FinalizationRegistry'
  return undefined
}

function propertyProblem(descriptor: PropertyDescriptor, integrity: Integrity | undefined) {
  if (descriptor.get || descriptor.set) return 'an accessor'
  if (!descriptor.enumerable) return 'not enumerable'
  if (!descriptor.writable && integrity !== 'freeze') return 'read-only'
  if (!descriptor.configurable && integrity !== 'freeze' && integrity !== 'seal')
    return 'not configurable'
  return undefined
}

function refuseExtraProperties(value: object, path: string[], allowed: string[] = []): void {
  const extra = Reflect.ownKeys(value).find((key) => !allowed.includes(String(key)))
  if (extra !== undefined)
    throw unsupportedProperty(path, String(extra), 'an extra property on a built-in object')
}

function integrityOf(value: object): Integrity | undefined {
  if (Object.isExtensible(value)) return undefined
  if (Object.isFrozen(value)) return 'freeze'
  return Object.isSealed(value) ? 'seal' : 'preventExtensions'
}

function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value) as object | null
  return (
    prototype === null ||
    (Object.getPrototypeOf(prototype) === null && isIntrinsic(value, 'Object'))
  )
}

/** True when `value`'s prototype is some realm's built-in `name.prototype` (vm contexts too). */
function isIntrinsic(value: object, name: string): boolean {
  const prototype = Object.getPrototypeOf(value) as { constructor?: unknown } | null
  const constructor = prototype && Object.getOwnPropertyDescriptor(prototype, 'constructor')?.value
  return (
    typeof constructor === 'function' &&
    constructor.name === name &&
    (constructor as { prototype?: unknown }).prototype === prototype &&
    /\{\s*\[native code\]\s*\}$/.test(Function.prototype.toString.call(constructor))
  )
}

function constructorName(value: object): string {
  const prototype = Object.getPrototypeOf(value) as { constructor?: { name?: unknown } } | null
  const name = prototype?.constructor?.name
  return typeof name === 'string' && name ? name : 'an unnamed class'
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
