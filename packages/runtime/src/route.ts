/**
 * Route templates: `/users/{id}?verbose={verbose:boolean}`. The path part uses API Gateway's
 * resource syntax, so it can be given to API Gateway unchanged; the query part maps query keys to
 * placeholders.
 */
import { routeInvalid, routeNotString } from './diagnostics.js'
import type { Placeholder, PlaceholderType, Route } from './types.js'

export { matchRoute } from './route-match.js'

const PLACEHOLDER_TYPES: readonly PlaceholderType[] = ['string', 'number', 'integer', 'boolean']

// API Gateway accepts only these in a resource path part; query keys follow the same rule so that
// a key never needs percent-encoding.
const LITERAL_CHARACTER = /[A-Za-z0-9._~-]/

// Names become API Gateway path parameter names and JavaScript property names, so they must be
// valid as both.
const PLACEHOLDER_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/

const WHOLE_PLACEHOLDER = /^\{([^{}]*)\}$/

const FORM_HINT = 'Write placeholders as {name} or {name:type}'

export function parseRoute(template: string): Route {
  if (typeof template !== 'string') throw routeNotString(template)
  if (!template.startsWith('/')) {
    throw routeInvalid(template, 0, 'a route must start with /', `Write it as '/${template}'`)
  }

  const queryStart = template.indexOf('?')
  const pathText = queryStart === -1 ? template : template.slice(0, queryStart)
  const placeholders: Placeholder[] = []

  const segments = parsePath(template, pathText, placeholders)
  if (queryStart !== -1) parseQuery(template, queryStart + 1, placeholders)

  return { template, resource: `/${segments.join('/')}`, segments, placeholders }
}

function parsePath(template: string, pathText: string, placeholders: Placeholder[]): string[] {
  if (pathText === '/') return []

  const segments: string[] = []
  let index = 1
  for (const text of pathText.slice(1).split('/')) {
    segments.push(parseSegment(template, text, index, placeholders))
    index += text.length + 1
  }
  return segments
}

/** Returns the segment as it appears in the resource: a literal, or `{name}` without its type. */
function parseSegment(template: string, text: string, index: number, found: Placeholder[]) {
  if (text === '') {
    const what = 'empty path segment (a double slash, or a slash at the end)'
    throw routeInvalid(template, index, what, 'Remove the extra /')
  }
  if (!text.includes('{') && !text.includes('}')) {
    checkLiteral(template, text, index, 'path')
    return text
  }

  const body = placeholderBody(template, text, index, 'path segment')
  const placeholder = parsePlaceholder(template, body, index + 1, { source: 'path', key: '' })
  addPlaceholder(template, found, { ...placeholder, key: placeholder.name }, index)
  return `{${placeholder.name}}`
}

function parseQuery(template: string, start: number, found: Placeholder[]): void {
  const queryText = template.slice(start)
  if (queryText === '') {
    throw routeInvalid(template, start - 1, 'nothing follows ?', 'Remove the ? or add key={name}')
  }

  const keys = new Set<string>()
  let index = start
  for (const part of queryText.split('&')) {
    parseQueryPart(template, part, index, keys, found)
    index += part.length + 1
  }
}

function parseQueryPart(
  template: string,
  part: string,
  index: number,
  keys: Set<string>,
  found: Placeholder[],
): void {
  if (part === '') {
    throw routeInvalid(
      template,
      index,
      'empty query part (&& or a trailing &)',
      'Remove the extra &',
    )
  }
  const equals = part.indexOf('=')
  if (equals === -1) {
    const what = `query key '${part}' has no placeholder`
    throw routeInvalid(template, index, what, `Write it as ${part}={${part}}`)
  }

  const key = part.slice(0, equals)
  if (key === '') throw routeInvalid(template, index, 'empty query key', 'Write key={name}')
  checkLiteral(template, key, index, 'query key')
  if (keys.has(key)) {
    throw routeInvalid(template, index, `duplicate query key '${key}'`, 'Use each key once')
  }
  keys.add(key)

  const valueIndex = index + equals + 1
  const body = placeholderBody(template, part.slice(equals + 1), valueIndex, `value of '${key}'`)
  const placeholder = parsePlaceholder(template, body, valueIndex + 1, { source: 'query', key })
  addPlaceholder(template, found, placeholder, valueIndex)
}

/** The text between the braces of a placeholder that must fill `text` entirely. */
function placeholderBody(template: string, text: string, index: number, where: string): string {
  const whole = WHOLE_PLACEHOLDER.exec(text)
  if (whole) return whole[1] ?? ''

  const opens = text.split('{').length - 1
  const closes = text.split('}').length - 1
  if (where.startsWith('value') && opens + closes === 0) {
    const what = `the ${where} is '${text}', but literal query values are not supported`
    throw routeInvalid(template, index, what, 'Make the whole value one placeholder')
  }
  if (opens !== 1 || closes !== 1 || text.indexOf('{') > text.indexOf('}')) {
    const what = `unbalanced braces in ${where} '${text}'`
    throw routeInvalid(template, index, what, FORM_HINT)
  }
  const what = `a placeholder must fill a whole ${where}, but '${text}' has other text around it`
  const fix = where.startsWith('value')
    ? 'Make the whole value one placeholder'
    : 'Give the placeholder its own segment, e.g. /users/{id} rather than /users/id-{id}'
  throw routeInvalid(template, index + text.indexOf('{'), what, fix)
}

/** `body` is `name` or `name:type`; `index` points at its first character. */
function parsePlaceholder(
  template: string,
  body: string,
  index: number,
  where: Pick<Placeholder, 'source' | 'key'>,
): Placeholder {
  const colon = body.indexOf(':')
  const name = colon === -1 ? body : body.slice(0, colon)
  const typeText = colon === -1 ? 'string' : body.slice(colon + 1)

  if (name === '') throw routeInvalid(template, index, 'empty placeholder name', FORM_HINT)
  if (name.endsWith('+')) {
    const what = `greedy placeholder {${body}} is not supported`
    throw routeInvalid(template, index, what, 'Use one placeholder per path segment')
  }
  if (!PLACEHOLDER_NAME.test(name)) {
    const what = `placeholder name '${name}' has characters other than letters, digits and _`
    throw routeInvalid(template, index, what, 'Use a JavaScript identifier such as userId')
  }

  const type = PLACEHOLDER_TYPES.find((candidate) => candidate === typeText)
  if (!type) {
    const what = `unknown placeholder type '${typeText}'`
    const fix = `Use one of ${PLACEHOLDER_TYPES.join(', ')}, e.g. {${name}:number}`
    throw routeInvalid(template, index + colon + 1, what, fix)
  }
  return { name, type, ...where }
}

function addPlaceholder(template: string, found: Placeholder[], add: Placeholder, index: number) {
  if (found.some((placeholder) => placeholder.name === add.name)) {
    const what = `duplicate placeholder name '${add.name}'`
    throw routeInvalid(template, index, what, 'Give each placeholder its own name')
  }
  found.push(add)
}

function checkLiteral(template: string, text: string, index: number, where: string): void {
  const offset = [...text].findIndex((character) => !LITERAL_CHARACTER.test(character))
  if (offset === -1) return

  const character = [...text][offset] ?? ''
  const what = `character '${character}' is not allowed in a ${where}`
  const fix = 'Use only letters, digits and . _ ~ -'
  // Spread counts code points, the index counts UTF-16 units; they agree up to the first astral
  // character, which is exactly the one reported.
  throw routeInvalid(template, index + offset, what, fix)
}
