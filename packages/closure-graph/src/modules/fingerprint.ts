import { types } from 'node:util'

/**
 * What another process can compare of one value: a label, and for the containers whose members
 * are compared too (plain objects and functions right under the package root) those members.
 */
export type Print = string | { is: string; members: Fingerprint }

/** The prints of a package root's own enumerable keys: CommonJS exports or an ES namespace. */
export type Fingerprint = Record<string, Print>

/** Strings longer than this are compared by hash, to keep the exchange with the child small. */
const LONG_STRING = 64

/**
 * Describes a package root (a CommonJS `exports` or an ES module namespace) so that a fresh load
 * in another process can be compared with it: primitives and RegExps by value, functions by
 * name, length and a hash of their source (so a function replaced under an existing key shows),
 * and plain objects and functions right under the root one level deep. Getters and proxy traps
 * are never run: a package's own code must not run in the process that is capturing.
 */
export function fingerprintOf(root: unknown): Fingerprint {
  if (!isObjectLike(root) || types.isProxy(root)) return {}
  const members: Fingerprint = {}
  const firstKeys = new Map<unknown, string>()
  for (const key of Object.keys(root)) {
    const value = ownValue(root, key)
    // One object under several names (lodash's `default`, `lodash` and `wrapperLodash`) is
    // described once, so that a change to it is reported once.
    const first = isObjectLike(value) ? firstKeys.get(value) : undefined
    if (isObjectLike(value) && !first) firstKeys.set(value, key)
    members[key] = first ? `same as ${first}` : describeKey(root, key, 0)
  }
  return members
}

/**
 * The key paths (`yell`, `templateSettings.interpolate`) whose prints differ between `live` and
 * `fresh`, leaving out those that also differ between two fresh loads (`volatile`): values a
 * package computes anew at each load (ids, timestamps) say nothing about the user's changes.
 */
export function changedKeys(live: Fingerprint, fresh: Fingerprint, volatile?: Fingerprint) {
  const unstable = volatile ? differences(fresh, volatile) : []
  const isUnstable = (key: string) =>
    unstable.some((path) => key === path || key.startsWith(`${path}.`))
  return differences(live, fresh).filter((key) => !isUnstable(key))
}

function differences(a: Fingerprint, b: Fingerprint, prefix = ''): string[] {
  const changed: string[] = []
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const [left, right] = [a[key], b[key]]
    const path = `${prefix}${key}`
    if (typeof left === 'object' && typeof right === 'object') {
      if (left.is !== right.is) changed.push(path)
      else changed.push(...differences(left.members, right.members, `${path}.`))
    } else if (JSON.stringify(left) !== JSON.stringify(right)) changed.push(path)
  }
  return changed
}

function membersOf(value: object, depth: number): Fingerprint {
  const members: Fingerprint = {}
  for (const key of Object.keys(value)) members[key] = describeKey(value, key, depth)
  return members
}

function describeKey(owner: object, key: string, depth: number): Print {
  const value = ownValue(owner, key)
  if (value === ACCESSOR) return 'accessor'
  return value === UNINITIALIZED ? 'uninitialized' : describe(value, depth)
}

const ACCESSOR = Symbol('accessor')
const UNINITIALIZED = Symbol('uninitialized')

/** An own data property's value, without running a getter. */
function ownValue(owner: object, key: string): unknown {
  try {
    const descriptor = Object.getOwnPropertyDescriptor(owner, key)
    return descriptor && 'value' in descriptor ? descriptor.value : ACCESSOR
  } catch {
    // A namespace export read before its module finished evaluating (a cycle that threw).
    return UNINITIALIZED
  }
}

function describe(value: unknown, depth: number): Print {
  if (typeof value === 'string' && value.length > LONG_STRING)
    return `string#${hash(value)}/${value.length}`
  if (!isObjectLike(value)) return `${typeof value}:${String(value)}`
  if (types.isProxy(value)) return 'proxy'
  if (types.isRegExp(value)) return `regexp:${RegExp.prototype.toString.call(value)}`

  const label = typeof value === 'function' ? functionLabel(value as Function) : 'object'
  const open = depth === 0 && (typeof value === 'function' || isPlainObject(value))
  return open ? { is: label, members: membersOf(value, depth + 1) } : label
}

/** Name and length from their own data properties only: a static getter must not run. */
function functionLabel(fn: Function): string {
  const own = (key: string) => Object.getOwnPropertyDescriptor(fn, key)?.value as unknown
  const source = Function.prototype.toString.call(fn)
  return `function:${String(own('name'))}/${String(own('length'))}#${hash(source)}`
}

function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value) as unknown
  return prototype === Object.prototype || prototype === null
}

function isObjectLike(value: unknown): value is object {
  return (typeof value === 'object' && value !== null) || typeof value === 'function'
}

/** 32-bit FNV-1a of the UTF-16 code units, in hex: equal texts, equal hashes, in any process. */
function hash(text: string): string {
  let h = 0x811c9dc5
  for (let index = 0; index < text.length; index++) {
    h ^= text.charCodeAt(index)
    h = Math.imul(h, 0x01000193)
  }
  return (h >>> 0).toString(16)
}
