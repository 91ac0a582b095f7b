import type { CompletionContext } from './completion.js'
import type { NextInvocation } from './runtime-client.js'

/** The `context` argument of a Node Lambda handler, built from one invocation's headers. */
export function lambdaContext(invocation: NextInvocation): CompletionContext {
  const env = process.env
  return {
    awsRequestId: invocation.requestId,
    functionName: env.AWS_LAMBDA_FUNCTION_NAME ?? '',
    functionVersion: env.AWS_LAMBDA_FUNCTION_VERSION ?? '$LATEST',
    invokedFunctionArn: invocation.functionArn,
    memoryLimitInMB: env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE ?? '128',
    logGroupName: env.AWS_LAMBDA_LOG_GROUP_NAME ?? '',
    logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME ?? '',
    // Read when the handler calls its callback: false answers at once (see completion.ts).
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, invocation.deadlineMs - Date.now()),
  }
}
