import { runInNewContext } from 'node:vm'

/** The standard constructors whose own members (and their prototypes' own members) are compared. */
const STANDARD_CONSTRUCTORS = [
  'String',
  'Number',
  'Boolean',
  'Array',
  'Object',
  'Function',
  'Map',
  'Set',
  'Date',
  'RegExp',
  'Promise',
  'Error',
]

/**
 * Members Node itself adds to its main realm that a fresh `vm` context lacks. Every fresh Node
 * process has them too, so they are not the user's additions.
 */
const NODE_ADDITIONS = new Set(['Error.prepareStackTrace'])

/** Owner (`String.prototype`) to the own property names it has in a fresh realm. */
let freshMembers: Map<string, Set<string>> | undefined

/**
 * Members added to the standard constructors and prototypes of one realm, by member name:
 * `shout` -> [`String.prototype.shout`]. The rebuilt module runs in a fresh realm that lacks them.
 */
export type BuiltinExtensions = Map<string, string[]>

/** What `globalObject`'s standard constructors and prototypes have that a fresh realm lacks. */
export function builtinExtensionsOf(globalObject: object): BuiltinExtensions {
  freshMembers ??= membersOf(runInNewContext('globalThis') as object)
  const extensions: BuiltinExtensions = new Map()

  for (const [owner, names] of membersOf(globalObject)) {
    const fresh = freshMembers.get(owner)
    for (const name of names) {
      const member = `${owner}.${name}`
      if (fresh?.has(name) || NODE_ADDITIONS.has(member)) continue
      extensions.set(name, [...(extensions.get(name) ?? []), member])
    }
  }
  return extensions
}

/**
 * The added members `source` uses as a member (`.shout`, `?.shout`, `['shout']`). Text matching
 * also catches a user object's own member of the same name; refusing those too errs on the side
 * of a loud failure over an artifact that throws `... is not a function` at run time.
 */
export function extensionsUsedBy(source: string, extensions: BuiltinExtensions): string[] {
  const used: string[] = []
  for (const [name, members] of extensions) {
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    const member = new RegExp(`\\.\\s*${escaped}(?![\\w$])|\\[\\s*(['"\`])${escaped}\\1\\s*\\]`)
    if (member.test(source)) used.push(...members)
  }
  return used
}

/** Own property names of each standard constructor and its prototype; getters are never run. */
function membersOf(globalObject: object): Map<string, Set<string>> {
  const members = new Map<string, Set<string>>()
  for (const name of STANDARD_CONSTRUCTORS) {
    const constructor = Object.getOwnPropertyDescriptor(globalObject, name)?.value as unknown
    if (typeof constructor !== 'function') continue
    members.set(name, new Set(Object.getOwnPropertyNames(constructor)))
    const prototype = Object.getOwnPropertyDescriptor(constructor, 'prototype')?.value as unknown
    if (typeof prototype === 'object' && prototype !== null) {
      members.set(`${name}.prototype`, new Set(Object.getOwnPropertyNames(prototype)))
    }
  }
  return members
}
