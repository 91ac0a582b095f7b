import { functionParameters } from '@portkey/closure-graph'
import type { CallShape, Route } from '@portkey/runtime'
import { routeMismatch } from './diagnostics.js'

/**
 * Decides how the runtime adapter calls the function from a request, and checks that the
 * route's placeholders and the function's parameters agree, so a mismatch fails at mount time
 * rather than as a 400 on every request.
 */
export function callShapeFor(fn: Function, route: Route, name: string): CallShape {
  const params = functionParameters(fn)
  const placeholders = route.placeholders.map((p) => p.name)
  const signature = `${name}(${params.map((p) => p.name ?? `{${p.pattern}}`).join(', ')})`

  // `({ name, id }) => ...` receives one object holding every placeholder.
  const [first] = params
  if (params.length === 1 && first && first.pattern === 'object') return { kind: 'object' }

  const unnamed = params.find((p) => p.name === null || p.rest)
  if (unnamed) {
    throw routeMismatch(
      name,
      `${signature} has a destructured or rest parameter that no placeholder can fill`,
      'use plain named parameters, or a single object parameter like ({ name }) => ...',
    )
  }

  const named = params.map((p) => ({ name: p.name ?? '', optional: p.optional }))
  checkEveryPlaceholderIsAParameter(name, signature, placeholders, named, route)
  checkEveryParameterIsFilled(name, signature, placeholders, named, route)
  return { kind: 'positional', params: named }
}

function checkEveryPlaceholderIsAParameter(
  name: string,
  signature: string,
  placeholders: string[],
  params: Array<{ name: string }>,
  route: Route,
): void {
  const stray = placeholders.find((p) => !params.some((param) => param.name === p))
  if (stray === undefined) return

  throw routeMismatch(
    name,
    `route "${route.template}" has a placeholder {${stray}} but ${signature} has no parameter named ${stray}`,
    `rename the placeholder to one of the parameters, or add a parameter named ${stray}`,
  )
}

function checkEveryParameterIsFilled(
  name: string,
  signature: string,
  placeholders: string[],
  params: Array<{ name: string; optional: boolean }>,
  route: Route,
): void {
  const unfilled = params.find((p) => !p.optional && !placeholders.includes(p.name))
  if (unfilled === undefined) return

  throw routeMismatch(
    name,
    `parameter ${unfilled.name} of ${signature} is not filled by route "${route.template}"`,
    `add a placeholder, e.g. "${route.resource}?${unfilled.name}={${unfilled.name}}", or give the parameter a default value`,
  )
}

/**
 * A route for a function when the user gave none (`portkey pack`): its name as the path and
 * one query placeholder per named parameter, e.g. `/add?a={a}&b={b}`.
 */
export function suggestRoute(fn: Function, path: string): string {
  const names = functionParameters(fn)
    .map((p) => p.name)
    .filter((name): name is string => name !== null)
  const query = names.map((name) => `${name}={${name}}`).join('&')
  return query ? `${path}?${query}` : path
}
