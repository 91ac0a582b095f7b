import { describe, expect, it } from 'vitest'
import { matchRoute, parseRoute, RouteError } from '../src/index.js'

function routeErrorOf(template: string): RouteError {
  try {
    parseRoute(template)
  } catch (error: unknown) {
    if (error instanceof RouteError) return error
    throw error
  }
  throw new Error(`parseRoute accepted ${template}`)
}

describe('parseRoute', () => {
  it('reads a query placeholder with the default string type', () => {
    expect(parseRoute('/hello?name={name}')).toEqual({
      template: '/hello?name={name}',
      resource: '/hello',
      segments: ['hello'],
      placeholders: [{ name: 'name', type: 'string', source: 'query', key: 'name' }],
    })
  })

  it('reads path placeholders into an API Gateway resource without their types', () => {
    const route = parseRoute('/users/{id:integer}/posts/{slug}')
    expect(route.resource).toBe('/users/{id}/posts/{slug}')
    expect(route.segments).toEqual(['users', '{id}', 'posts', '{slug}'])
    expect(route.placeholders).toEqual([
      { name: 'id', type: 'integer', source: 'path', key: 'id' },
      { name: 'slug', type: 'string', source: 'path', key: 'slug' },
    ])
  })

  it('reads typed query placeholders whose key differs from the name', () => {
    const route = parseRoute('/add?a={a:number}&b={b:number}&v={verbose:boolean}')
    expect(route.resource).toBe('/add')
    expect(route.placeholders.map((p) => [p.key, p.name, p.type])).toEqual([
      ['a', 'a', 'number'],
      ['b', 'b', 'number'],
      ['v', 'verbose', 'boolean'],
    ])
  })

  it('accepts the root path with and without a query', () => {
    expect(parseRoute('/').resource).toBe('/')
    expect(parseRoute('/?q={q}').placeholders).toHaveLength(1)
  })

  it.each([
    ['hello', 1, 'a route must start with /', "Write it as '/hello'"],
    ['/users/{}', 9, 'empty placeholder name', 'Write placeholders as {name} or {name:type}'],
    ['/a/{id}/b/{id}', 11, "duplicate placeholder name 'id'", 'Give each placeholder its own name'],
    ['/a/{x}?x={x}', 10, "duplicate placeholder name 'x'", 'Give each placeholder its own name'],
    ['/add?a={a:float}', 11, "unknown placeholder type 'float'", 'Use one of string, number'],
    [
      '/users/id-{id}',
      11,
      "a placeholder must fill a whole path segment, but 'id-{id}' has other text around it",
      'Give the placeholder its own segment',
    ],
    ['/users/{id', 8, "unbalanced braces in path segment '{id'", 'Write placeholders as'],
    ['/he llo', 4, "character ' ' is not allowed in a path", 'Use only letters, digits'],
    ['/hello#x', 7, "character '#' is not allowed in a path", 'Use only letters, digits'],
    [
      '/users/{user-id}',
      9,
      "placeholder name 'user-id' has characters other than letters, digits and _",
      'Use a JavaScript identifier',
    ],
    [
      '/files/{proxy+}',
      9,
      'greedy placeholder {proxy+} is not supported',
      'Use one placeholder per path segment',
    ],
    ['/hello?debug', 8, "query key 'debug' has no placeholder", 'Write it as debug={debug}'],
    [
      '/hello?mode=fast',
      13,
      "the value of 'mode' is 'fast', but literal query values are not supported",
      'Make the whole value one placeholder',
    ],
    ['/hello?a={a}&a={b}', 14, "duplicate query key 'a'", 'Use each key once'],
    ['/hello?a={a}&', 14, 'empty query part', 'Remove the extra &'],
    ['/hello?', 7, 'nothing follows ?', 'Remove the ?'],
    ['/users//x', 8, 'empty path segment', 'Remove the extra /'],
    ['/users/', 8, 'empty path segment', 'Remove the extra /'],
  ])('rejects %s at column %i saying what and how to fix it', (template, column, what, fix) => {
    const error = routeErrorOf(template)
    expect(error.code).toBe('ROUTE_INVALID')
    expect(error.column).toBe(column)
    expect(error.message).toContain(`Route '${template}' is invalid at column ${column}: ${what}`)
    expect(error.message).toContain(fix)
  })

  it('shows a caret under the offending column in the frame', () => {
    expect(routeErrorOf('/users/id-{id}').frame).toBe('/users/id-{id}\n          ^')
  })

  it('rejects a template that is not a string', () => {
    expect(() => parseRoute(42 as unknown as string)).toThrow(/must be a string/)
  })
})

describe('matchRoute', () => {
  const route = parseRoute('/users/{id}/posts/{slug}?v={v:boolean}')

  it('returns decoded path parameters for a matching path', () => {
    expect(matchRoute(route, '/users/7/posts/hello%20world')).toEqual({
      id: '7',
      slug: 'hello world',
    })
  })

  it('returns null for a different literal, a different length or an empty segment', () => {
    expect(matchRoute(route, '/people/7/posts/x')).toBeNull()
    expect(matchRoute(route, '/users/7/posts')).toBeNull()
    expect(matchRoute(route, '/users//posts/x')).toBeNull()
    expect(matchRoute(route, '/users/7/posts/x/')).toBeNull()
  })

  it('returns null for malformed percent-encoding instead of throwing', () => {
    expect(matchRoute(route, '/users/%E0%A4%A/posts/x')).toBeNull()
  })

  it('matches the root route only against /', () => {
    const root = parseRoute('/')
    expect(matchRoute(root, '/')).toEqual({})
    expect(matchRoute(root, '/x')).toBeNull()
  })
})
