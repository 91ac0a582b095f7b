/**
 * The program each warm instance runs: a Lambda Runtime API client loop. It loads the handler
 * once (module state then lives as long as the instance), and forever asks for the next event,
 * calls the handler and posts its answer or error. It imports only node built-ins.
 *
 * Known shortcoming: Lambda's own runtime rewrites `console.*` lines as
 * `time<TAB>requestId<TAB>LEVEL<TAB>message`; here they reach the log exactly as printed, and the
 * backend's START/END/REPORT lines are what ties them to a request.
 */
import { lambdaContext } from './context.js'
import { loadHandler, type LambdaHandler } from './handler.js'
import { RuntimeClient, type NextInvocation } from './runtime-client.js'

async function main(): Promise<void> {
  const client = new RuntimeClient(requiredEnv('AWS_LAMBDA_RUNTIME_API'))

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
    await runOne(client, handler, invocation)
  }
}

async function runOne(
  client: RuntimeClient,
  handler: LambdaHandler,
  invocation: NextInvocation,
): Promise<void> {
  if (invocation.traceId !== undefined) process.env._X_AMZN_TRACE_ID = invocation.traceId
  // A handler whose promise never settles leaves Node nothing to wait for, and Node would exit
  // quietly. Lambda keeps the instance running until the timeout instead; so does this timer.
  const keepAlive = setInterval(() => undefined, 60_000)
  let result: unknown
  try {
    result = await callHandler(handler, invocation.event, lambdaContext(invocation))
  } catch (error: unknown) {
    console.error(error)
    await client.fail(invocation.requestId, error)
    return
  } finally {
    clearInterval(keepAlive)
  }
  await client.respond(invocation.requestId, JSON.stringify(result ?? null))
}

/** Supports both handler styles Lambda does: returning a promise, or calling `callback`. */
function callHandler(handler: LambdaHandler, event: unknown, context: unknown): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const callback = (error: unknown, value: unknown) => (error ? reject(error) : resolve(value))
    const returned = handler(event, context, callback)
    const usesCallback = handler.length >= 3
    if (isThenable(returned)) returned.then(resolve, reject)
    else if (!usesCallback) resolve(returned)
  })
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function'
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
