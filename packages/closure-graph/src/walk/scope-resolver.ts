import { unsupportedFunction } from '../diagnostics.js'
import { isReplacedGlobal, isStandardGlobal } from '../globals.js'
import type { ScopeRecord } from '../inspector.js'
import { isNativeFunction } from './atoms.js'
import type { ScopeLink } from './captures.js'
import type { CapturePath } from './path.js'

/** What a free name of a function refers to; `scope` indexes the function's `[[Scopes]]`. */
export type Resolution =
  { kind: 'value'; value: unknown; scope: number } | { kind: 'global' } | { kind: 'free' }

/** Labels a value for scope identities: primitives by value, objects by identity. */
export type ValueLabel = (value: unknown) => string

/**
 * Resolves free names through one function's `[[Scopes]]`, innermost first (Closure, Block,
 * Script, Module), then its Global scope. A name is looked up in the real scope chain before it
 * is ever taken as a global, so a local `const URL` wins over the global `URL`.
 *
 * Shortcoming: a `let`/`const` still in its temporal dead zone when `serialize` runs (declared
 * below the mount call) reads as `undefined` here, and the rebuilt function gets `undefined`
 * where the original would throw a ReferenceError. V8's scope objects do not mark such bindings.
 */
export class ScopeResolver {
  private readonly bindings = new Map<ScopeRecord, Map<string, unknown>>()

  constructor(private readonly scopes: ScopeRecord[]) {}

  resolve(name: string): Resolution {
    for (const [index, scope] of this.scopes.entries()) {
      if (scope.type === 'global') return this.resolveGlobal(scope, name, index)

      const bindings = this.bindingsOf(scope)
      if (bindings.has(name)) return { kind: 'value', value: bindings.get(name), scope: index }
    }
    return { kind: 'free' }
  }

  /**
   * What `globalThis.<name>` reads: the Global scope alone decides, since local bindings named
   * like the global do not shadow a member read.
   */
  resolveGlobalMember(name: string): Resolution {
    const index = this.scopes.findIndex((scope) => scope.type === 'global')
    const scope = this.scopes[index]
    return scope ? this.resolveGlobal(scope, name, index) : { kind: 'free' }
  }

  /** The global object of the function's realm (a `vm` context has its own). */
  functionGlobal(): object | undefined {
    return this.scopes.find((s) => s.type === 'global')?.object
  }

  /**
   * The identity of every scope in the chain. Global and script scopes are one per realm and a
   * module scope one per module; the others are told apart by their bindings' values.
   */
  links(realm: string, module: string, label: ValueLabel, path: CapturePath): ScopeLink[] {
    return this.scopes.map((scope) => {
      if (scope.type === 'with') {
        throw unsupportedFunction(path, 'a function defined inside a `with` statement')
      }
      const identity =
        scope.type === 'global' || scope.type === 'script'
          ? realm
          : scope.type === 'module'
            ? module
            : this.valuesIdentity(scope, label)
      return { type: scope.type, label: scope.label, identity }
    })
  }

  private valuesIdentity(scope: ScopeRecord, label: ValueLabel): string {
    const parts: string[] = []
    for (const [name, value] of this.bindingsOf(scope)) parts.push(`${name}=${label(value)}`)
    return parts.join(';')
  }

  private resolveGlobal(scope: ScopeRecord, name: string, index: number): Resolution {
    const globalObject = scope.object
    if (!(name in globalObject)) return { kind: 'free' }

    const value = (globalObject as Record<string, unknown>)[name]
    // A standard global stays a reference to the running process's own global, unless the user
    // replaced it (`globalThis.fetch = myFetch`): then the replacement travels by value.
    if (isStandardGlobal(name) && !isReplaced(name, value) && !isReplacedGlobal(globalObject, name))
      return { kind: 'global' }

    // REPL `var`/`function` declarations and properties set on globalThis travel by value.
    return { kind: 'value', value, scope: index }
  }

  private bindingsOf(scope: ScopeRecord): Map<string, unknown> {
    let found = this.bindings.get(scope)
    if (!found) {
      found = ownBindings(scope.object)
      this.bindings.set(scope, found)
    }
    return found
  }
}

/**
 * A scope's bindings, by name, in declaration order: the own data properties of the object V8
 * made for it (a binding still in its temporal dead zone reads as undefined there).
 */
function ownBindings(scopeObject: object): Map<string, unknown> {
  const bindings = new Map<string, unknown>()
  for (const name of Object.getOwnPropertyNames(scopeObject)) {
    const descriptor = Object.getOwnPropertyDescriptor(scopeObject, name)
    if (descriptor && 'value' in descriptor) bindings.set(name, descriptor.value)
  }
  return bindings
}

/**
 * True when a standard global no longer holds a built-in. Only functions are checked: a
 * standard global holding a native function is the platform's; one holding JavaScript source
 * was set by the user.
 */
function isReplaced(name: string, value: unknown): boolean {
  if (name === 'require' || name === 'module' || name === 'exports') return false
  if (typeof value !== 'function') return false
  return !isNativeFunction(value)
}
