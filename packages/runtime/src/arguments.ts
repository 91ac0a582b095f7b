/**
 * Proxy event -> the function's arguments. The route and call shape are checked against each
 * other once, when the handler is created, so a request can only fail because of its own values.
 */
import { convertValue } from './convert.js'
import { callShapeInvalid, parameterUnbound, placeholderUnused } from './diagnostics.js'
import { matchRoute } from './route.js'
import type { CallShape, Placeholder, ProxyEvent, Route } from './types.js'

/** Why a request's arguments are unusable; becomes a 400 body. */
export interface ArgumentProblem {
  error: string
  /** The path placeholder name, or the query key the caller has to send. */
  parameter: string
}

export type Binding = { ok: true; args: unknown[] } | { ok: false; problem: ArgumentProblem }

/** What one call argument (or object property) is made of. */
interface Slot {
  name: string
  placeholder: Placeholder | undefined
  optional: boolean
}

export function createBinder(route: Route, call: CallShape): (event: ProxyEvent) => Binding {
  const slots = planSlots(route, call)

  return (event) => {
    const values = readSlots(route, slots, event)
    if (!values.ok) return values
    if (call.kind === 'positional') return { ok: true, args: values.list }
    return { ok: true, args: [toObject(slots, values.list)] }
  }
}

/** Checks the route against the call shape and lists what each argument is made of. */
export function planSlots(route: Route, call: CallShape): Slot[] {
  const byName = new Map(route.placeholders.map((placeholder) => [placeholder.name, placeholder]))

  if (call?.kind === 'object') {
    if (call.optional !== undefined && !Array.isArray(call.optional)) throw callShapeInvalid(call)
    const optional = new Set(call.optional ?? [])
    return route.placeholders.map((placeholder) => ({
      name: placeholder.name,
      placeholder,
      optional: optional.has(placeholder.name),
    }))
  }
  if (call?.kind !== 'positional' || !Array.isArray(call.params)) throw callShapeInvalid(call)

  const names = call.params.map((param) => param.name)
  for (const placeholder of route.placeholders) {
    if (!names.includes(placeholder.name)) {
      throw placeholderUnused(route.template, placeholder.name, names)
    }
  }
  return call.params.map((param) => {
    const placeholder = byName.get(param.name)
    if (!placeholder && !param.optional) throw parameterUnbound(route.template, param.name)
    return { name: param.name, placeholder, optional: param.optional }
  })
}

type SlotValues = { ok: true; list: unknown[] } | { ok: false; problem: ArgumentProblem }

function readSlots(route: Route, slots: Slot[], event: ProxyEvent): SlotValues {
  const pathParameters = event.pathParameters ?? matchRoute(route, event.path ?? '') ?? {}
  const query = event.queryStringParameters ?? {}
  const list: unknown[] = []

  for (const slot of slots) {
    const placeholder = slot.placeholder
    if (!placeholder) {
      list.push(undefined)
      continue
    }
    const source = placeholder.source === 'path' ? pathParameters : query
    const text = Object.hasOwn(source, placeholder.key) ? source[placeholder.key] : undefined
    if (text === undefined) {
      if (!slot.optional) return { ok: false, problem: missing(route, placeholder) }
      list.push(undefined)
      continue
    }

    const converted = convertValue(text, placeholder.type)
    if (!converted.ok) return { ok: false, problem: illTyped(route, placeholder, text, converted) }
    list.push(converted.value)
  }
  return { ok: true, list }
}

function toObject(slots: Slot[], values: unknown[]): Record<string, unknown> {
  const object: Record<string, unknown> = {}
  slots.forEach((slot, position) => {
    // An absent optional value is left out, so a destructuring default applies.
    if (values[position] !== undefined) object[slot.name] = values[position]
  })
  return object
}

function missing(route: Route, placeholder: Placeholder): ArgumentProblem {
  const { key, type } = placeholder
  if (placeholder.source === 'query') {
    const error = `Missing query parameter '${key}': expected ?${key}=<${type}> (route ${route.template})`
    return { error, parameter: key }
  }
  const error = `Missing path parameter '${key}': expected a ${type} in the path (route ${route.template})`
  return { error, parameter: key }
}

function illTyped(
  route: Route,
  placeholder: Placeholder,
  text: string,
  conversion: { expected: string },
): ArgumentProblem {
  const where = placeholder.source === 'query' ? 'Query' : 'Path'
  const got = JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}...` : text)
  const error = `${where} parameter '${placeholder.key}' must be ${conversion.expected}, got ${got} (route ${route.template})`
  return { error, parameter: placeholder.key }
}
