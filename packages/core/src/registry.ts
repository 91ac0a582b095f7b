import type { Backend } from '@portkey/backend'
import { parseRoute } from '@portkey/runtime'
import { checkMountName, deriveMountName } from './names.js'

/** What this process knows of one mount name: the route it serves and where it lives. */
interface MountRecord {
  route: string
  backend?: Backend
  /** The last operation on this name; the next one waits for it. */
  queue: Promise<unknown>
}

const records = new Map<string, MountRecord>()

/**
 * Chooses the mount name, synchronously, so that concurrent mount() calls see each other's
 * choices. A name the user gave is used as is (mounting it again moves or updates that mount).
 * A derived name must not silently take over another route's mount: two different functions
 * both called `handler` on `/users` and `/orders` become `handler` and `handler-orders`.
 * `deployed` maps the names the backend already serves to their routes.
 */
export function claimName(
  fn: Function,
  route: string,
  given: string | undefined,
  deployed: ReadonlyMap<string, string> = new Map(),
): string {
  if (given !== undefined) return claim(checkMountName(given), route)

  const base = deriveMountName(fn, parseRoute(route))
  const slug = routeSlug(route)
  const candidates = [base, `${base}-${slug}`.slice(0, 64)]
  for (let n = 2; candidates.length < 100; n++)
    candidates.push(`${base}-${slug}`.slice(0, 60) + `-${n}`)

  // Taken means: by this process, or already deployed on the backend (a running `portkey serve`
  // outlives the processes that mounted on it), with another route.
  const free = candidates.find((name) => {
    const owner = records.get(name)?.route ?? deployed.get(name)
    return owner === undefined || owner === route
  })
  return claim(free ?? checkMountName(`${base}-${Date.now()}`), route)
}

function claim(name: string, route: string): string {
  const record = records.get(name)
  if (record) record.route = route
  else records.set(name, { route, queue: Promise.resolve() })
  return name
}

function routeSlug(route: string): string {
  const literal = parseRoute(route).segments.filter((s) => !s.startsWith('{'))
  return literal.join('-').replace(/[^A-Za-z0-9_-]+/g, '-') || 'root'
}

/** Runs `task` after every earlier operation on `name` has settled, so they never interleave. */
export function serialized<T>(name: string, task: () => Promise<T>): Promise<T> {
  const record = records.get(name) ?? { route: '', queue: Promise.resolve() }
  records.set(name, record)
  const run = record.queue.then(task, task)
  record.queue = run.catch(() => undefined)
  return run
}

export function recordBackend(name: string, backend: Backend): void {
  const record = records.get(name)
  if (record) record.backend = backend
}

export function backendOf(name: string): Backend | undefined {
  return records.get(name)?.backend
}

/** Forgets a name after its mount was removed. */
export function forget(name: string): void {
  records.delete(name)
}

/** Names with a live mount, and their backends. */
export function mounted(): Array<[string, Backend]> {
  return [...records].flatMap(([name, r]) =>
    r.backend ? [[name, r.backend] as [string, Backend]] : [],
  )
}

/**
 * A claimed name whose first mount failed holds no deployment: release it so the name stays
 * free for the next attempt.
 */
export function releaseIfUnused(name: string): void {
  if (records.get(name)?.backend === undefined) records.delete(name)
}
