/**
 * Every error the runtime adapter raises. Each has a stable UPPER_SNAKE `code` and a message that
 * says what went wrong, where, and how to fix it.
 */

/** A route template that cannot be parsed, or that does not fit the function it is bound to. */
export class RouteError extends Error {
  override name = 'RouteError'
  /** `ROUTE_INVALID` (bad template) or `ROUTE_MISMATCH` (template and function disagree). */
  code: string
  /** The template as given. */
  template: string
  /** 1-based column in `template` where the problem starts, when there is one place. */
  column?: number

  constructor(code: string, message: string, template: string, column?: number) {
    super(message)
    this.code = code
    this.template = template
    if (column !== undefined) this.column = column
  }

  /** The template with a caret under the offending column, for terminals. */
  get frame(): string {
    if (this.column === undefined) return this.template
    return `${this.template}\n${' '.repeat(this.column - 1)}^`
  }
}

/** A handler that cannot be created: not a function, or a malformed call shape. */
export class HandlerError extends Error {
  override name = 'HandlerError'
  code: string

  constructor(code: string, message: string) {
    super(message)
    this.code = code
  }
}

/** `index` is 0-based into the template; the error reports it 1-based. */
export function routeInvalid(template: string, index: number, what: string, fix: string) {
  const column = index + 1
  const message = `Route '${template}' is invalid at column ${column}: ${what}. ${fix}.`
  return new RouteError('ROUTE_INVALID', message, template, column)
}

export function routeNotString(template: unknown) {
  const message = `A route template must be a string such as '/hello?name={name}', got ${typeof template}.`
  return new RouteError('ROUTE_INVALID', message, String(template))
}

export function parameterUnbound(template: string, parameter: string) {
  const message = `Route '${template}' has no placeholder for the required parameter '${parameter}'. Add {${parameter}} to the path or ?${parameter}={${parameter}} to the query, or give the parameter a default value.`
  return new RouteError('ROUTE_MISMATCH', message, template)
}

export function placeholderUnused(template: string, placeholder: string, parameters: string[]) {
  const known = parameters.length === 0 ? 'none' : parameters.join(', ')
  const message = `Route '${template}' has a placeholder {${placeholder}} that names no parameter of the function (its parameters: ${known}). Rename the placeholder to one of them, or remove it.`
  return new RouteError('ROUTE_MISMATCH', message, template)
}

export function handlerNotFunction(value: unknown) {
  const kind = value === null ? 'null' : typeof value
  const message = `createHandler needs a function, got ${kind}. Make sure the module's default export is the function to serve.`
  return new HandlerError('HANDLER_NOT_FUNCTION', message)
}

export function callShapeInvalid(call: unknown) {
  const message = `Handler config has an invalid call shape ${JSON.stringify(call)}. Use { kind: 'positional', params: [{ name, optional }] } or { kind: 'object' }.`
  return new HandlerError('CALL_SHAPE_INVALID', message)
}

/** Why a result cannot become a response; thrown inside a request, so it ends as a logged 500. */
export function resultUnsupported(kind: string, fix: string) {
  return new HandlerError(
    'RESULT_UNSUPPORTED',
    `The function returned ${kind}, which has no HTTP response form. ${fix}.`,
  )
}
