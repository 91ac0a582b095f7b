import { packageConfigured } from '../diagnostics.js'
import type { Inspector } from '../inspector.js'
import type { Capture } from '../walk/captures.js'
import { changedKeys, fingerprintOf } from './fingerprint.js'
import { freshPrints } from './fresh-load.js'
import { livePackages } from './live-packages.js'

/**
 * Refuses a package that was changed after it loaded: the rebuilt module imports the package
 * fresh, so the change would be lost without a word. Each copy of a referenced package that this
 * process holds under the name the rebuilt module imports (resolved from `resolveDir`: CommonJS
 * exports from `require.cache`, an ES module namespace V8 has already compiled) is compared with
 * a load of the same file in one separate `node` process, whichever of its exports is used.
 *
 * Seen: keys of the exports or namespace added, removed or changed; primitives and RegExps by
 * value, functions by name, length and source text (`_.chunk = mine`), and one key deeper in plain
 * objects and functions right under the root (`_.mixin(...)` on a default export,
 * `_.templateSettings.interpolate = ...`); a `let` export changed through the package's setter.
 * A key that also differs between two fresh loads (an id or a timestamp made at load) is ignored.
 *
 * Shortcoming: not seen, and still lost silently: state two levels down or more
 * (`_.templateSettings.imports._`), inside other objects (a Map's entries, an array, a class
 * instance), on prototypes, behind getters, under symbol or non-enumerable keys, or in a module's
 * unexported variables; a function replaced by one with the same source text; a copy loaded from
 * another directory than `resolveDir`; a change to a key that also varies between loads.
 * Refused although nothing was configured: state the package changes as it is used (a counter or
 * cache in a primitive or plain object), and values made at load that two fresh loads a moment
 * apart still share (a timestamp in seconds, the pid). If the fresh process fails or times out,
 * or a difference could not be checked against a second load, the check is skipped rather than
 * guessing.
 */
export async function refuseConfiguredPackages(
  captures: Capture[],
  resolveDir: string,
  inspector: Inspector,
): Promise<void> {
  const live = await livePackages(captures, resolveDir, inspector)
  if (live.length === 0) return

  const livePrints = live.map((copy) => fingerprintOf(copy.root))
  const fresh = await freshPrints(
    live.map((copy) => copy.source),
    livePrints,
  )

  for (const [index, { specifier, capture }] of live.entries()) {
    // No second print: the fresh load matched, or the second load failed and nothing is guessed.
    const { first, second } = fresh[index] ?? {}
    if (!first || !second) continue
    const changes = changedKeys(livePrints[index]!, first, second)
    if (changes.length === 0) continue
    throw packageConfigured(
      capture.path,
      specifier,
      changes.map((key) => `${specifier}.${key}`),
    )
  }
}
