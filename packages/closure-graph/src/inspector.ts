import { Session } from 'node:inspector'

/** The inspector's description of a value (the parts we read). */
export interface RemoteObject {
  type: string
  subtype?: string
  value?: unknown
  unserializableValue?: string
  description?: string
  objectId?: string
}

interface PropertyDescriptor {
  name: string
  value?: RemoteObject
}

export interface ScopeRecord {
  /** 'closure', 'block', 'script', 'module', 'global', 'with', 'catch', 'eval', ... */
  type: string
  /** The inspector's description: `Closure (makeCounter)`. */
  label: string
  objectId: string
}

export interface FunctionInternals {
  location?: { scriptId: string; lineNumber: number; columnNumber: number }
  scopes: ScopeRecord[]
  bound?: { target: RemoteObject; thisArg: RemoteObject; args: RemoteObject }
}

const OBJECT_GROUP = 'portkey-closure-graph'
const HANDOFF_KEY = '__portkeyClosureGraphHandoff'

/**
 * The in-process V8 inspector, used synchronously: `session.post` runs its callback before it
 * returns when the session lives in the same thread, so each call here is a plain function call.
 */
export class Inspector {
  private readonly session = new Session()
  private readonly scriptUrls = new Map<string, string>()
  private storeId: string | undefined
  private stored: unknown

  constructor() {
    this.session.connect()
    this.session.on('Debugger.scriptParsed', (message) => {
      this.scriptUrls.set(message.params.scriptId, message.params.url)
    })
  }

  /** Reads `[[FunctionLocation]]`, `[[Scopes]]` and the bound-function slots of `fn`. */
  functionInternals(fn: Function): FunctionInternals {
    const objectId = this.objectIdOf(fn)
    const internal = this.post<{ internalProperties?: PropertyDescriptor[] }>(
      'Runtime.getProperties',
      { objectId, ownProperties: true, objectGroup: OBJECT_GROUP },
    ).internalProperties
    const slot = (name: string) => internal?.find((p) => p.name === name)?.value

    const location = slot('[[FunctionLocation]]')?.value as FunctionInternals['location']
    const scopeList = slot('[[Scopes]]')
    const scopes = scopeList?.objectId ? this.scopeRecords(scopeList.objectId) : []
    const target = slot('[[TargetFunction]]')
    if (!target) return { location, scopes }

    const thisArg = slot('[[BoundThis]]') ?? { type: 'undefined' }
    const args = slot('[[BoundArgs]]') ?? { type: 'undefined' }
    return { location, scopes, bound: { target, thisArg, args } }
  }

  /** The `#private` fields and methods of an object, by name (values read without side effects). */
  privateValues(value: object): Map<string, unknown> {
    const objectId = this.objectIdOf(value)
    const { privateProperties } = this.post<{
      privateProperties?: Array<{ name: string; value?: RemoteObject }>
    }>('Runtime.getProperties', { objectId, ownProperties: true, objectGroup: OBJECT_GROUP })
    const values = new Map<string, unknown>()
    for (const field of privateProperties ?? []) {
      values.set(field.name, field.value ? this.liveValue(field.value) : undefined)
    }
    return values
  }

  /** Own bindings of one scope object, by name, in declaration order. */
  scopeBindings(scope: ScopeRecord): Map<string, RemoteObject> {
    const { result } = this.post<{ result: PropertyDescriptor[] }>('Runtime.getProperties', {
      objectId: scope.objectId,
      ownProperties: true,
      objectGroup: OBJECT_GROUP,
    })
    const bindings = new Map<string, RemoteObject>()
    for (const property of result) {
      if (property.value) bindings.set(property.name, property.value)
    }
    return bindings
  }

  /** The global object a Global scope record stands for (a `vm` context has its own). */
  globalObjectOf(scope: ScopeRecord): object {
    // The inspector hands a scope over as a wrapper `{ description, object }`.
    const wrapper = this.liveValue({ type: 'object', objectId: scope.objectId }) as {
      object: object
    }
    return wrapper.object
  }

  /** Turns a RemoteObject into the live value of this realm it describes. */
  liveValue(remote: RemoteObject): unknown {
    if (remote.unserializableValue !== undefined) return unserializable(remote.unserializableValue)
    if (!remote.objectId) return remote.type === 'undefined' ? undefined : remote.value

    this.post('Runtime.callFunctionOn', {
      objectId: remote.objectId,
      functionDeclaration: 'function (store) { "use strict"; store(this) }',
      arguments: [{ objectId: this.storeObjectId() }],
      objectGroup: OBJECT_GROUP,
    })
    const value = this.stored
    this.stored = undefined
    return value
  }

  /** The url of a script by id; scripts parsed since the last look are listed on demand. */
  scriptUrl(scriptId: string): string | undefined {
    if (!this.scriptUrls.has(scriptId)) this.refreshScripts()
    return this.scriptUrls.get(scriptId)
  }

  /** A full heap snapshot, as the JSON text V8 writes it. Costly: hundreds of ms. */
  heapSnapshot(): string {
    const chunks: string[] = []
    const onChunk = (message: { params: { chunk: string } }) => chunks.push(message.params.chunk)
    this.session.on('HeapProfiler.addHeapSnapshotChunk', onChunk)
    try {
      this.post('HeapProfiler.enable', {})
      this.post('HeapProfiler.takeHeapSnapshot', { reportProgress: false })
      this.post('HeapProfiler.disable', {})
    } finally {
      this.session.off('HeapProfiler.addHeapSnapshotChunk', onChunk)
    }
    return chunks.join('')
  }

  /** The full text of a script by id (the debugger is enabled only for the call). */
  scriptSource(scriptId: string): string | undefined {
    this.post('Debugger.enable', {})
    try {
      return this.post<{ scriptSource: string }>('Debugger.getScriptSource', { scriptId })
        .scriptSource
    } finally {
      this.post('Debugger.disable', {})
    }
  }

  dispose(): void {
    this.post('Runtime.releaseObjectGroup', { objectGroup: OBJECT_GROUP })
    this.session.disconnect()
  }

  private refreshScripts(): void {
    // Enabling the debugger reports every loaded script synchronously. It is switched off
    // right away: an enabled debugger would pause this very thread on a `debugger` statement.
    this.post('Debugger.enable', {})
    this.post('Debugger.disable', {})
  }

  private scopeRecords(listId: string): ScopeRecord[] {
    const { result } = this.post<{ result: PropertyDescriptor[] }>('Runtime.getProperties', {
      objectId: listId,
      ownProperties: true,
      objectGroup: OBJECT_GROUP,
    })
    const scopes: ScopeRecord[] = []
    for (const entry of result) {
      if (!/^\d+$/.test(entry.name) || !entry.value?.objectId) continue
      const label = entry.value.description ?? ''
      const type = (label.split(' ')[0] ?? '').toLowerCase()
      scopes.push({ type, label, objectId: entry.value.objectId })
    }
    return scopes
  }

  private storeObjectId(): string {
    this.storeId ??= this.objectIdOf((value: unknown) => {
      this.stored = value
    })
    return this.storeId
  }

  private objectIdOf(value: object): string {
    const global = globalThis as Record<string, unknown>
    global[HANDOFF_KEY] = value
    try {
      const { result } = this.post<{ result: RemoteObject }>('Runtime.evaluate', {
        expression: `globalThis.${HANDOFF_KEY}`,
        objectGroup: OBJECT_GROUP,
      })
      if (!result.objectId) throw new Error('no object id for a live value')
      return result.objectId
    } finally {
      delete global[HANDOFF_KEY]
    }
  }

  private post<T = unknown>(method: string, params: object): T {
    let failure: Error | null = null
    let answer: T | undefined
    this.session.post(method, params, (error, result) => {
      failure = error
      answer = result as T
    })
    if (failure) throw failure
    if (answer === undefined) throw new Error(`inspector did not answer ${method} synchronously`)
    return answer
  }
}

function unserializable(text: string): unknown {
  if (text === '-0') return -0
  if (text === 'NaN') return NaN
  if (text === 'Infinity') return Infinity
  if (text === '-Infinity') return -Infinity
  if (text.endsWith('n')) return BigInt(text.slice(0, -1))
  throw new Error(`unknown unserializable value ${text}`)
}
