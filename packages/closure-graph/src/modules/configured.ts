import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { packageConfigured } from '../diagnostics.js'
import type { Capture, ModuleCapture } from '../walk/captures.js'

/** How long the fresh `node` process may take to load the referenced packages. */
const FRESH_LOAD_TIMEOUT_MS = 5_000

/** Each own enumerable key of an exports object, described as far as another process can compare. */
type Fingerprint = Record<string, unknown>

/**
 * Refuses a CommonJS package whose exports object was changed after it loaded (`_.mixin(...)`,
 * `_.templateSettings.interpolate = ...`): the rebuilt module imports the package fresh, so those
 * changes would be lost without a word. The live exports are compared with a load in a separate
 * `node` process, resolving from `resolveDir` as the rebuilt module will.
 *
 * Shortcoming: only CommonJS packages already in this process's `require.cache` are compared,
 * and only one level into plain objects. ES module packages, changes to functions (a replaced
 * method under an existing key) and deeper state are not seen; they are still lost silently.
 * If the fresh process fails or times out, the check is skipped rather than guessing.
 */
export function refuseConfiguredPackages(captures: Capture[], resolveDir: string): void {
  const live = liveCommonJsExports(captures, resolveDir)
  if (live.size === 0) return

  const fresh = freshFingerprints([...live.keys()], resolveDir)
  if (!fresh) return
  for (const [specifier, { exports, capture }] of live) {
    const freshPrint = fresh[specifier]
    if (!freshPrint) continue
    const changes = changedKeys(fingerprintOf(exports) as Fingerprint, freshPrint as Fingerprint)
    if (changes.length > 0) {
      throw packageConfigured(
        capture.path,
        specifier,
        changes.map((key) => `${specifier}.${key}`),
      )
    }
  }
}

/** The live exports of each referenced CommonJS package, by specifier (never loads anything). */
function liveCommonJsExports(captures: Capture[], resolveDir: string) {
  const require = createRequire(join(resolveDir, 'noop.js'))
  const live = new Map<string, { exports: unknown; capture: ModuleCapture }>()

  for (const capture of captures) {
    if (capture.kind !== 'module') continue
    const { specifier, kind, importName } = capture.reference
    if (kind !== 'package' || importName !== 'default' || live.has(specifier)) continue
    const file = resolveFrom(require, specifier)
    const cached = file ? require.cache[file] : undefined
    if (cached) live.set(specifier, { exports: cached.exports, capture })
  }
  return live
}

function resolveFrom(require: NodeJS.Require, specifier: string): string | undefined {
  try {
    return require.resolve(specifier)
  } catch {
    // Not resolvable from here: the rebuilt module will fail to import it and say so itself.
    return undefined
  }
}

/** Fingerprints of fresh loads, from one `node` process; undefined when it could not tell. */
function freshFingerprints(specifiers: string[], resolveDir: string) {
  const script = `
    const load = require('node:module').createRequire(require('node:path').join(process.cwd(), 'noop.js'))
    const fingerprintOf = ${fingerprintOf.toString()}
    const prints = {}
    for (const specifier of ${JSON.stringify(specifiers)}) {
      try { prints[specifier] = fingerprintOf(load(specifier)) } catch { prints[specifier] = null }
    }
    process.stdout.write(JSON.stringify(prints))`
  const result = spawnSync(process.execPath, ['-e', script], {
    cwd: resolveDir,
    encoding: 'utf8',
    timeout: FRESH_LOAD_TIMEOUT_MS,
    stdio: ['ignore', 'pipe', 'ignore'],
  })
  if (result.status !== 0 || !result.stdout) return undefined
  try {
    return JSON.parse(result.stdout) as Record<string, Fingerprint>
  } catch {
    // A package that prints to stdout while loading garbles the answer: skip the check.
    return undefined
  }
}

/** The keys (`yell`, `templateSettings.interpolate`) whose descriptions differ. */
function changedKeys(live: Fingerprint, fresh: Fingerprint, prefix = ''): string[] {
  const changed: string[] = []
  for (const key of new Set([...Object.keys(live), ...Object.keys(fresh)])) {
    const [a, b] = [live[key], fresh[key]]
    if (isRecord(a) && isRecord(b)) changed.push(...changedKeys(a, b, `${prefix}${key}.`))
    else if (JSON.stringify(a) !== JSON.stringify(b)) changed.push(`${prefix}${key}`)
  }
  return changed
}

function isRecord(value: unknown): value is Fingerprint {
  return typeof value === 'object' && value !== null
}

/**
 * Describes an exports object's own enumerable keys: primitives and RegExps by value, plain
 * objects one level deep, anything else by kind. Getters are never run. It is also sent, as
 * source text, to the fresh process, so it must not use anything from outside its own body.
 */
function fingerprintOf(exports: unknown): unknown {
  const describe = (value: unknown, depth: number): unknown => {
    if (typeof value === 'function') return 'function'
    if (typeof value !== 'object' || value === null) return `${typeof value}:${String(value)}`
    if (Object.prototype.toString.call(value) === '[object RegExp]') {
      return `regexp:${RegExp.prototype.toString.call(value)}`
    }
    const prototype = Object.getPrototypeOf(value) as unknown
    const plain = prototype === Object.prototype || prototype === null
    if (!plain || depth > 0) return 'object'
    const inner: Record<string, unknown> = {}
    for (const key of Object.keys(value)) {
      const descriptor = Object.getOwnPropertyDescriptor(value, key)
      inner[key] = descriptor && 'value' in descriptor ? describe(descriptor.value, 1) : 'accessor'
    }
    return inner
  }
  const print: Record<string, unknown> = {}
  if ((typeof exports !== 'object' && typeof exports !== 'function') || exports === null) {
    return print
  }
  for (const key of Object.keys(exports)) {
    const descriptor = Object.getOwnPropertyDescriptor(exports, key)
    print[key] = descriptor && 'value' in descriptor ? describe(descriptor.value, 0) : 'accessor'
  }
  return print
}
