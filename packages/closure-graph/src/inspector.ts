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
  /**
   * The scope's bindings as own data properties: a copy V8 made when it listed the scopes (for
   * a Global scope, the global object itself; a `with` scope, its object, never to be read).
   */
  object: object
}

export interface FunctionInternals {
  location?: { scriptId: string; lineNumber: number; columnNumber: number }
  scopes: ScopeRecord[]
  bound?: { target: RemoteObject; thisArg: RemoteObject; args: RemoteObject }
}

const OBJECT_GROUP = 'portkey-closure-graph'

/**
 * Script urls by script id, for the whole process: V8 never reuses a script id, so an entry stays
 * true for as long as the process lives, and later serialize() calls skip the lookups.
 */
const scriptUrls = new Map<string, string>()
const HANDOFF_KEY = '__portkeyClosureGraphHandoff'

/**
 * The in-process V8 inspector, used synchronously: `session.post` runs its callback before it
 * returns when the session lives in the same thread, so each call here is a plain function call.
 */
export class Inspector {
  private readonly session = new Session()
  private readonly objectIds = new WeakMap<object, string>()
  private storeId: string | undefined
  private stored: unknown

  constructor() {
    this.session.connect()
    this.session.on('Debugger.scriptParsed', (message) => {
      scriptUrls.set(message.params.scriptId, message.params.url)
    })
  }

  /** Reads `[[FunctionLocation]]`, `[[Scopes]]` and the bound-function slots of `fn`. */
  functionInternals(fn: Function): FunctionInternals {
    const objectId = this.objectIdOf(fn)
    // Only the internal slots are read: indexed own properties (`fn[0] = ...`) are skipped,
    // which makes the call cheaper and changes nothing here.
    const internal = this.post<{ internalProperties?: PropertyDescriptor[] }>(
      'Runtime.getProperties',
      { objectId, ownProperties: true, nonIndexedPropertiesOnly: true, objectGroup: OBJECT_GROUP },
    ).internalProperties
    const slot = (name: string) => internal?.find((p) => p.name === name)?.value

    const location = slot('[[FunctionLocation]]')?.value as FunctionInternals['location']
    const scopeList = slot('[[Scopes]]')
    const scopes = scopeList?.objectId ? this.scopeRecords(scopeList) : []
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

  /** Turns a RemoteObject into the live value of this realm it describes. */
  liveValue(remote: RemoteObject): unknown {
    return this.liveValues([remote])[0]
  }

  /**
   * Live values of several RemoteObjects. Those that are handles are fetched in one round trip
   * (calls are the cost of the capture loop, see DESIGN.md); the rest are read off the remote.
   */
  liveValues(remotes: RemoteObject[]): unknown[] {
    const handles = remotes.filter(isHandle)
    const fetched = handles.length > 0 ? this.fetch(handles.map((r) => r.objectId!)) : []
    let next = 0
    return remotes.map((remote) => (isHandle(remote) ? fetched[next++] : inlineValue(remote)))
  }

  /**
   * The url of a script by id. Unknown ids are looked up in V8's best-effort coverage, which lists
   * every script of user code with its url at a fraction of the debugger's cost (the debugger
   * hashes the source of every script it reports, 50 ms and more in a process that loaded Babel).
   * Node's own scripts are missing from coverage: only those fall back to the debugger.
   */
  scriptUrl(scriptId: string): string | undefined {
    if (!scriptUrls.has(scriptId)) this.refreshFromCoverage()
    if (!scriptUrls.has(scriptId)) this.refreshFromDebugger()
    return scriptUrls.get(scriptId)
  }

  /**
   * Which of `urls` name a script V8 has compiled in this process, found without loading
   * anything. Coverage lists only scripts whose code V8 still holds (a module body run long ago
   * may have been flushed), so urls it misses are asked of the debugger too.
   */
  loadedUrls(urls: string[]): Set<string> {
    const known = () => new Set(scriptUrls.values())
    let loaded = known()
    if (urls.some((url) => !loaded.has(url))) {
      this.refreshFromCoverage()
      loaded = known()
    }
    if (urls.some((url) => !loaded.has(url))) {
      this.refreshFromDebugger()
      loaded = known()
    }
    return new Set(urls.filter((url) => loaded.has(url)))
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

  private refreshFromCoverage(): void {
    // Reads counters V8 already keeps; it starts no profiler and changes no coverage mode.
    const { result } = this.post<{ result: Array<{ scriptId: string; url: string }> }>(
      'Profiler.getBestEffortCoverage',
      {},
    )
    for (const script of result) scriptUrls.set(script.scriptId, script.url)
  }

  private refreshFromDebugger(): void {
    // Enabling the debugger reports every loaded script synchronously. It is switched off
    // right away: an enabled debugger would pause this very thread on a `debugger` statement.
    this.post('Debugger.enable', {})
    this.post('Debugger.disable', {})
  }

  /**
   * The scope list as live objects, in one call: each entry is a `{ description, object }` the
   * inspector made, whose object holds the scope's bindings. Reading them here instead of one
   * `getProperties` per scope saves the round trips that were most of the cost per function.
   */
  private scopeRecords(list: RemoteObject): ScopeRecord[] {
    const entries = this.liveValue(list) as ArrayLike<{ description?: string; object: object }>
    const scopes: ScopeRecord[] = []
    for (let index = 0; index < entries.length; index++) {
      const entry = entries[index]
      if (!entry) continue
      const label = entry.description ?? ''
      const type = (label.split(' ')[0] ?? '').toLowerCase()
      scopes.push({ type, label, object: entry.object })
    }
    return scopes
  }

  private fetch(objectIds: string[]): unknown[] {
    // Called on the store itself; `arguments` rather than rest parameters, which forbid the
    // "use strict" directive, and rather than any built-in the user's code may have replaced.
    const { exceptionDetails } = this.post<{ exceptionDetails?: { text: string } }>(
      'Runtime.callFunctionOn',
      {
        objectId: this.storeObjectId(),
        functionDeclaration: 'function () { "use strict"; this(arguments) }',
        arguments: objectIds.map((objectId) => ({ objectId })),
        objectGroup: OBJECT_GROUP,
      },
    )
    const stored = this.stored as ArrayLike<unknown> | undefined
    this.stored = undefined
    if (exceptionDetails || !stored) throw new Error('inspector could not hand over live values')
    const values = Array.from(stored)
    for (const [index, value] of values.entries()) this.remember(value, objectIds[index]!)
    return values
  }

  /**
   * Keeps the handle a value came with, so reading its internals later needs no `evaluate` to
   * get one. Handles stay valid until the object group is released in `dispose`.
   */
  private remember(value: unknown, objectId: string): void {
    if (typeof value === 'function' || (typeof value === 'object' && value !== null)) {
      this.objectIds.set(value, objectId)
    }
  }

  private storeObjectId(): string {
    this.storeId ??= this.objectIdOf((value: unknown) => {
      this.stored = value
    })
    return this.storeId
  }

  private objectIdOf(value: object): string {
    const known = this.objectIds.get(value)
    if (known) return known
    const global = globalThis as Record<string, unknown>
    global[HANDOFF_KEY] = value
    try {
      const { result } = this.post<{ result: RemoteObject }>('Runtime.evaluate', {
        expression: `globalThis.${HANDOFF_KEY}`,
        objectGroup: OBJECT_GROUP,
      })
      if (!result.objectId) throw new Error('no object id for a live value')
      this.objectIds.set(value, result.objectId)
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

/** A remote that stands for a live object (or symbol) of this process, reached by its id. */
function isHandle(remote: RemoteObject): boolean {
  return remote.unserializableValue === undefined && remote.objectId !== undefined
}

function inlineValue(remote: RemoteObject): unknown {
  if (remote.unserializableValue !== undefined) return unserializable(remote.unserializableValue)
  return remote.type === 'undefined' ? undefined : remote.value
}

function unserializable(text: string): unknown {
  if (text === '-0') return -0
  if (text === 'NaN') return NaN
  if (text === 'Infinity') return Infinity
  if (text === '-Infinity') return -Infinity
  if (text.endsWith('n')) return BigInt(text.slice(0, -1))
  throw new Error(`unknown unserializable value ${text}`)
}
