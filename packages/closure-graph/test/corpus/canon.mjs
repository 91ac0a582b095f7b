import { types } from 'node:util'

// Turns any result into comparable text: exact for -0, NaN, BigInt, Map, Set, Date, RegExp,
// errors (without their stack, which names files), typed arrays, class instances and symbols.
const seen = new Map()

export function canon(value) {
  seen.clear()
  return walk(value)
}

function walk(value) {
  if (Object.is(value, -0)) return '-0'
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value)
  if (typeof value === 'bigint') return `${value}n`
  if (typeof value === 'string') return JSON.stringify(value)
  if (typeof value === 'symbol') {
    const global = Symbol.keyFor(value)
    return global === undefined ? `Symbol(${value.description})` : `Symbol.for(${global})`
  }
  if (typeof value !== 'object' && typeof value !== 'function') return String(value)
  if (value === null) return 'null'
  if (seen.has(value)) return `<ref ${seen.get(value)}>`
  seen.set(value, seen.size + 1)
  return describeObject(value)
}

function describeObject(value) {
  const tag = Object.prototype.toString.call(value)
  const proto = Object.getPrototypeOf(value)
  const kind = proto === null ? 'null-proto' : (proto.constructor?.name ?? '?')
  if (typeof value === 'function')
    return `[function ${value.name} ${props(value, ['length', 'name', 'prototype', 'arguments', 'caller'])}]`
  if (types.isDate(value)) return `Date(${value.getTime()})`
  if (types.isRegExp(value)) return `${kind}${value}@${value.lastIndex}`
  if (types.isMap(value))
    return `${kind}{${[...value].map(([k, v]) => `${walk(k)}=>${walk(v)}`).join(', ')}}${props(value)}`
  if (types.isSet(value)) return `${kind}{${[...value].map(walk).join(', ')}}${props(value)}`
  if (ArrayBuffer.isView(value))
    return `${kind}[${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}]`
  if (types.isArrayBuffer(value)) return `ArrayBuffer[${Buffer.from(value).toString('hex')}]`
  if (types.isNativeError(value) || value instanceof Error)
    return `${kind}(${JSON.stringify(value.message)})${props(value, ['stack', 'message'])}`
  if (value instanceof URL || value instanceof URLSearchParams) return `${kind}(${value})`
  if (tag !== '[object Object]' && tag !== '[object Array]')
    return `${kind}${tag}(${value.valueOf?.()})${props(value)}`
  if (Array.isArray(value)) return `${kind}[${props(value, ['length'])} length=${value.length}]`
  return `${kind}${props(value)}${Object.isFrozen(value) ? ' frozen' : Object.isSealed(value) ? ' sealed' : ''}`
}

function props(value, skip = []) {
  const parts = []
  for (const key of Reflect.ownKeys(value)) {
    if (skip.includes(key)) continue
    const d = Object.getOwnPropertyDescriptor(value, key)
    const flags = `${d.enumerable ? '' : '~'}${d.get || d.set ? 'accessor' : ''}`
    const name = typeof key === 'symbol' ? `[${walk(key)}]` : key
    parts.push(d.get || d.set ? `${name}${flags}` : `${name}${flags}: ${walk(d.value)}`)
  }
  return parts.length ? ` {${parts.join(', ')}}` : ''
}
