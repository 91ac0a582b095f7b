import type { Backend } from '@portkey/backend'
import { createLocalBackend, type LocalBackend } from '@portkey/backend-local'

// One local gateway per process, shared by every mount that does not name a backend, created
// on first use so importing @portkey/core starts nothing.
let local: LocalBackend | undefined
let aws: Promise<Backend> | undefined

export function defaultBackend(): Backend {
  // A script's or REPL's mounts live as long as its process: recording them for `portkey serve`
  // to restore later would bring back endpoints nobody asked for, and fill the project's state
  // directory with every experiment.
  local ??= createLocalBackend({ persist: false })
  return local
}

/**
 * The AWS backend with the SDK's default region and credentials. Loaded on first use: the AWS
 * SDK takes a tenth of a second to import, which local-only users should never pay.
 */
export function defaultAwsBackend(): Promise<Backend> {
  aws ??= import('@portkey/backend-aws').then(({ createAwsBackend }) => createAwsBackend())
  return aws
}

export function isDefaultBackend(backend: Backend): boolean {
  return backend === local
}

/** Stops the default local gateway and its worker processes, if it was started. */
export async function closeDefaultBackend(): Promise<void> {
  const backend = local
  local = undefined
  await backend?.dispose?.()
}
