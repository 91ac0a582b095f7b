/**
 * The Lambda function of a mount: created once, then updated in place. Lambda runs one update at
 * a time per function and answers a second one with ResourceConflictException, so every change is
 * followed by a waiter before the next.
 */
import type { FunctionConfiguration } from '@aws-sdk/client-lambda'
import type { DeployInput } from '@portkey/backend'
import { errorName, errorText, functionFailed, notPortkeyResource } from './diagnostics.js'
import { codeSource } from './function-code.js'
import { type DesiredConfig, configDifferences } from './function-config.js'
import { MANAGED_TAG } from './names.js'
import { type AwsSession, isNotFound } from './session.js'
import type { PlanStep } from './types.js'

export interface FunctionState {
  configuration: FunctionConfiguration
  tags: Record<string, string>
}

export interface FunctionResult {
  arn: string
  change: 'created' | 'updated' | 'unchanged'
}

// A first deploy waits for a new role to reach Lambda and for the function to start; both are
// usually seconds, but AWS documents no bound, so waiters give up only after five minutes.
const WAIT = { maxWaitTime: 300, minDelay: 1, maxDelay: 10 }

export async function observeFunction(session: AwsSession, functionName: string) {
  const { lambda, sdk } = session
  const found = await session.attempt(
    'lambda:GetFunction',
    functionName,
    () => lambda.send(new sdk.lambda.GetFunctionCommand({ FunctionName: functionName })),
    isNotFound,
  )
  if (!found?.Configuration) return undefined

  const tags = found.Tags ?? {}
  if (tags[MANAGED_TAG] !== 'true') throw notPortkeyResource('Lambda function', functionName)
  return { configuration: found.Configuration, tags }
}

export function planFunction(
  session: AwsSession,
  functionName: string,
  state: FunctionState | undefined,
  input: DeployInput,
  desired: DesiredConfig,
): PlanStep[] {
  if (!state) return [{ action: 'create', resource: 'function', target: functionName }]

  const codeChanged = needsCode(session, state.configuration, input)
  const differences = configDifferences(state.configuration, desired)
  return [
    codeChanged
      ? { action: 'update', resource: 'function-code', target: functionName, detail: codeChanged }
      : {
          action: 'skip',
          resource: 'function-code',
          target: functionName,
          detail: 'same CodeSha256',
        },
    differences.length > 0
      ? {
          action: 'update',
          resource: 'function-config',
          target: functionName,
          detail: differences.join(', '),
        }
      : { action: 'skip', resource: 'function-config', target: functionName },
  ]
}

/** Why the code must be uploaded again, or undefined when Lambda already runs these bytes. */
function needsCode(session: AwsSession, current: FunctionConfiguration, input: DeployInput) {
  if (current.CodeSha256 !== input.artifact.sha256) return 'CodeSha256 differs'
  const architecture = current.Architectures?.[0] ?? 'x86_64'
  if (architecture !== session.options.architecture) return 'architecture differs'
  return undefined
}

export async function ensureFunction(
  session: AwsSession,
  input: DeployInput,
  functionName: string,
  desired: DesiredConfig,
  tags: Record<string, string>,
): Promise<FunctionResult> {
  let state = await observeFunction(session, functionName)
  if (!state) {
    const arn = await createFunction(session, input, functionName, desired, tags)
    if (arn) return { arn, change: 'created' }
    state = await observeFunction(session, functionName)
  }
  if (!state) throw functionFailed(functionName, 'Lambda said it exists, then that it does not')
  return updateFunction(session, input, state, desired)
}

/** Returns the new function's ARN, or undefined when a retried request finds it already made. */
async function createFunction(
  session: AwsSession,
  input: DeployInput,
  functionName: string,
  desired: DesiredConfig,
  tags: Record<string, string>,
): Promise<string | undefined> {
  const { lambda, sdk, options } = session
  const code = await codeSource(session, input, functionName)
  const { VpcConfig, ...config } = desired
  options.log(
    `Creating Lambda function ${functionName} (${options.runtime}, ${options.architecture})`,
  )

  const created = await session.attempt(
    'lambda:CreateFunction',
    functionName,
    () =>
      lambda.send(
        new sdk.lambda.CreateFunctionCommand({
          FunctionName: functionName,
          ...config,
          ...(options.vpc && { VpcConfig }),
          Runtime: options.runtime,
          Architectures: [options.architecture],
          PackageType: 'Zip',
          Code: code,
          Tags: tags,
        }),
      ),
    isAlreadyExists,
    { retry: ['throttling', 'network', 'role-propagation'] },
  )
  if (!created) return undefined

  await waitFor(session, functionName, 'active')
  return created.FunctionArn ?? ''
}

function isAlreadyExists(error: unknown): boolean {
  return errorName(error) === 'ResourceConflictException' && /already exist/i.test(errorText(error))
}

async function updateFunction(
  session: AwsSession,
  input: DeployInput,
  state: FunctionState,
  desired: DesiredConfig,
): Promise<FunctionResult> {
  const name = state.configuration.FunctionName ?? ''
  const arn = state.configuration.FunctionArn ?? ''

  // A deploy interrupted mid-update leaves the function busy; start only once it is settled.
  if (state.configuration.State === 'Pending') await waitFor(session, name, 'active')
  if (state.configuration.LastUpdateStatus === 'InProgress') await waitFor(session, name, 'updated')

  const codeChanged = needsCode(session, state.configuration, input)
  if (codeChanged) await updateCode(session, input, name, codeChanged)

  const differences = configDifferences(state.configuration, desired)
  if (differences.length > 0) await updateConfig(session, name, desired, differences)

  const changed = codeChanged !== undefined || differences.length > 0
  return { arn, change: changed ? 'updated' : 'unchanged' }
}

async function updateCode(session: AwsSession, input: DeployInput, name: string, why: string) {
  const { lambda, sdk, options } = session
  const code = await codeSource(session, input, name)
  options.log(`Updating code of ${name} (${why})`)

  const updated = await session.call(
    'lambda:UpdateFunctionCode',
    name,
    () =>
      lambda.send(
        new sdk.lambda.UpdateFunctionCodeCommand({
          FunctionName: name,
          ...code,
          Architectures: [options.architecture],
        }),
      ),
    { retry: ['throttling', 'network', 'conflict'] },
  )
  if (updated.CodeSha256 && updated.CodeSha256 !== input.artifact.sha256) {
    options.log(
      `Warning: Lambda hashed the code of ${name} as ${updated.CodeSha256}, not the artifact's ${input.artifact.sha256}; every remount will upload it again.`,
    )
  }
  await waitFor(session, name, 'updated')
}

async function updateConfig(
  session: AwsSession,
  name: string,
  desired: DesiredConfig,
  differences: string[],
) {
  const { lambda, sdk, options } = session
  options.log(`Updating configuration of ${name} (${differences.join(', ')})`)
  await session.call(
    'lambda:UpdateFunctionConfiguration',
    name,
    () =>
      lambda.send(
        new sdk.lambda.UpdateFunctionConfigurationCommand({ FunctionName: name, ...desired }),
      ),
    // A changed role can be as fresh as a new one, hence role propagation too.
    { retry: ['throttling', 'network', 'conflict', 'role-propagation'] },
  )
  await waitFor(session, name, 'updated')
}

async function waitFor(session: AwsSession, name: string, until: 'active' | 'updated') {
  const { lambda, sdk } = session
  const waiter =
    until === 'active'
      ? sdk.lambda.waitUntilFunctionActiveV2
      : sdk.lambda.waitUntilFunctionUpdatedV2
  try {
    await waiter({ client: lambda, ...WAIT }, { FunctionName: name })
  } catch (error: unknown) {
    throw functionFailed(name, await failureReason(session, name, error))
  }
}

async function failureReason(session: AwsSession, name: string, error: unknown) {
  const state = await observeFunction(session, name).catch(() => undefined)
  const configuration = state?.configuration
  return (
    configuration?.StateReason ??
    configuration?.LastUpdateStatusReason ??
    `the waiter stopped: ${errorText(error)}`
  )
}

export async function deleteFunction(session: AwsSession, name: string): Promise<void> {
  const { lambda, sdk } = session
  await session.attempt(
    'lambda:DeleteFunction',
    name,
    () => lambda.send(new sdk.lambda.DeleteFunctionCommand({ FunctionName: name })),
    isNotFound,
    { retry: ['throttling', 'network', 'conflict'] },
  )
}
