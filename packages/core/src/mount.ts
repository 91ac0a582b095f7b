import type { Backend, Deployment } from '@portkey/backend'
import { buildArtifact } from './build.js'
import { createDebug } from './debug.js'
import { invalidFunction, mountNotFound } from './diagnostics.js'
import { closeDefaultBackend, isDefaultBackend } from './default-backend.js'
import { resolveMountOptions } from './options.js'
import type { Mount, MountOptions } from './types.js'

const debug = createDebug('portkey:core')

// Which backend holds each mount made from this process, so unmount(name) finds it again.
const mounts = new Map<string, Backend>()

/**
 * Turns a live function into an HTTP endpoint: captures it with everything it reaches, packs
 * it into a deterministic zip, and deploys it at `route`. Mounting the same name again updates
 * the endpoint in place (and does nothing when the zip is unchanged).
 */
export async function mount(fn: Function, route: string, options?: MountOptions): Promise<Mount> {
  if (typeof fn !== 'function') throw invalidFunction(fn)
  const resolved = await resolveMountOptions(options)
  const started = Date.now()
  const { name, artifact } = await buildArtifact(fn, route, {
    ...(resolved.name !== undefined && { name: resolved.name }),
    onProgress: resolved.onProgress,
  })

  resolved.onProgress('deploy', Date.now() - started)
  const deployment = await resolved.backend.deploy({
    name,
    route,
    artifact,
    environment: resolved.environment,
    timeoutSeconds: resolved.timeoutSeconds,
    memoryMb: resolved.memoryMb,
  })
  mounts.set(name, resolved.backend)
  debug(`${name}: ${deployment.change ?? 'deployed'} at ${deployment.url}`)

  return { ...deployment, artifactSize: artifact.size, unmount: () => unmount(name) }
}

/** Removes a mount by name (or the object `mount()` returned); its URL answers 404 afterwards. */
export async function unmount(target: string | Pick<Deployment, 'name'>): Promise<void> {
  const name = typeof target === 'string' ? target : target.name
  const backend = mounts.get(name)
  if (!backend) throw mountNotFound(name, [...mounts.keys()])

  await backend.remove(name)
  mounts.delete(name)
}

/** Every mount this process made, as its backend reports it now. */
export async function list(): Promise<Deployment[]> {
  const backends = new Set([...mounts.values()])
  const lists = await Promise.all([...backends].map((b) => b.list()))
  return lists.flat().filter((d) => mounts.has(d.name))
}

/**
 * Stops the default local gateway and its workers so the Node process can exit. Mounts on
 * other backends are left as they are.
 */
export async function close(): Promise<void> {
  for (const [name, backend] of mounts) {
    if (isDefaultBackend(backend)) mounts.delete(name)
  }
  await closeDefaultBackend()
}
