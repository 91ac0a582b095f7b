/**
 * Request path -> path parameters. Kept apart from the route parser: an artifact matches paths
 * at run time but never parses a template, so it bundles this file and not the parser.
 */
import type { Route } from './types.js'

/**
 * Matches a request path (without its query string) against the route's resource. Returns the
 * decoded path parameters, or null when the path does not match or a segment is malformed
 * percent-encoding (API Gateway answers such requests itself, before any function runs).
 */
export function matchRoute(
  route: Pick<Route, 'segments'>,
  path: string,
): Record<string, string> | null {
  if (!path.startsWith('/')) return null
  const parts = path === '/' ? [] : path.slice(1).split('/')
  if (parts.length !== route.segments.length) return null

  const parameters: Record<string, string> = {}
  for (const [position, segment] of route.segments.entries()) {
    const value = decodeSegment(parts[position] ?? '')
    if (value === null || value === '') return null

    const isPlaceholder = segment.startsWith('{')
    if (isPlaceholder) parameters[segment.slice(1, -1)] = value
    else if (value !== segment) return null
  }
  return parameters
}

function decodeSegment(text: string): string | null {
  try {
    return decodeURIComponent(text)
  } catch {
    return null
  }
}
