import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { Fingerprint } from './fingerprint.js'
import type { FreshSource } from './live-packages.js'

/** How long the fresh `node` process may take to load the referenced packages (twice at most). */
const FRESH_LOAD_TIMEOUT_MS = 5_000

const CHILD_SCRIPT = fileURLToPath(new URL('./fresh-load-child.js', import.meta.url))

/** What the child reads on its stdin. */
export interface FreshRequest {
  sources: FreshSource[]
  /** The live prints, by source: a source whose fresh print differs is loaded a second time. */
  live: Fingerprint[]
  /** This process's `process.argv`, which some packages read while loading (`--no-color`). */
  argv: string[]
}

/** What the child writes on fd 3, by source; null where a load failed or was not made. */
export interface FreshAnswer {
  first: Array<Fingerprint | null>
  second: Array<Fingerprint | null>
}

/** A source's fresh print, and a second one when it was needed (see `changedKeys`). */
export interface FreshPrint {
  first: Fingerprint | null
  second: Fingerprint | null
}

/**
 * Fresh prints of a source by its location, for the life of this process. A file's fresh load
 * does not change while the process holds the same copy, and loading a package like lodash-es
 * anew costs hundreds of milliseconds: a remount of the same function spawns nothing.
 */
const known = new Map<string, FreshPrint>()

/**
 * The fresh prints of each source (undefined where the check must be skipped), from the cache or
 * from one separate `node` process for those it lacks.
 */
export async function freshPrints(sources: FreshSource[], live: Fingerprint[]) {
  const missing = sources
    .map((source, index) => ({ source, live: live[index]! }))
    .filter(({ source, live }) => needsLoad(known.get(keyOf(source)), live))

  if (missing.length > 0) {
    const answer = await runChild({
      sources: missing.map((entry) => entry.source),
      live: missing.map((entry) => entry.live),
      argv: process.argv,
    })
    // Nothing is kept from a failed child: the next serialize() tries again.
    for (const [at, { source }] of missing.entries()) {
      const first = answer?.first[at]
      if (first !== undefined)
        known.set(keyOf(source), { first, second: answer?.second[at] ?? null })
    }
  }
  return sources.map((source) => known.get(keyOf(source)))
}

/** True when nothing is cached, or the live print differs and no second load was made yet. */
function needsLoad(cached: FreshPrint | undefined, live: Fingerprint): boolean {
  if (!cached) return true
  return (
    cached.first !== null && !cached.second && JSON.stringify(cached.first) !== JSON.stringify(live)
  )
}

function keyOf(source: FreshSource): string {
  return `${source.format}:${source.location}`
}

/**
 * Loads each source in one separate `node` process; undefined when the process failed or timed
 * out, so that the caller skips the check rather than guess. The child shares this process's
 * stdout and stderr, so packages that look at whether they write to a terminal (colour support)
 * load as they did here; it prints nothing there itself and answers on fd 3 instead.
 */
function runChild(request: FreshRequest): Promise<FreshAnswer | undefined> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--no-warnings', CHILD_SCRIPT], {
      stdio: ['pipe', 'inherit', 'inherit', 'pipe'],
      timeout: FRESH_LOAD_TIMEOUT_MS,
    })
    const chunks: Buffer[] = []
    child.stdio[3]?.on('data', (chunk: Buffer) => chunks.push(chunk))
    child.on('error', () => resolve(undefined))
    child.on('close', (code) => resolve(code === 0 ? parseAnswer(chunks) : undefined))

    // A child that died at once closes its stdin: 'close' above reports that, not this error.
    child.stdin?.on('error', () => resolve(undefined))
    child.stdin?.end(JSON.stringify(request))
  })
}

function parseAnswer(chunks: Buffer[]): FreshAnswer | undefined {
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as FreshAnswer
  } catch {
    // Cut short (killed while writing): skip the check.
    return undefined
  }
}
