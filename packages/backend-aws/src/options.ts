import { setTimeout as delay } from 'node:timers/promises'
import { invalidOption, unknownOption } from './diagnostics.js'
import type { AwsBackendOptions, ResolvedAwsBackendOptions } from './types.js'

const VALID_KEYS: readonly (keyof AwsBackendOptions)[] = [
  'region',
  'profile',
  'endpoint',
  'credentials',
  'app',
  'stage',
  'runtime',
  'architecture',
  's3Bucket',
  'vpc',
  'auth',
  'dryRun',
  'log',
  'clients',
  'sleep',
]

// App and stage become parts of function, role and API names, and a stage is a URL path part.
const NAME_PART = /^[A-Za-z0-9_-]{1,32}$/

/** Fills defaults and rejects anything unknown or malformed, naming the option. */
export function resolveAwsBackendOptions(
  options: AwsBackendOptions = {},
): ResolvedAwsBackendOptions {
  for (const key of Object.keys(options)) {
    if (!(VALID_KEYS as readonly string[]).includes(key)) throw unknownOption(key, VALID_KEYS)
  }

  const resolved: ResolvedAwsBackendOptions = {
    region: options.region,
    profile: options.profile,
    endpoint: options.endpoint,
    credentials: options.credentials,
    app: options.app ?? 'portkey',
    stage: options.stage ?? 'prod',
    runtime: options.runtime ?? 'nodejs20.x',
    architecture: options.architecture ?? 'x86_64',
    s3Bucket: options.s3Bucket,
    vpc: options.vpc,
    auth: options.auth ?? 'none',
    dryRun: options.dryRun ?? false,
    log: options.log ?? ((line) => process.stderr.write(`${line}\n`)),
    clients: options.clients ?? {},
    sleep: options.sleep ?? ((ms) => delay(ms)),
  }

  checkResolved(resolved)
  return resolved
}

function checkResolved(options: ResolvedAwsBackendOptions): void {
  for (const key of ['region', 'profile', 'endpoint', 's3Bucket'] as const) {
    const value = options[key]
    if (value !== undefined && (typeof value !== 'string' || value === '')) {
      throw invalidOption(key, 'a non-empty string', value)
    }
  }
  if (options.endpoint !== undefined && !/^https?:\/\//.test(options.endpoint)) {
    throw invalidOption('endpoint', 'an http:// or https:// URL', options.endpoint)
  }

  checkNamePart('app', options.app)
  checkNamePart('stage', options.stage)
  checkOneOf('runtime', options.runtime, ['nodejs20.x', 'nodejs22.x'])
  checkOneOf('architecture', options.architecture, ['x86_64', 'arm64'])
  checkOneOf('auth', options.auth, ['none', 'iam'])
  if (typeof options.dryRun !== 'boolean')
    throw invalidOption('dryRun', 'a boolean', options.dryRun)
  if (typeof options.log !== 'function') throw invalidOption('log', 'a function', options.log)
  if (typeof options.sleep !== 'function') throw invalidOption('sleep', 'a function', options.sleep)
  if (options.vpc !== undefined) checkVpc(options.vpc)
}

function checkNamePart(key: string, value: unknown): void {
  if (typeof value !== 'string' || !NAME_PART.test(value)) {
    throw invalidOption(key, '1 to 32 letters, digits, `-` or `_`', value)
  }
}

function checkOneOf(key: string, value: unknown, allowed: readonly string[]): void {
  if (typeof value !== 'string' || !allowed.includes(value)) {
    throw invalidOption(key, `one of ${allowed.map((item) => `'${item}'`).join(', ')}`, value)
  }
}

function checkVpc(vpc: unknown): void {
  const rule = '{ subnetIds: string[], securityGroupIds: string[] }, each list non-empty'
  const value = vpc as { subnetIds?: unknown; securityGroupIds?: unknown } | null
  const listOk = (list: unknown) =>
    Array.isArray(list) && list.length > 0 && list.every((id) => typeof id === 'string')
  if (!value || !listOk(value.subnetIds) || !listOk(value.securityGroupIds)) {
    throw invalidOption('vpc', rule, vpc)
  }
}
