import type { Capture, MapCapture, ObjectCapture, Ref, SetCapture } from '../walk/captures.js'
import { memberAccess, propertyKey } from '../walk/literals.js'

export type Container = ObjectCapture | MapCapture | SetCapture
export type RefText = (ref: Ref) => string

/** Kinds that already exist when containers are declared, so a literal may name them. */
const READY_EARLY = new Set<Capture['kind']>([
  'function',
  'module',
  'require',
  'date',
  'regexp',
  'bytes',
])

/** True when the container can be written as one literal at its declaration. */
export function isLiteral(container: Container): boolean {
  if (container.kind === 'array' && !isDense(container)) return false
  return refsOf(container).every((ref) => !('capture' in ref) || READY_EARLY.has(ref.capture.kind))
}

/** The full literal of a container whose contents are all ready. */
export function literalOf(container: Container, text: RefText): string {
  if (container.kind === 'map') {
    const entries = container.entries.map(([k, v]) => `[${text(k)}, ${text(v)}]`)
    return entries.length ? `new Map([${entries.join(', ')}])` : 'new Map()'
  }
  if (container.kind === 'set') {
    return container.items.length
      ? `new Set([${container.items.map(text).join(', ')}])`
      : 'new Set()'
  }
  if (container.kind === 'array') return `[${container.entries.map(([, v]) => text(v)).join(', ')}]`
  const members = container.entries.map(([key, value]) => `${objectKey(key)}: ${text(value)}`)
  if (container.nullPrototype) members.unshift('__proto__: null')
  return members.length ? `{ ${members.join(', ')} }` : '{}'
}

/** An empty container of the right kind, filled later by `fillStatements`. */
export function emptyOf(container: Container): string {
  if (container.kind === 'map') return 'new Map()'
  if (container.kind === 'set') return 'new Set()'
  if (container.kind === 'array') return '[]'
  return container.nullPrototype ? '{ __proto__: null }' : '{}'
}

export function fillStatements(container: Container, name: string, text: RefText): string[] {
  if (container.kind === 'map')
    return container.entries.map(([k, v]) => `${name}.set(${text(k)}, ${text(v)})`)
  if (container.kind === 'set') return container.items.map((item) => `${name}.add(${text(item)})`)

  if (container.kind === 'array' && isDense(container)) {
    return container.entries.length
      ? [`${name}.push(${container.entries.map(([, v]) => text(v)).join(', ')})`]
      : []
  }
  const statements = container.entries.map(([key, value]) => assignment(name, key, text(value)))
  if (container.kind === 'array') statements.push(`${name}.length = ${container.length}`)
  return statements
}

export function integrityStatement(container: Container, name: string): string | undefined {
  return container.kind === 'object' || container.kind === 'array'
    ? container.integrity && `Object.${container.integrity}(${name})`
    : undefined
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
