import { runInNewContext } from 'node:vm'
import { builtinExtended, builtinReplaced, type PathLike } from './diagnostics.js'
import { NATIVE_CODE } from './source/parse.js'

/**
 * Members Node itself adds to its main realm that a fresh `vm` context lacks. Every fresh Node
 * process has them too, so they are not the user's additions. (`Error.prepareStackTrace` is
 * JavaScript, not native code: Node's own stack formatter.)
 */
const NODE_ADDITIONS = new Set(['Error.prepareStackTrace', 'Symbol.dispose', 'Symbol.asyncDispose'])

/**
 * Standard globals whose members are not compared: Node swaps V8's `console` for its own object,
 * so a fresh realm says nothing about what a fresh Node process has there.
 */
const NOT_COMPARED = new Set(['globalThis', 'console'])

/** How a member of a built-in differs from a fresh realm's. */
export interface BuiltinChange {
  /** `String.prototype.shout`, `Date.now`, `Error.stackTraceLimit`. */
  member: string
  /** A member the fresh realm lacks, a function swapped for another, or a changed data setting. */
  change: 'added' | 'replaced' | 'set'
}

/**
 * What the user changed on the standard globals and their prototypes of one realm, by member
 * name: `shout` -> [`String.prototype.shout` added]. The rebuilt module runs with fresh built-ins.
 */
export type BuiltinExtensions = Map<string, BuiltinChange[]>

/** Fresh built-ins never change: the realm and its members are read once per process. */
let freshGlobal: object | undefined
const freshMembers = new Map<string, Map<string, PropertyDescriptor>>()

/**
 * What the standard globals of `globalObject` and their prototypes have that a fresh realm lacks,
 * or hold differently.
 *
 * Shortcomings: only the members of each standard global and of its `prototype` are compared
 * (not `Intl.DateTimeFormat.prototype`, two levels down), and not the members of Node's own
 * globals (`Buffer`, `URL`, `process`): those are partly written in JavaScript, so a fresh `vm`
 * realm cannot tell Node's functions from the user's. A replacement that is itself a native
 * function with the standard one's name (`Map.prototype.get = WeakMap.prototype.get`) passes.
 */
export function builtinExtensionsOf(globalObject: object): BuiltinExtensions {
  freshGlobal ??= runInNewContext('globalThis') as object
  const extensions: BuiltinExtensions = new Map()

  for (const [owner, live, fresh] of ownersOf(globalObject, freshGlobal)) {
    let standard = freshMembers.get(owner)
    if (!standard) freshMembers.set(owner, (standard = descriptorsOf(fresh)))
    for (const name of Object.getOwnPropertyNames(live)) {
      const change = changeOf(Object.getOwnPropertyDescriptor(live, name)!, standard.get(name))
      const member = `${owner}.${name}`
      if (!change || NODE_ADDITIONS.has(member)) continue
      extensions.set(name, [...(extensions.get(name) ?? []), { member, change }])
    }
  }
  return extensions
}

/**
 * Refuses a function whose source uses a changed built-in member by name (`.shout`, `?.shout`,
 * `['shout']`). Text matching also catches a user object's own member of the same name
 * (`performance.now()` once `Date.now` was replaced); refusing those too errs on the side of a
 * loud failure over an artifact that silently runs the standard member instead of the user's.
 *
 * Shortcoming: a member the function never names is not seen, whether destructured
 * (`const { now } = Date`) or used by the language itself (a replaced `Date.prototype.toJSON`
 * under `JSON.stringify`, a changed `Error.stackTraceLimit` under `error.stack`); the rebuilt
 * function then gets the standard behaviour. `Error.prepareStackTrace` is not compared at all,
 * since Node sets its own: a user's replacement is lost even where the function names it.
 */
export function refuseChangedBuiltins(
  capturePath: PathLike,
  source: string,
  extensions: BuiltinExtensions,
): void {
  const used = extensionsUsedBy(source, extensions)
  const added = used.filter((use) => use.change === 'added').map((use) => use.member)
  if (added.length > 0) throw builtinExtended(capturePath, added)

  const replaced = used.filter((use) => use.change === 'replaced').map((use) => use.member)
  const set = used.filter((use) => use.change === 'set').map((use) => use.member)
  if (replaced.length > 0 || set.length > 0) throw builtinReplaced(capturePath, replaced, set)
}

/** The changed members `source` uses as a member. */
function extensionsUsedBy(source: string, extensions: BuiltinExtensions): BuiltinChange[] {
  const used: BuiltinChange[] = []
  for (const [name, changes] of extensions) {
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    const member = new RegExp(`\\.\\s*${escaped}(?![\\w$])|\\[\\s*(['"\`])${escaped}\\1\\s*\\]`)
    if (member.test(source)) used.push(...changes)
  }
  return used
}

/**
 * How a live member differs from the fresh realm's, if it does. Functions cannot be compared by
 * identity across realms: a standard one is native code under the standard name, so JavaScript
 * source, or a native function under another name (a bound function is `bound f`), is the user's.
 */
function changeOf(
  live: PropertyDescriptor,
  fresh: PropertyDescriptor | undefined,
): BuiltinChange['change'] | undefined {
  if (!fresh) return 'added'
  if ('value' in live !== 'value' in fresh) return 'replaced'
  if (!('value' in fresh)) {
    const same = sameFunction(live.get, fresh.get) && sameFunction(live.set, fresh.set)
    return same ? undefined : 'replaced'
  }
  if (typeof fresh.value === 'function') {
    return sameFunction(live.value, fresh.value) ? undefined : 'replaced'
  }
  // Objects (a constructor's `prototype`) are compared member by member instead; a primitive
  // setting (`Error.stackTraceLimit`) must hold the fresh value.
  if (isObject(fresh.value) || isObject(live.value)) return undefined
  return Object.is(live.value, fresh.value) ? undefined : 'set'
}

/**
 * Native functions already found standard, with their name then. Printing every member again on
 * each walk was most of the cost of this comparison; a function's source text never changes.
 */
const nativeNames = new WeakMap<Function, unknown>()

/** True when `live` is native code under the name of the standard function `fresh`. */
function sameFunction(live: unknown, fresh: unknown): boolean {
  if (typeof live !== 'function' || typeof fresh !== 'function') return live === fresh
  const name = ownName(fresh)
  if (nativeNames.has(live)) return nativeNames.get(live) === name && ownName(live) === name
  try {
    if (!NATIVE_CODE.test(Function.prototype.toString.call(live))) return false
  } catch {
    // A revoked proxy cannot even be printed: certainly not the standard function.
    return false
  }
  nativeNames.set(live, ownName(live))
  return ownName(live) === name
}

/** A function's own `name`, read without running a getter. */
function ownName(fn: Function): unknown {
  return Object.getOwnPropertyDescriptor(fn, 'name')?.value
}

function isObject(value: unknown): value is object {
  return (typeof value === 'object' && value !== null) || typeof value === 'function'
}

/**
 * Each standard global (those a fresh realm has) and its prototype, with the fresh realm's
 * counterpart. A global the user replaced outright (`globalThis.JSON = myJson`) is skipped: it
 * travels by value, members and all.
 */
function ownersOf(globalObject: object, fresh: object): Array<[string, object, object]> {
  const owners: Array<[string, object, object]> = []
  for (const name of Object.getOwnPropertyNames(fresh)) {
    if (NOT_COMPARED.has(name)) continue
    const live = dataValue(globalObject, name)
    const standard = dataValue(fresh, name)
    if (!isObject(live) || !isObject(standard) || !isStandardOwner(live, standard)) continue
    owners.push([name, live, standard])

    const prototype = dataValue(live, 'prototype')
    const standardPrototype = dataValue(standard, 'prototype')
    if (isObject(prototype) && isObject(standardPrototype)) {
      owners.push([`${name}.prototype`, prototype, standardPrototype])
    }
  }
  return owners
}

/** A constructor is native code under its standard name; a namespace has its `toStringTag`. */
function isStandardOwner(live: object, fresh: object): boolean {
  if (typeof fresh === 'function') return sameFunction(live, fresh)
  return dataValue(live, Symbol.toStringTag) === dataValue(fresh, Symbol.toStringTag)
}

/** An own data property's value; getters are never run (they may warn or throw). */
function dataValue(owner: object, key: string | symbol): unknown {
  return Object.getOwnPropertyDescriptor(owner, key)?.value
}

function descriptorsOf(owner: object): Map<string, PropertyDescriptor> {
  const descriptors = new Map<string, PropertyDescriptor>()
  for (const name of Object.getOwnPropertyNames(owner)) {
    const descriptor = Object.getOwnPropertyDescriptor(owner, name)
    if (descriptor) descriptors.set(name, descriptor)
  }
  return descriptors
}
