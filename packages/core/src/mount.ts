import type { Backend, Deployment } from '@portkey/backend'
import { buildArtifact } from './build.js'
import { createDebug } from './debug.js'
import { invalidFunction, invalidUnmountTarget, mountNotFound } from './diagnostics.js'
import { closeDefaultBackend, isDefaultBackend } from './default-backend.js'
import { resolveMountOptions } from './options.js'
import {
  backendOf,
  claimName,
  forget,
  mounted,
  recordBackend,
  releaseIfUnused,
  serialized,
} from './registry.js'
import type { Mount, MountOptions } from './types.js'

const debug = createDebug('portkey:core')

/**
 * Turns a live function into an HTTP endpoint: captures it with everything it reaches, packs
 * it into a deterministic zip, and deploys it at `route`. Mounting the same name again updates
 * the endpoint in place (and does nothing when the zip is unchanged).
 */
export async function mount(fn: Function, route: string, options?: MountOptions): Promise<Mount> {
  if (typeof fn !== 'function') throw invalidFunction(fn)
  const resolved = await resolveMountOptions(options)
  const deployed = resolved.name === undefined ? await routesByName(resolved.backend) : undefined
  const name = claimName(fn, route, resolved.name, deployed)

  return serialized(name, async () => {
    try {
      return await mountNow(fn, route, name, resolved)
    } finally {
      releaseIfUnused(name)
    }
  })
}

/** The backend's mounts by name, so a derived name never lands on someone else's route. */
async function routesByName(backend: Backend): Promise<Map<string, string>> {
  const deployments = await backend.list()
  return new Map(deployments.map((d) => [d.name, d.route]))
}

async function mountNow(
  fn: Function,
  route: string,
  name: string,
  resolved: Awaited<ReturnType<typeof resolveMountOptions>>,
): Promise<Mount> {
  const started = Date.now()
  const { artifact } = await buildArtifact(fn, route, {
    name,
    onProgress: resolved.onProgress,
    pack: resolved.pack,
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
  recordBackend(name, resolved.backend)
  debug(`${name}: ${deployment.change ?? 'deployed'} at ${deployment.url}`)

  return { ...deployment, artifactSize: artifact.size, unmount: () => unmount(name) }
}

/** Removes a mount by name (or the object `mount()` returned); its URL answers 404 afterwards. */
export async function unmount(target: string | Pick<Deployment, 'name'>): Promise<void> {
  const name = typeof target === 'string' ? target : target?.name
  if (typeof name !== 'string') throw invalidUnmountTarget(target)
  if (!backendOf(name))
    throw mountNotFound(
      name,
      mounted().map(([n]) => n),
    )

  await serialized(name, async () => {
    const backend = backendOf(name)
    if (!backend)
      throw mountNotFound(
        name,
        mounted().map(([n]) => n),
      )
    await backend.remove(name)
    forget(name)
  })
}

/** Every mount this process made, as its backend reports it now. */
export async function list(): Promise<Deployment[]> {
  const names = new Set(mounted().map(([name]) => name))
  const backends = new Set(mounted().map(([, backend]) => backend))
  const lists = await Promise.all([...backends].map((b) => b.list()))
  return lists.flat().filter((d) => names.has(d.name))
}

/**
 * Stops the default local gateway and its workers so the Node process can exit. Mounts on
 * other backends are left as they are.
 */
export async function close(): Promise<void> {
  for (const [name, backend] of mounted()) {
    if (isDefaultBackend(backend)) forget(name)
  }
  await closeDefaultBackend()
}
