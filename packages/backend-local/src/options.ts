import { join } from 'node:path'
import { invalidOption, unknownOption } from './diagnostics.js'
import type { LocalBackendOptions, ResolvedLocalBackendOptions } from './types.js'

const WHERE = 'createLocalBackend()'

const DEFAULTS: ResolvedLocalBackendOptions = {
  stateDir: '',
  port: 0,
  timeoutSeconds: 3,
  idleMs: 300_000,
  region: 'us-east-1',
}

const VALID_KEYS = Object.keys(DEFAULTS)

/** Fills defaults and rejects anything unknown or out of range, naming the option. */
export function resolveLocalBackendOptions(
  options: LocalBackendOptions = {},
): ResolvedLocalBackendOptions {
  for (const key of Object.keys(options)) {
    if (!VALID_KEYS.includes(key)) throw unknownOption(key, VALID_KEYS)
  }

  const resolved: ResolvedLocalBackendOptions = {
    stateDir: options.stateDir ?? join(process.cwd(), '.portkey'),
    port: options.port ?? DEFAULTS.port,
    timeoutSeconds: options.timeoutSeconds ?? DEFAULTS.timeoutSeconds,
    idleMs: options.idleMs ?? DEFAULTS.idleMs,
    region: options.region ?? DEFAULTS.region,
  }

  checkString('stateDir', resolved.stateDir)
  checkString('region', resolved.region)
  checkPort(resolved.port)
  checkTimeout(WHERE, resolved.timeoutSeconds)
  if (!Number.isInteger(resolved.idleMs) || resolved.idleMs <= 0) {
    throw invalidOption(
      WHERE,
      'idleMs',
      'a positive integer number of milliseconds',
      resolved.idleMs,
    )
  }
  return resolved
}

/** Lambda accepts whole seconds from 1 to 900; the same rule applies to a deploy's timeout. */
export function checkTimeout(where: string, value: unknown): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 900) {
    throw invalidOption(where, 'timeoutSeconds', 'an integer from 1 to 900', value)
  }
}

function checkPort(value: unknown): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 65535) {
    throw invalidOption(WHERE, 'port', 'an integer from 0 to 65535', value)
  }
}

function checkString(key: string, value: unknown): void {
  if (typeof value !== 'string' || value === '') {
    throw invalidOption(WHERE, key, 'a non-empty string', value)
  }
}
