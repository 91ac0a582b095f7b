import type * as t from '@babel/types'
import { replacedMethod, unsupportedFunction, unsupportedValue } from '../diagnostics.js'
import type { FunctionCapture } from './captures.js'
import type { CapturePath } from './path.js'
import type { Walker } from './walker.js'

/**
 * Properties a class body creates itself (methods, accessors, static fields), so they are not
 * captured again: the emitted class text creates them. A body member counts only while its
 * current value is still the one the body made (a method reassigned later is captured).
 */
export function classBodyKeys(
  capture: FunctionCapture,
  holder: object,
  placement: 'static' | 'prototype',
): Set<string> {
  const keys = new Set<string>()
  const node = capture.parsed.node as t.Class
  for (const member of node.body.body) {
    const isStatic = 'static' in member && member.static === true
    if (isStatic !== (placement === 'static')) continue
    const key = memberKey(member)
    if (key === undefined || !isFromBody(capture, holder, key, member)) continue
    keys.add(key)
  }
  return keys
}

/**
 * Refuses a method of the class body that was replaced afterwards (`Dog.prototype.speak = ...`):
 * the emitted class text defines the original, and the replacement would need the property's
 * exact flags restored on top of it, which is not done yet.
 */
export function refuseReplacedMethods(
  capture: FunctionCapture,
  holder: object,
  placement: 'static' | 'prototype',
): void {
  const node = capture.parsed.node as t.Class
  for (const member of node.body.body) {
    if (member.type !== 'ClassMethod' || member.kind === 'constructor') continue
    if (member.static !== (placement === 'static')) continue
    const key = memberKey(member)
    if (key === undefined || isFromBody(capture, holder, key, member)) continue
    const name = capture.name || '(anonymous)'
    const owner = placement === 'static' ? name : `${name}.prototype`
    const path = placement === 'static' ? capture.path : capture.path.child('prototype')
    throw replacedMethod(path.child(key), name, owner, key)
  }
}

function memberKey(member: t.Class['body']['body'][number]): string | undefined {
  if (!('key' in member) || ('computed' in member && member.computed)) return undefined
  const key = member.key
  if (key.type === 'Identifier') return key.name
  if (key.type === 'StringLiteral') return key.value
  if (key.type === 'NumericLiteral') return String(key.value)
  return undefined
}

function isFromBody(
  capture: FunctionCapture,
  holder: object,
  key: string,
  member: t.Class['body']['body'][number],
): boolean {
  // Fields are rebuilt by their initialiser, then overwritten with the captured current value.
  if (member.type === 'ClassProperty') return false
  const descriptor = Object.getOwnPropertyDescriptor(holder, key)
  const parts = [descriptor?.value, descriptor?.get, descriptor?.set].filter(
    (part): part is Function => typeof part === 'function',
  )
  return parts.every((part) => capture.source.includes(Function.prototype.toString.call(part)))
}

/**
 * A class's static `#private` fields cannot be read back or set from outside, so a class that
 * has them is taken only when they are still what their literal initialisers make.
 */
export function checkStaticPrivate(walker: Walker, capture: FunctionCapture, cls: Function): void {
  const node = capture.parsed.node as t.Class
  const fields = node.body.body.filter(
    (m): m is t.ClassPrivateProperty => m.type === 'ClassPrivateProperty' && m.static,
  )
  if (fields.length === 0) return
  const current = walker.inspector.privateValues(cls)
  for (const field of fields) {
    const name = `#${field.key.id.name}`
    const initial = literalValue(field.value)
    if (initial.known && Object.is(current.get(name), initial.value)) continue
    throw unsupportedFunction(
      capture.path,
      `class ${cls.name}: its static private field ${name} holds a value its initialiser does not make, and private fields cannot be set from outside`,
    )
  }
}

/** Instances with `#private` fields cannot be rebuilt: their fields are set only by the class. */
export function refuseInstancePrivate(walker: Walker, value: object, path: CapturePath): void {
  if (walker.inspector.privateValues(value).size === 0) return
  throw unsupportedValue(
    path,
    `an instance of ${value.constructor?.name ?? 'a class'} with #private fields (only its class can set them)`,
  )
}

function literalValue(node: t.Expression | null | undefined): { known: boolean; value?: unknown } {
  if (!node) return { known: true, value: undefined }
  if (
    node.type === 'StringLiteral' ||
    node.type === 'NumericLiteral' ||
    node.type === 'BooleanLiteral'
  )
    return { known: true, value: node.value }
  if (node.type === 'NullLiteral') return { known: true, value: null }
  return { known: false }
}
