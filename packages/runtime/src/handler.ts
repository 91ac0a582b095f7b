/** The Lambda handler: proxy event -> arguments -> call -> proxy response. */
import { createBinder } from './arguments.js'
import { handlerNotFunction } from './diagnostics.js'
import { failureResult } from './failure.js'
import { jsonResult, toProxyResult } from './response.js'
import { parseRoute } from './route.js'
import type { HandlerConfig, LambdaContext, ProxyEvent, ProxyResult } from './types.js'

export type ProxyHandler = (event: ProxyEvent, context: LambdaContext) => Promise<ProxyResult>

/**
 * Checks the route and call shape up front and throws RouteError or HandlerError, so a bad
 * config fails when the artifact loads, not on the first request.
 */
export function createHandler(fn: Function, config: HandlerConfig): ProxyHandler {
  if (typeof fn !== 'function') throw handlerNotFunction(fn)
  const bind = createBinder(parseRoute(config.route), config.call)

  return async (event, context) => {
    const requestId = context?.awsRequestId ?? event?.requestContext?.requestId ?? 'unknown'
    try {
      const binding = bind(event)
      if (!binding.ok) return jsonResult(400, binding.problem)

      const result: unknown = await fn(...binding.args)
      return await toProxyResult(result)
    } catch (error: unknown) {
      return safeFailureResult(error, requestId)
    }
  }
}

// Reading `status` off a hostile thrown value (a Proxy, a throwing getter) can throw again; the
// handler must still answer.
function safeFailureResult(error: unknown, requestId: string): ProxyResult {
  try {
    return failureResult(error, requestId)
  } catch (secondError: unknown) {
    console.error(
      `[portkey] request ${requestId}: the thrown value could not be read:`,
      secondError,
    )
    return jsonResult(500, { error: 'Internal Server Error', requestId })
  }
}

/** Validates a handler config without a function, e.g. when packing, before anything runs. */
export function checkHandlerConfig(config: HandlerConfig): void {
  createBinder(parseRoute(config.route), config.call)
}
