/**
 * The program each warm instance runs: a Lambda Runtime API client loop. It loads the handler
 * once (module state then lives as long as the instance), and forever asks for the next event,
 * calls the handler and posts its answer or error. It imports only node built-ins.
 */
import { complete, type Completion } from './completion.js'
import { tagConsole } from './console.js'
import { lambdaContext } from './context.js'
import { loadHandler, type LambdaHandler } from './handler.js'
import { RuntimeClient, type NextInvocation } from './runtime-client.js'

// Lambda's Node runtime exits with this status after an uncaught error.
const UNCAUGHT_EXIT_STATUS = 129
// Lambda's limit for a synchronous response (6 MB, as its own error message states it).
const MAX_RESPONSE_BYTES = 6_291_556

let currentRequestId: string | undefined

async function main(): Promise<void> {
  const client = new RuntimeClient(requiredEnv('AWS_LAMBDA_RUNTIME_API'))
  tagConsole(() => currentRequestId)
  failOnUncaught(client)

  let handler: LambdaHandler
  try {
    handler = await loadHandler(requiredEnv('LAMBDA_TASK_ROOT'), requiredEnv('_HANDLER'))
  } catch (error: unknown) {
    console.error(error)
    await client.initFailed(error)
    process.exit(1)
  }

  for (;;) {
    const invocation = await client.next()
    currentRequestId = invocation.requestId
    await runOne(client, handler, invocation)
  }
}

async function runOne(
  client: RuntimeClient,
  handler: LambdaHandler,
  invocation: NextInvocation,
): Promise<void> {
  if (invocation.traceId !== undefined) process.env._X_AMZN_TRACE_ID = invocation.traceId
  const completion = await complete(handler, invocation.event, lambdaContext(invocation))
  await post(client, invocation.requestId, completion)
}

async function post(client: RuntimeClient, requestId: string, completion: Completion) {
  if (!completion.ok) {
    console.error(completion.error)
    return client.fail(requestId, completion.error)
  }
  const payload = toJson(completion.value)
  if (payload === null) return client.fail(requestId, unserializable())

  // Checked here rather than by posting and reading the Runtime API's 413, so a huge answer
  // never has to cross the socket; the instance stays warm, as on Lambda.
  const size = Buffer.byteLength(payload)
  if (size > MAX_RESPONSE_BYTES) {
    const error = tooLarge(size)
    console.error(error.message)
    return client.fail(requestId, error)
  }
  await client.respond(requestId, payload)
}

/**
 * An uncaught exception or unhandled rejection fails the invocation in progress and ends the
 * instance, which is what Lambda's Node runtime does; the next request gets a fresh instance.
 */
function failOnUncaught(client: RuntimeClient): void {
  const fatal = async (error: unknown) => {
    console.error('Uncaught Exception', error)
    if (currentRequestId !== undefined) {
      await client.fail(currentRequestId, error).catch(() => undefined)
    }
    process.exit(UNCAUGHT_EXIT_STATUS)
  }
  process.on('uncaughtException', (error) => void fatal(error))
  process.on('unhandledRejection', (reason) => void fatal(unhandledRejection(reason)))
}

function unhandledRejection(reason: unknown): Error {
  const error = new Error(reason instanceof Error ? reason.message : String(reason))
  error.name = 'Runtime.UnhandledPromiseRejection'
  if (reason instanceof Error && reason.stack !== undefined) error.stack = reason.stack
  return error
}

function toJson(value: unknown): string | null {
  try {
    return JSON.stringify(value ?? null)
  } catch {
    // A cycle or a BigInt: reported below as the error Lambda reports for it.
    return null
  }
}

function unserializable(): Error {
  const error = new Error('Unable to stringify response body')
  error.name = 'Runtime.MalformedResponse'
  return error
}

function tooLarge(size: number): Error {
  const error = new Error(
    `Response payload size (${size} bytes) exceeded maximum allowed payload size (${MAX_RESPONSE_BYTES} bytes).`,
  )
  error.name = 'Function.ResponseSizeTooLarge'
  return error
}

function requiredEnv(key: string): string {
  const value = process.env[key]
  if (value === undefined || value === '') throw new Error(`bootstrap: ${key} is not set`)
  return value
}

// A lost connection to the Runtime API means the backend is gone: end the instance, like Lambda.
main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
