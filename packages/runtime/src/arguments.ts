/**
 * Proxy event -> the function's arguments, following a handler plan (see plan.ts), whose route and
 * call shape were checked against each other before any request.
 */
import type { Converters } from './convert.js'
import type { HandlerPlan, Placeholder, PlannedSlot, ProxyEvent } from './types.js'

/** Why a request's arguments are unusable; becomes a 400 body. */
export interface ArgumentProblem {
  error: string
  /** The path placeholder name, or the query key the caller has to send. */
  parameter: string
}

export type Binding = { ok: true; args: unknown[] } | { ok: false; problem: ArgumentProblem }

/** Reads the path parameters of a request whose event does not carry them. */
export type PathMatcher = (
  route: Pick<HandlerPlan, 'segments'>,
  path: string,
) => Record<string, string> | null

/**
 * `converters` needs an entry for each placeholder type in the plan, and `match` is needed only
 * when the plan has a path placeholder: an artifact imports no more than its route uses.
 */
export function createBinder(
  plan: HandlerPlan,
  converters: Converters,
  match?: PathMatcher,
): (event: ProxyEvent) => Binding {
  return (event) => {
    const values = readSlots(plan, converters, match, event)
    if (!values.ok) return values
    if (plan.kind === 'positional') return { ok: true, args: values.list }
    return { ok: true, args: [toObject(plan.slots, values.list)] }
  }
}

type SlotValues = { ok: true; list: unknown[] } | { ok: false; problem: ArgumentProblem }

function readSlots(
  plan: HandlerPlan,
  converters: Converters,
  match: PathMatcher | undefined,
  event: ProxyEvent,
): SlotValues {
  const pathParameters = event.pathParameters ?? match?.(plan, event.path ?? '') ?? {}
  const query = event.queryStringParameters ?? {}
  const list: unknown[] = []

  for (const slot of plan.slots) {
    const placeholder = slot.placeholder
    if (!placeholder) {
      list.push(undefined)
      continue
    }
    const source = placeholder.source === 'path' ? pathParameters : query
    const text = Object.hasOwn(source, placeholder.key) ? source[placeholder.key] : undefined
    if (text === undefined) {
      if (!slot.optional) return { ok: false, problem: missing(plan, placeholder) }
      list.push(undefined)
      continue
    }

    const converted = converters[placeholder.type]!(text)
    if (!converted.ok) return { ok: false, problem: illTyped(plan, placeholder, text, converted) }
    list.push(converted.value)
  }
  return { ok: true, list }
}

function toObject(slots: PlannedSlot[], values: unknown[]): Record<string, unknown> {
  const object: Record<string, unknown> = {}
  slots.forEach((slot, position) => {
    // An absent optional value is left out, so a destructuring default applies.
    if (values[position] !== undefined) object[slot.name] = values[position]
  })
  return object
}

function missing(plan: HandlerPlan, placeholder: Placeholder): ArgumentProblem {
  const { key, type } = placeholder
  if (placeholder.source === 'query') {
    const error = `Missing query parameter '${key}': expected ?${key}=<${type}> (route ${plan.template})`
    return { error, parameter: key }
  }
  const error = `Missing path parameter '${key}': expected a ${type} in the path (route ${plan.template})`
  return { error, parameter: key }
}

function illTyped(
  plan: HandlerPlan,
  placeholder: Placeholder,
  text: string,
  conversion: { expected: string },
): ArgumentProblem {
  const where = placeholder.source === 'query' ? 'Query' : 'Path'
  const got = JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}...` : text)
  const error = `${where} parameter '${placeholder.key}' must be ${conversion.expected}, got ${got} (route ${plan.template})`
  return { error, parameter: placeholder.key }
}
