import { MEMORY_RANGE, TIMEOUT_RANGE } from '@portkey/backend'
import { invalidOption } from './diagnostics.js'
import { defaultAwsBackend, defaultBackend } from './default-backend.js'
import type { MountOptions, ResolvedMountOptions } from './types.js'

const VALID_KEYS = [
  'name',
  'backend',
  'environment',
  'timeoutSeconds',
  'memoryMb',
  'onProgress',
  'pack',
] as const

export async function resolveMountOptions(
  options: MountOptions = {},
): Promise<ResolvedMountOptions> {
  const unknown = Object.keys(options).find((k) => !(VALID_KEYS as readonly string[]).includes(k))
  if (unknown !== undefined) throw invalidOption(unknown, 'is not a mount option', VALID_KEYS)

  return {
    name: options.name,
    backend: await resolveBackend(options.backend),
    environment: resolveEnvironment(options.environment),
    timeoutSeconds: integerIn('timeoutSeconds', options.timeoutSeconds ?? 3, TIMEOUT_RANGE),
    memoryMb: integerIn('memoryMb', options.memoryMb ?? 128, MEMORY_RANGE),
    onProgress: options.onProgress ?? (() => {}),
    // Checked by the packager, which names any key it does not know.
    pack: options.pack ?? {},
  }
}

async function resolveBackend(backend: MountOptions['backend']) {
  if (backend === undefined || backend === 'local') return defaultBackend()
  if (backend === 'aws') return defaultAwsBackend()
  if (typeof backend === 'object' && typeof backend.deploy === 'function') return backend
  throw invalidOption('backend', "must be 'local', 'aws' or a Backend object", VALID_KEYS)
}

function resolveEnvironment(environment: unknown): Record<string, string> {
  if (environment === undefined) return {}
  if (typeof environment !== 'object' || environment === null) {
    throw invalidOption('environment', 'must be an object of string values', VALID_KEYS)
  }
  for (const [key, value] of Object.entries(environment)) {
    if (typeof value !== 'string') {
      throw invalidOption('environment', `has a non-string value for ${key}`, VALID_KEYS)
    }
  }
  return { ...(environment as Record<string, string>) }
}

function integerIn(key: string, value: unknown, [min, max]: readonly [number, number]): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) {
    return value
  }
  throw invalidOption(
    key,
    `must be an integer from ${min} to ${max}, got ${String(value)}`,
    VALID_KEYS,
  )
}
