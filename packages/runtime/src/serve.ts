/**
 * The Lambda handler proper: proxy event -> arguments -> call -> proxy response. It starts from a
 * handler plan and imports neither the route parser nor its diagnostics, so it is all an artifact
 * needs (see artifact.ts).
 */
import { createBinder, type PathMatcher } from './arguments.js'
import type { Converters } from './convert.js'
import { handlerNotFunction } from './diagnostics.js'
import { failureResult } from './failure.js'
import { jsonResult, toProxyResult } from './response.js'
import type { HandlerPlan, LambdaContext, ProxyEvent, ProxyResult } from './types.js'

export type ProxyHandler = (event: ProxyEvent, context: LambdaContext) => Promise<ProxyResult>

/** `converters` and `match` as for createBinder: what the plan's placeholders need. */
export function servePlan(
  fn: Function,
  plan: HandlerPlan,
  converters: Converters,
  match?: PathMatcher,
): ProxyHandler {
  if (typeof fn !== 'function') throw handlerNotFunction(fn)
  const bind = createBinder(plan, converters, match)

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
