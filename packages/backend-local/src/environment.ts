import { randomBytes } from 'node:crypto'
import { delimiter, dirname } from 'node:path'
import { RESERVED_ENVIRONMENT_KEYS } from '@portkey/backend'
import { reservedEnvironmentKey } from './diagnostics.js'

/** What one worker process is told about itself, the way Lambda tells a Node function. */
export interface WorkerEnvironmentInput {
  functionName: string
  memoryMb: number
  region: string
  handler: string
  taskRoot: string
  runtimeDir: string
  /** `host:port/prefix` of the Runtime API this instance polls. */
  runtimeApi: string
  user: Record<string, string>
}

export function checkUserEnvironment(functionName: string, user: Record<string, string>): void {
  for (const key of Object.keys(user)) {
    if (RESERVED_ENVIRONMENT_KEYS.has(key)) throw reservedEnvironmentKey(functionName, key)
  }
}

/**
 * The complete environment of a worker. It is built from nothing: the parent's variables (and
 * so any credentials in them) never reach the function, exactly as on Lambda.
 */
export function workerEnvironment(input: WorkerEnvironmentInput): Record<string, string> {
  return {
    ...input.user,
    AWS_LAMBDA_FUNCTION_NAME: input.functionName,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(input.memoryMb),
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_REGION: input.region,
    AWS_DEFAULT_REGION: input.region,
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${input.functionName}`,
    AWS_LAMBDA_LOG_STREAM_NAME: logStreamName(),
    AWS_EXECUTION_ENV: `AWS_Lambda_nodejs${process.versions.node.split('.')[0]}.x`,
    AWS_LAMBDA_RUNTIME_API: input.runtimeApi,
    _HANDLER: input.handler,
    LAMBDA_TASK_ROOT: input.taskRoot,
    LAMBDA_RUNTIME_DIR: input.runtimeDir,
    TZ: 'UTC',
    LANG: 'en_US.UTF-8',
    PATH: workerPath(),
    NODE_OPTIONS: '--enable-source-maps',
  }
}

/** Lambda's shape: `2024/01/31/[$LATEST]<32 hex>`. */
function logStreamName(): string {
  const day = new Date().toISOString().slice(0, 10).replaceAll('-', '/')
  return `${day}/[$LATEST]${randomBytes(16).toString('hex')}`
}

/** Lambda's own PATH, with this machine's node first so `node` in a subprocess is the same one. */
function workerPath(): string {
  const dirs = [dirname(process.execPath), '/usr/local/bin', '/usr/bin', '/bin', '/opt/bin']
  return [...new Set(dirs)].join(delimiter)
}
