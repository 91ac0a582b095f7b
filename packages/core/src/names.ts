import { MOUNT_NAME_PATTERN } from '@portkey/backend'
import type { Route } from '@portkey/runtime'
import { invalidName } from './diagnostics.js'

/** Checks a name the user gave; a given name is never silently rewritten. */
export function checkMountName(name: string): string {
  if (!MOUNT_NAME_PATTERN.test(name)) throw invalidName(name)
  return name
}

/**
 * Derives a mount name: the function's own name when it has one, else the route's literal path
 * segments (`/users/{id}` -> `users`), else `portkey-function`.
 */
export function deriveMountName(fn: Function, route: Route): string {
  const own = sanitize(fn.name.replace(/^bound /, ''))
  if (own && own !== 'anonymous' && own !== 'default') return own

  const fromRoute = sanitize(route.segments.filter((s) => !s.startsWith('{')).join('-'))
  return fromRoute || 'portkey-function'
}

function sanitize(text: string): string {
  return text
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
}
