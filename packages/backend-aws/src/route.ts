/**
 * The part of a route template API Gateway needs: its resource path and segments, read with the
 * same `parseRoute` the runtime adapter uses, so a route is judged the same way everywhere.
 */
import { parseRoute, RouteError } from '@portkey/runtime'
import { invalidRoute } from './diagnostics.js'

export interface RoutePath {
  template: string
  /** API Gateway resource path, e.g. `/users/{id}`; `/` for the root. */
  resource: string
  /** Path parts; a placeholder part is `{name}` without its `:type`. */
  segments: string[]
}

export function routePath(template: string): RoutePath {
  if (typeof template !== 'string') {
    throw invalidRoute(String(template), 'a route must be a string', 'Write it as /path')
  }

  try {
    const { resource, segments } = parseRoute(template)
    return { template, resource, segments }
  } catch (error: unknown) {
    if (!(error instanceof RouteError)) throw error
    throw invalidRoute(
      template,
      error.message.replace(/\.$/, ''),
      'See the route syntax in the README',
    )
  }
}
