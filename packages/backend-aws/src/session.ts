/**
 * The AWS side of one backend: the SDK modules (imported on first use, so importing this package
 * costs nothing), the three clients, the resolved region, and `call`, the one door every AWS
 * request goes through (retries, diagnostics, debug log).
 */
import type { APIGatewayClient } from '@aws-sdk/client-api-gateway'
import type { IAMClient } from '@aws-sdk/client-iam'
import type { LambdaClient } from '@aws-sdk/client-lambda'
import type { S3Client } from '@aws-sdk/client-s3'
import { errorName, explainAwsError, noRegion } from './diagnostics.js'
import { partitionOf } from './names.js'
import { type RetryReason, withRetry } from './retry.js'
import type { ResolvedAwsBackendOptions } from './types.js'

export interface Sdk {
  lambda: typeof import('@aws-sdk/client-lambda')
  apiGateway: typeof import('@aws-sdk/client-api-gateway')
  iam: typeof import('@aws-sdk/client-iam')
}

export interface AwsSession {
  sdk: Sdk
  lambda: LambdaClient
  apiGateway: APIGatewayClient
  iam: IAMClient
  /** Created on first use: only artifacts over 50 MB need S3. */
  s3(): Promise<{ client: S3Client; sdk: typeof import('@aws-sdk/client-s3') }>
  region: string
  partition: string
  options: ResolvedAwsBackendOptions
  call: Caller
  attempt: Attempter
}

export interface CallOptions {
  /** Temporary failures worth retrying. @default throttling and network */
  retry?: readonly RetryReason[]
}

/** Sends one request through retries; failures come out as `AwsBackendError`s. */
export type Caller = <T>(
  action: string,
  target: string,
  run: () => Promise<T>,
  options?: CallOptions,
) => Promise<T>

/** Like `Caller`, but an error `tolerate` accepts (not found, already exists) gives undefined. */
export type Attempter = <T>(
  action: string,
  target: string,
  run: () => Promise<T>,
  tolerate: (error: unknown) => boolean,
  options?: CallOptions,
) => Promise<T | undefined>

const DEFAULT_RETRY: readonly RetryReason[] = ['throttling', 'network']

const NOT_FOUND = new Set([
  'ResourceNotFoundException',
  'NoSuchEntityException',
  'NotFoundException',
])

export function isNotFound(error: unknown): boolean {
  return NOT_FOUND.has(errorName(error))
}

const debugEnabled = /(^|,)\s*portkey:(aws|\*)/.test(process.env.DEBUG ?? '')

let sdkLoading: Promise<Sdk> | undefined

function loadSdk(): Promise<Sdk> {
  sdkLoading ??= Promise.all([
    import('@aws-sdk/client-lambda'),
    import('@aws-sdk/client-api-gateway'),
    import('@aws-sdk/client-iam'),
  ]).then(([lambda, apiGateway, iam]) => ({ lambda, apiGateway, iam }))
  return sdkLoading
}

export async function openSession(options: ResolvedAwsBackendOptions): Promise<AwsSession> {
  const sdk = await loadSdk()
  const config = { ...clientConfig(options), ...(await dryRunCredentials(options)) }
  const probe = options.clients.lambda ?? new sdk.lambda.LambdaClient(config)
  const region = await resolveRegion(probe, options)
  const regional = { ...config, region }
  const lambda = options.clients.lambda ?? new sdk.lambda.LambdaClient(regional)
  const apiGateway = options.clients.apiGateway ?? new sdk.apiGateway.APIGatewayClient(regional)
  const iam = options.clients.iam ?? new sdk.iam.IAMClient(regional)

  const call = makeCaller(options)
  let s3: ReturnType<AwsSession['s3']> | undefined
  const openS3 = async () => {
    const s3Sdk = await import('@aws-sdk/client-s3')
    return { client: options.clients.s3 ?? new s3Sdk.S3Client(regional), sdk: s3Sdk }
  }

  return {
    sdk,
    lambda,
    apiGateway,
    iam,
    s3: () => (s3 ??= openS3()),
    region,
    partition: partitionOf(region),
    options,
    call,
    attempt: makeAttempter(call),
  }
}

function clientConfig(options: ResolvedAwsBackendOptions) {
  return {
    ...(options.region !== undefined && { region: options.region }),
    ...(options.profile !== undefined && { profile: options.profile }),
    ...(options.endpoint !== undefined && { endpoint: options.endpoint }),
    ...(options.credentials !== undefined && { credentials: options.credentials }),
  }
}

async function resolveRegion(lambda: LambdaClient, options: ResolvedAwsBackendOptions) {
  try {
    return await lambda.config.region()
  } catch (error: unknown) {
    if (!options.dryRun) throw noRegion(error)
    options.log(`No AWS region configured: planning for ${DRY_RUN_REGION}.`)
    return DRY_RUN_REGION
  }
}

// A plan without a configured region still needs one to spell ARNs and the URL.
const DRY_RUN_REGION = 'us-east-1'

/**
 * A dry run only reads, and must work on a machine with no AWS set up at all. The SDK's default
 * chain would end by asking the EC2 instance metadata service over the network, so a dry run
 * without explicit credentials looks only where no request is needed: environment variables
 * and the shared config files. Finding nothing there, the plan assumes nothing exists yet.
 */
async function dryRunCredentials(options: ResolvedAwsBackendOptions) {
  if (!options.dryRun || options.credentials !== undefined || options.clients.lambda) return {}
  const { createCredentialChain, fromEnv, fromIni } = await import('@aws-sdk/credential-providers')
  const profile = options.profile !== undefined ? { profile: options.profile } : {}
  return { credentials: createCredentialChain(fromEnv(), fromIni(profile)) }
}

function makeCaller(options: ResolvedAwsBackendOptions): Caller {
  const policy = { sleep: options.sleep, log: options.log }

  return async (action, target, run, how = {}) => {
    if (debugEnabled) process.stderr.write(`portkey:aws ${action} ${target}\n`)
    const retry = how.retry ?? DEFAULT_RETRY
    try {
      return await withRetry(`${action} ${target}`, { ...policy, retry }, run)
    } catch (error: unknown) {
      throw explainAwsError(action, target, error)
    }
  }
}

const TOLERATED = Symbol('tolerated')

function makeAttempter(call: Caller): Attempter {
  return async (action, target, run, tolerate, how) => {
    // Checked before the retry loop sees the error: "already exists" is a ResourceConflictException
    // too, and must not be retried as if the function were busy.
    const guarded = async () => {
      try {
        return await run()
      } catch (error: unknown) {
        if (tolerate(error)) return TOLERATED
        throw error
      }
    }
    const result = await call(action, target, guarded, how)
    return result === TOLERATED ? undefined : (result as Awaited<ReturnType<typeof run>>)
  }
}

/** The same session acting for another app and stage (for `removeAll`, which spans them all). */
export function openScopedSession(session: AwsSession, app: string, stage: string): AwsSession {
  return { ...session, options: { ...session.options, app, stage } }
}
