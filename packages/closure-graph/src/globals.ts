import { runInNewContext } from 'node:vm'

/**
 * Globals Node adds on top of the language's own. A name in this list (or in a fresh `vm`
 * context) stays a global reference in the emitted module instead of being captured.
 */
const NODE_GLOBALS = [
  'global',
  'process',
  'Buffer',
  'console',
  'require',
  'module',
  'exports',
  'setTimeout',
  'setInterval',
  'setImmediate',
  'clearTimeout',
  'clearInterval',
  'clearImmediate',
  'queueMicrotask',
  'structuredClone',
  'atob',
  'btoa',
  'performance',
  'fetch',
  'crypto',
  'navigator',
  'URL',
  'URLSearchParams',
  'TextEncoder',
  'TextDecoder',
  'TextEncoderStream',
  'TextDecoderStream',
  'AbortController',
  'AbortSignal',
  'Event',
  'EventTarget',
  'CustomEvent',
  'MessageChannel',
  'MessagePort',
  'MessageEvent',
  'BroadcastChannel',
  'Blob',
  'File',
  'FormData',
  'Headers',
  'Request',
  'Response',
  'WebSocket',
  'DOMException',
  'Crypto',
  'CryptoKey',
  'SubtleCrypto',
  'ReadableStream',
  'ReadableStreamDefaultReader',
  'ReadableStreamBYOBReader',
  'ReadableStreamBYOBRequest',
  'ReadableByteStreamController',
  'ReadableStreamDefaultController',
  'TransformStream',
  'TransformStreamDefaultController',
  'WritableStream',
  'WritableStreamDefaultWriter',
  'WritableStreamDefaultController',
  'ByteLengthQueuingStrategy',
  'CountQueuingStrategy',
  'CompressionStream',
  'DecompressionStream',
  'PerformanceEntry',
  'PerformanceMark',
  'PerformanceMeasure',
  'PerformanceObserver',
  'PerformanceObserverEntryList',
  'PerformanceResourceTiming',
]

let standardNames: Set<string> | undefined

/**
 * This realm's standard globals as they were when this module loaded. A standard name whose value
 * changed since (`globalThis.fetch = myFetch`) is the user's and travels by value. Shortcoming:
 * a replacement made before this package was first imported is taken for the standard one.
 */
const originalGlobals = new Map<string, unknown>()
for (const key of Object.getOwnPropertyNames(globalThis)) {
  const descriptor = Object.getOwnPropertyDescriptor(globalThis, key)
  if (descriptor && 'value' in descriptor) originalGlobals.set(key, descriptor.value)
}

/** True when a standard global of this realm no longer holds its original value. */
export function isReplacedGlobal(globalObject: object, name: string): boolean {
  if (globalObject !== globalThis || !originalGlobals.has(name)) return false
  const descriptor = Object.getOwnPropertyDescriptor(globalThis, name)
  return (
    !descriptor ||
    !('value' in descriptor) ||
    !Object.is(descriptor.value, originalGlobals.get(name))
  )
}

/** True when `name` is a global every fresh Node process has. */
export function isStandardGlobal(name: string): boolean {
  standardNames ??= new Set([
    ...(runInNewContext('Object.getOwnPropertyNames(globalThis)') as string[]),
    ...NODE_GLOBALS,
  ])
  return standardNames.has(name)
}

const GLOBAL_ALIASES = new Set(['globalThis', 'global', 'self', 'window'])

const pathIndexes = new WeakMap<object, Map<unknown, string>>()

/**
 * The path (`Math.max`, `Array.prototype.slice`) under which `value` is reachable from the
 * standard globals of `globalObject`, searched up to three levels deep.
 */
export function globalPathOf(value: unknown, globalObject: object): string | undefined {
  let index = pathIndexes.get(globalObject)
  if (!index) {
    index = buildPathIndex(globalObject)
    pathIndexes.set(globalObject, index)
  }
  return index.get(value)
}

function buildPathIndex(globalObject: object): Map<unknown, string> {
  const index = new Map<unknown, string>()
  let level: Array<[string, object]> = [['', globalObject]]

  for (let depth = 0; depth < 3; depth++) {
    const next: Array<[string, object]> = []
    for (const [path, holder] of level) {
      for (const [key, child] of dataMembers(holder)) {
        if (depth === 0 && (!isStandardGlobal(key) || isReplacedGlobal(holder, key))) continue
        if (index.has(child)) continue
        const childPath = path ? `${path}.${key}` : key
        index.set(child, childPath)
        // The global object is reachable from itself; walking into it again would index the
        // user's own globals (REPL declarations) as if they were standard.
        if (!GLOBAL_ALIASES.has(key)) next.push([childPath, child])
      }
    }
    level = next
  }
  return index
}

/** Own data members holding objects or functions; getters are never run (they may warn). */
function dataMembers(holder: object): Array<[string, object]> {
  const members: Array<[string, object]> = []
  for (const key of Object.getOwnPropertyNames(holder)) {
    const descriptor = Object.getOwnPropertyDescriptor(holder, key)
    const value: unknown = descriptor?.value
    if (!/^[A-Za-z_$][\w$]*$/.test(key)) continue
    if ((typeof value === 'object' && value !== null) || typeof value === 'function') {
      members.push([key, value])
    }
  }
  return members
}
