/** Handlers created at run time from a handler config: the route is parsed here, once. */
import { CONVERTERS } from './convert.js'
import { handlerNotFunction } from './diagnostics.js'
import { planHandler } from './plan.js'
import { matchRoute } from './route-match.js'
import { servePlan, type ProxyHandler } from './serve.js'
import type { HandlerConfig } from './types.js'

export type { ProxyHandler } from './serve.js'

/**
 * Checks the route and call shape up front and throws RouteError or HandlerError, so a bad
 * config fails when the artifact loads, not on the first request.
 */
export function createHandler(fn: Function, config: HandlerConfig): ProxyHandler {
  // Checked before the config, so a missing function is reported even when the config is bad too.
  if (typeof fn !== 'function') throw handlerNotFunction(fn)
  return servePlan(fn, planHandler(config), CONVERTERS, matchRoute)
}

/** Validates a handler config without a function, e.g. when packing, before anything runs. */
export function checkHandlerConfig(config: HandlerConfig): void {
  planHandler(config)
}
