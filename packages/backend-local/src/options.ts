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
  host: '127.0.0.1',
  concurrency: 10,
  queueLimit: 100,
  persist: true,
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
    host: options.host ?? DEFAULTS.host,
    timeoutSeconds: options.timeoutSeconds ?? DEFAULTS.timeoutSeconds,
    idleMs: options.idleMs ?? DEFAULTS.idleMs,
    region: options.region ?? DEFAULTS.region,
    concurrency: options.concurrency ?? DEFAULTS.concurrency,
    queueLimit: options.queueLimit ?? DEFAULTS.queueLimit,
    persist: options.persist ?? DEFAULTS.persist,
  }

  checkString('stateDir', resolved.stateDir)
  checkString('region', resolved.region)
  checkString('host', resolved.host)
  checkCount('concurrency', resolved.concurrency, 1)
  checkCount('queueLimit', resolved.queueLimit, 0)
  if (typeof resolved.persist !== 'boolean') {
    throw invalidOption(WHERE, 'persist', 'true or false', resolved.persist)
  }
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

function checkCount(key: string, value: unknown, min: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > 10_000) {
    throw invalidOption(WHERE, key, `an integer from ${min} to 10000`, value)
  }
}
