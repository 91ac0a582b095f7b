/**
 * Handler config -> handler plan: the route is parsed and checked against the call shape, so a
 * request can only fail because of its own values. Runs when a handler is created at run time,
 * and at pack time for artifacts, whose adapter then starts from the plan.
 */
import { callShapeInvalid, parameterUnbound, placeholderUnused } from './diagnostics.js'
import { parseRoute } from './route.js'
import type { CallShape, HandlerConfig, HandlerPlan, PlannedSlot, Route } from './types.js'

export function planHandler(config: HandlerConfig): HandlerPlan {
  const route = parseRoute(config.route)
  const slots = planSlots(route, config.call)
  return { template: route.template, segments: route.segments, kind: config.call.kind, slots }
}

/** Checks the route against the call shape and lists what each argument is made of. */
function planSlots(route: Route, call: CallShape): PlannedSlot[] {
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
    const slot: PlannedSlot = { name: param.name, optional: param.optional }
    if (placeholder) slot.placeholder = placeholder
    return slot
  })
}
