/**
 * Every error this package throws, in one place. Each has a stable UPPER_SNAKE `code` that callers
 * can test, and a message that says what went wrong, where, and how to fix it.
 */

export type AwsBackendErrorCode =
  | 'UNKNOWN_OPTION'
  | 'INVALID_OPTION'
  | 'INVALID_MOUNT_NAME'
  | 'INVALID_DEPLOY_INPUT'
  | 'INVALID_ROUTE'
  | 'MOUNT_NOT_FOUND'
  | 'NO_CREDENTIALS'
  | 'NO_REGION'
  | 'ACCESS_DENIED'
  | 'NOT_PORTKEY_RESOURCE'
  | 'ROUTE_CONFLICT'
  | 'FUNCTION_FAILED'
  | 'ARTIFACT_TOO_LARGE'
  | 'RETRIES_EXHAUSTED'
  | 'AWS_CALL_FAILED'

export class AwsBackendError extends Error {
  readonly code: AwsBackendErrorCode

  constructor(code: AwsBackendErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'AwsBackendError'
    this.code = code
  }
}

export function unknownOption(key: string, valid: readonly string[]): AwsBackendError {
  return new AwsBackendError(
    'UNKNOWN_OPTION',
    `createAwsBackend(): unknown option \`${key}\`. Valid options are: ${valid.map((name) => `\`${name}\``).join(', ')}.`,
  )
}

export function invalidOption(key: string, rule: string, value: unknown): AwsBackendError {
  return new AwsBackendError(
    'INVALID_OPTION',
    `createAwsBackend(): \`${key}\` must be ${rule}, got ${describe(value)}.`,
  )
}

export function invalidMountName(name: unknown): AwsBackendError {
  return new AwsBackendError(
    'INVALID_MOUNT_NAME',
    `deploy(): mount name ${describe(name)} is not valid. Use 1 to 64 letters, digits, \`-\` or \`_\` (Lambda's rule for function names).`,
  )
}

export function invalidDeployInput(name: string, problem: string): AwsBackendError {
  return new AwsBackendError('INVALID_DEPLOY_INPUT', `deploy('${name}'): ${problem}.`)
}

export function invalidRoute(template: string, problem: string, fix: string): AwsBackendError {
  return new AwsBackendError('INVALID_ROUTE', `Route '${template}': ${problem}. ${fix}.`)
}

export function mountNotFound(name: string, app: string, stage: string): AwsBackendError {
  return new AwsBackendError(
    'MOUNT_NOT_FOUND',
    `No mount named '${name}' in Portkey app '${app}', stage '${stage}' on AWS. Run list() (or \`portkey ls --backend aws\`) to see what is mounted, and check \`app\`, \`stage\` and \`region\`.`,
  )
}

export function noCredentials(action: string, cause: unknown): AwsBackendError {
  return new AwsBackendError(
    'NO_CREDENTIALS',
    `${action}: no AWS credentials were found (${errorText(cause)}). Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE with a profile from ~/.aws/credentials (or run \`aws sso login\`), or pass \`credentials\` to createAwsBackend(). To see the plan without credentials, use dryRun.`,
    { cause },
  )
}

export function noRegion(cause: unknown): AwsBackendError {
  return new AwsBackendError(
    'NO_REGION',
    `No AWS region is configured (${errorText(cause)}). Set AWS_REGION, a region in your profile, or pass \`region\` to createAwsBackend().`,
    { cause },
  )
}

export function accessDenied(action: string, target: string, cause: unknown): AwsBackendError {
  return new AwsBackendError(
    'ACCESS_DENIED',
    `${action} on ${target} was denied (${errorText(cause)}). Allow the IAM action \`${action}\` for the identity Portkey runs as; packages/backend-aws/README.md lists every action Portkey needs.`,
    { cause },
  )
}

export function notPortkeyResource(kind: string, name: string): AwsBackendError {
  return new AwsBackendError(
    'NOT_PORTKEY_RESOURCE',
    `The ${kind} '${name}' already exists but was not created by Portkey (it lacks the tag portkey:managed=true), so Portkey will not change or delete it. Choose another mount name, \`app\` or \`stage\`, or delete it yourself.`,
  )
}

export function routeConflict(resource: string, holder: string, apiId: string): AwsBackendError {
  return new AwsBackendError(
    'ROUTE_CONFLICT',
    `Route '${resource}' on REST API ${apiId} already sends requests to ${holder}. Unmount that one first or choose another path.`,
  )
}

export function routeShapeConflict(resource: string, cause: unknown): AwsBackendError {
  return new AwsBackendError(
    'ROUTE_CONFLICT',
    `API Gateway refused route '${resource}' (${errorText(cause)}). A path level can hold only one placeholder name: if another mount uses /x/{id}, use {id} rather than a different name at that level.`,
    { cause },
  )
}

export function functionFailed(name: string, reason: string): AwsBackendError {
  return new AwsBackendError(
    'FUNCTION_FAILED',
    `Lambda function '${name}' did not become ready: ${reason}. Check the role, the VPC subnets and security groups, and the function's CloudWatch logs, then mount again.`,
  )
}

export function artifactTooLarge(name: string, bytes: number, limit: number): AwsBackendError {
  return new AwsBackendError(
    'ARTIFACT_TOO_LARGE',
    `deploy('${name}'): the artifact is ${bytes} bytes, over Lambda's ${limit}-byte direct-upload limit. Pass \`s3Bucket\` to createAwsBackend() so it is uploaded through S3.`,
  )
}

export function retriesExhausted(action: string, attempts: number, cause: unknown) {
  return new AwsBackendError(
    'RETRIES_EXHAUSTED',
    `${action} still failed after ${attempts} attempts (${errorText(cause)}). AWS is throttling, busy or unreachable; wait a minute and mount again (the deploy resumes where it stopped).`,
    { cause },
  )
}

export function awsCallFailed(action: string, target: string, cause: unknown): AwsBackendError {
  return new AwsBackendError(
    'AWS_CALL_FAILED',
    `${action} on ${target} failed: ${errorName(cause)}: ${errorText(cause)}. Mount again to resume; if it keeps failing, the message above is AWS's own.`,
    { cause },
  )
}

/** Turns an SDK error into one of ours, naming the IAM action, or returns it unchanged. */
export function explainAwsError(action: string, target: string, error: unknown): unknown {
  if (error instanceof AwsBackendError) return error

  const name = errorName(error)
  if (name === 'CredentialsProviderError' || /could not load credentials/i.test(errorText(error))) {
    return noCredentials(action, error)
  }
  if (/region is missing/i.test(errorText(error))) return noRegion(error)
  if (isAccessDenied(error)) return accessDenied(action, target, error)
  return awsCallFailed(action, target, error)
}

function isAccessDenied(error: unknown): boolean {
  const name = errorName(error)
  return (
    name === 'AccessDeniedException' ||
    name === 'AccessDenied' ||
    name === 'UnauthorizedOperation' ||
    name === 'UnrecognizedClientException' ||
    httpStatus(error) === 403
  )
}

export function errorName(error: unknown): string {
  if (error instanceof Error) return error.name
  return typeof error
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

export function httpStatus(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined
  const metadata = (error as { $metadata?: { httpStatusCode?: number } }).$metadata
  return metadata?.httpStatusCode
}

function describe(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`
  if (value === null || typeof value !== 'object') return String(value)
  return Array.isArray(value) ? 'an array' : 'an object'
}
