import { matchRoute } from '@portkey/runtime'
import type { Route } from '@portkey/runtime'
import { routeConflict } from '../diagnostics.js'

export interface RouteMatch {
  name: string
  route: Route
  /** Decoded path parameters. */
  params: Record<string, string>
}

/** Which mount serves which route resource. Every HTTP method reaches the same mount. */
export class RouteTable {
  private readonly routes = new Map<string, Route>()

  /**
   * Throws ROUTE_CONFLICT when another mount already serves the same resource. Placeholder names
   * do not tell resources apart (`/users/{id}` and `/users/{userId}` match the same paths), just
   * as API Gateway refuses sibling path variables with different names.
   */
  assertFree(name: string, route: Route): void {
    for (const [holder, held] of this.routes) {
      if (holder !== name && shape(held) === shape(route)) {
        throw routeConflict(name, route.resource, holder, held.resource)
      }
    }
  }

  claim(name: string, route: Route): void {
    this.assertFree(name, route)
    this.routes.set(name, route)
  }

  release(name: string): void {
    this.routes.delete(name)
  }

  /**
   * The mount whose route matches `path` (raw, still percent-encoded). Like API Gateway, the most
   * specific route wins: `/users/me` beats `/users/{id}` for the path `/users/me`.
   */
  match(path: string): RouteMatch | null {
    let best: (RouteMatch & { literals: number }) | null = null
    for (const [name, route] of this.routes) {
      const params = matchRoute(route, path)
      if (params === null) continue
      const literals = route.segments.filter((segment) => !segment.startsWith('{')).length
      if (best === null || literals > best.literals) best = { name, route, params, literals }
    }
    return best
  }
}

function shape(route: Route): string {
  return route.segments.map((segment) => (segment.startsWith('{') ? '{}' : segment)).join('/')
}
