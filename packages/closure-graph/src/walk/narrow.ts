import { types } from 'node:util'
import { globalPathOf } from '../globals.js'
import { builtinReferenceOf } from '../modules/builtins.js'
import { isIntrinsic } from './atoms.js'
import type { ObjectCapture, Ref } from './captures.js'
import type { CapturePath } from './path.js'
import type { Walker } from './walker.js'

/**
 * Captures only the properties a function reads (`config.db.host` takes `db.host`, not the
 * rest of `config`), where that is provably the same: a plain object with the default
 * prototype, own plain data properties along every chain, no getter, no method called on it.
 * The capture stays marked partial; if anything else reaches the whole object later, the rest
 * is captured into the same capture, so identity and other readers are unaffected.
 */
export async function captureNarrowed(
  walker: Walker,
  value: unknown,
  path: CapturePath,
  chains: string[][],
): Promise<Ref> {
  const byKey = groupByFirstKey(chains)
  if (!isNarrowable(walker, value) || !byKey || !allPlainData(value, [...byKey.keys()])) {
    return walker.capture(value, path)
  }

  const capture = walker.register<ObjectCapture>(value, {
    kind: 'object',
    path,
    nullPrototype: false,
    entries: [],
    special: [],
    length: 0,
    integrity: Object.isFrozen(value) ? 'freeze' : undefined,
    partial: { value },
  })
  const keys = Reflect.ownKeys(value).filter((key): key is string => byKey.has(key as string))
  for (const key of keys) {
    const rest = byKey.get(key)!
    const child = (value as Record<string, unknown>)[key]
    const childPath = path.child(key)
    const whole = rest.some((chain) => chain.length === 0)
    const ref = whole
      ? await walker.capture(child, childPath)
      : await captureNarrowed(walker, child, childPath, rest)
    capture.entries.push([key, ref])
  }
  return { capture }
}

function groupByFirstKey(chains: string[][]): Map<string, string[][]> | undefined {
  const byKey = new Map<string, string[][]>()
  for (const [first, ...rest] of chains) {
    if (first === undefined) return undefined
    byKey.set(first, [...(byKey.get(first) ?? []), rest])
  }
  return byKey
}

function isNarrowable(walker: Walker, value: unknown): value is object {
  if (typeof value !== 'object' || value === null || types.isProxy(value)) return false
  if (walker.hasCaptured(value) || Array.isArray(value)) return false
  const prototype = Object.getPrototypeOf(value) as object | null
  if (!prototype || Object.getPrototypeOf(prototype) !== null) return false
  // Sealed or non-extensible (but not frozen) objects are taken whole: their flags are kept there.
  if (!isIntrinsic(value, 'Object') || (!Object.isExtensible(value) && !Object.isFrozen(value)))
    return false
  // Values that travel by reference (a package's config, a global) are never copied.
  if (builtinReferenceOf(value) || walker.packages.commonJsReferenceOf(value)) return false
  return ![...walker.realms].some((realm) => globalPathOf(value, realm))
}

function allPlainData(value: object, keys: string[]): boolean {
  return keys.every((key) => {
    const descriptor = Object.getOwnPropertyDescriptor(value, key)
    return descriptor !== undefined && 'value' in descriptor && descriptor.enumerable === true
  })
}
