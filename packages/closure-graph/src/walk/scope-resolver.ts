import { isStandardGlobal } from '../globals.js'
import type { Inspector, RemoteObject, ScopeRecord } from '../inspector.js'

/** What a free name of a function refers to. */
export type Resolution =
  { kind: 'value'; value: unknown; scope: string } | { kind: 'global' } | { kind: 'free' }

/**
 * Resolves free names through one function's `[[Scopes]]`, innermost first (Closure, Block,
 * Script, Module), then its Global scope.
 */
export class ScopeResolver {
  private readonly bindings = new Map<ScopeRecord, Map<string, RemoteObject>>()
  private globalObject: object | undefined

  constructor(
    private readonly inspector: Inspector,
    private readonly scopes: ScopeRecord[],
  ) {}

  resolve(name: string): Resolution {
    for (const scope of this.scopes) {
      if (scope.type === 'global') return this.resolveGlobal(scope, name)

      const remote = this.bindingsOf(scope).get(name)
      if (remote)
        return { kind: 'value', value: this.inspector.liveValue(remote), scope: scope.type }
    }
    return { kind: 'free' }
  }

  /** The global object of the function's realm (a `vm` context has its own). */
  functionGlobal(): object | undefined {
    const scope = this.scopes.find((s) => s.type === 'global')
    if (scope) this.globalObject ??= this.inspector.globalObjectOf(scope)
    return this.globalObject
  }

  private resolveGlobal(scope: ScopeRecord, name: string): Resolution {
    this.globalObject ??= this.inspector.globalObjectOf(scope)
    if (!(name in this.globalObject)) return { kind: 'free' }

    // A standard global stays a reference to the running process's own global. Shortcoming:
    // a standard global the user replaced (`globalThis.fetch = myFetch`) is not noticed.
    if (isStandardGlobal(name)) return { kind: 'global' }

    // REPL `var`/`function` declarations and properties set on globalThis travel by value.
    const value = (this.globalObject as Record<string, unknown>)[name]
    return { kind: 'value', value, scope: 'global' }
  }

  private bindingsOf(scope: ScopeRecord): Map<string, RemoteObject> {
    let found = this.bindings.get(scope)
    if (!found) {
      found = this.inspector.scopeBindings(scope)
      this.bindings.set(scope, found)
    }
    return found
  }
}
