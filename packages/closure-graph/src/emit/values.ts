import { ATOM_KINDS, refCapture } from '../walk/captures.js'
import type {
  Capture,
  MapCapture,
  ObjectCapture,
  PropertyCapture,
  Ref,
  SetCapture,
} from '../walk/captures.js'
import { memberAccess, propertyKey } from '../walk/literals.js'

export type Container = ObjectCapture | MapCapture | SetCapture
export type RefText = (ref: Ref) => string

/** Kinds that already exist when containers are declared, so a literal may name them. */
const READY_EARLY = new Set<Capture['kind']>(['function', 'module', 'require', ...ATOM_KINDS])

/**
 * True when the container can be written as one literal at its declaration: its shape allows
 * it and everything it holds exists by then (functions, atoms, and what `ready` accepts).
 */
export function isLiteral(container: Container, ready: (capture: Capture) => boolean): boolean {
  if (container.kind === 'array' && !isDense(container)) return false
  if (container.kind !== 'map' && container.kind !== 'set') {
    if (container.special.length > 0 || container.create || container.proto) return false
  }
  return refsOf(container).every((ref) => {
    const capture = refCapture(ref)
    return !capture || READY_EARLY.has(capture.kind) || ready(capture)
  })
}

/**
 * The full literal of a container whose contents are all ready. Built with `+` rather than
 * `join`: nested literals stay V8 rope strings and are copied once at the end, not at each level.
 */
export function literalOf(container: Container, text: RefText): string {
  if (container.kind === 'map') {
    const entries = container.entries.map(([k, v]) => '[' + text(k) + ', ' + text(v) + ']')
    return entries.length ? 'new Map([' + concat(entries) + '])' : 'new Map()'
  }
  if (container.kind === 'set') {
    return container.items.length
      ? 'new Set([' + concat(container.items.map(text)) + '])'
      : 'new Set()'
  }
  if (container.kind === 'array')
    return '[' + concat(container.entries.map(([, v]) => text(v))) + ']'
  const members = container.entries.map(([key, value]) => objectKey(key) + ': ' + text(value))
  if (container.nullPrototype) members.unshift('__proto__: null')
  return members.length ? '{ ' + concat(members) + ' }' : '{}'
}

function concat(parts: string[]): string {
  let joined = ''
  for (const [index, part] of parts.entries()) joined += index === 0 ? part : ', ' + part
  return joined
}

/** An empty container of the right kind, filled later by `fillStatements`. */
export function emptyOf(container: Container): string {
  if (container.kind === 'map') return 'new Map()'
  if (container.kind === 'set') return 'new Set()'
  if (container.create) return container.create
  if (container.kind === 'array') return '[]'
  return container.nullPrototype ? '{ __proto__: null }' : '{}'
}

/** Items per emitted `push` call. */
const PUSH_SLICE = 10_000

export function fillStatements(container: Container, name: string, text: RefText): string[] {
  if (container.kind === 'map')
    return container.entries.map(([k, v]) => `${name}.set(${text(k)}, ${text(v)})`)
  if (container.kind === 'set') return container.items.map((item) => `${name}.add(${text(item)})`)

  const statements: string[] = []
  for (const key of container.reset ?? []) statements.push(`delete ${memberAccess(name, key)}`)
  if (container.proto) statements.push(`Object.setPrototypeOf(${name}, ${text(container.proto)})`)
  if (container.kind === 'array' && isDense(container)) {
    // One call per slice: V8 refuses a call written with more than 65,535 arguments.
    for (let start = 0; start < container.entries.length; start += PUSH_SLICE) {
      const slice = container.entries.slice(start, start + PUSH_SLICE)
      statements.push(`${name}.push(${slice.map(([, v]) => text(v)).join(', ')})`)
    }
  } else {
    for (const [key, value] of container.entries)
      statements.push(assignment(name, key, text(value)))
    if (container.kind === 'array') statements.push(`${name}.length = ${container.length}`)
  }
  for (const property of container.special) statements.push(defineStatement(name, property, text))
  return statements
}

/** `Object.defineProperty` with the property's own flags; accessors are never called. */
function defineStatement(name: string, property: PropertyCapture, text: RefText): string {
  const key = typeof property.key === 'string' ? JSON.stringify(property.key) : text(property.key)
  const parts =
    property.value !== undefined
      ? [`value: ${text(property.value)}`, `writable: ${property.writable}`]
      : [
          ...(property.get ? [`get: ${text(property.get)}`] : []),
          ...(property.set ? [`set: ${text(property.set)}`] : []),
        ]
  parts.push(`enumerable: ${property.enumerable}`, `configurable: ${property.configurable}`)
  return `Object.defineProperty(${name}, ${key}, { ${parts.join(', ')} })`
}

/** `Object.freeze(name)` (or seal, preventExtensions) when the captured value was locked. */
export function integrityStatement(capture: Capture, name: string): string | undefined {
  return capture.integrity && `Object.${capture.integrity}(${name})`
}

function assignment(name: string, key: string, value: string): string {
  // Assigning `__proto__` would set the prototype instead of creating the own property.
  if (key === '__proto__') {
    return `Object.defineProperty(${name}, '__proto__', { value: ${value}, writable: true, enumerable: true, configurable: true })`
  }
  return `${memberAccess(name, key)} = ${value}`
}

function objectKey(key: string): string {
  return key === '__proto__' ? '["__proto__"]' : propertyKey(key)
}

function isDense(container: ObjectCapture): boolean {
  if (container.entries.length !== container.length) return false
  return container.entries.every(([key], index) => key === String(index))
}

function refsOf(container: Container): Ref[] {
  if (container.kind === 'map') return container.entries.flat()
  if (container.kind === 'set') return container.items
  return container.entries.map(([, value]) => value)
}
