/**
 * AWS Lambda's own rules for what a function may be, shared by every backend and by the core, so
 * a mount that the local backend accepts is one Lambda would accept too.
 * Source: the Lambda developer guide (function naming, quotas, reserved environment variables).
 */

/** Function names: letters, digits, hyphens and underscores, 1 to 64 characters. */
export const MOUNT_NAME_PATTERN = /^[A-Za-z0-9_-]{1,64}$/

/** Memory size in MB, inclusive. */
export const MEMORY_RANGE = [128, 10_240] as const

/** Timeout in seconds, inclusive. */
export const TIMEOUT_RANGE = [1, 900] as const

/** Environment variable names Lambda sets itself and refuses in a function's configuration. */
export const RESERVED_ENVIRONMENT_KEYS: ReadonlySet<string> = new Set([
  '_HANDLER',
  '_X_AMZN_TRACE_ID',
  'AWS_DEFAULT_REGION',
  'AWS_REGION',
  'AWS_EXECUTION_ENV',
  'AWS_LAMBDA_FUNCTION_NAME',
  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE',
  'AWS_LAMBDA_FUNCTION_VERSION',
  'AWS_LAMBDA_INITIALIZATION_TYPE',
  'AWS_LAMBDA_LOG_GROUP_NAME',
  'AWS_LAMBDA_LOG_STREAM_NAME',
  'AWS_ACCESS_KEY',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_LAMBDA_RUNTIME_API',
  'LAMBDA_TASK_ROOT',
  'LAMBDA_RUNTIME_DIR',
])
