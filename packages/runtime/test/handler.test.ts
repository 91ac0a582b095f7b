import { afterEach, describe, expect, it, vi } from 'vitest'
import { createHandler, HandlerError, RouteError } from '../src/index.js'
import type { CallShape, ProxyResult } from '../src/index.js'
import { lambdaContext, proxyEvent } from './events.js'

function positional(...names: string[]): CallShape {
  return { kind: 'positional', params: names.map((name) => ({ name, optional: false })) }
}

function jsonBody(result: ProxyResult): unknown {
  return JSON.parse(result.body)
}

afterEach(() => {
  vi.restoreAllMocks()
})

describe('createHandler arguments', () => {
  it('passes a query placeholder to the parameter of the same name', async () => {
    const handler = createHandler((name: string) => `hello ${name}`, {
      route: '/hello?name={name}',
      call: positional('name'),
    })
    const result = await handler(proxyEvent('/hello', { name: 'Rich' }), lambdaContext())
    expect(result).toEqual({
      statusCode: 200,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      body: 'hello Rich',
    })
  })

  it('passes path and query placeholders by name, not by position in the route', async () => {
    const handler = createHandler((verbose: boolean, id: number) => ({ id, verbose }), {
      route: '/users/{id:integer}?verbose={verbose:boolean}',
      call: positional('verbose', 'id'),
    })
    const event = proxyEvent('/users/42', { verbose: 'true' }, { id: '42' })
    const result = await handler(event, lambdaContext())
    expect(result.headers).toEqual({ 'content-type': 'application/json' })
    expect(jsonBody(result)).toEqual({ id: 42, verbose: true })
  })

  it('converts numbers, integers and booleans to their declared types', async () => {
    const handler = createHandler((a: number, b: number, c: boolean) => [a, b, c], {
      route: '/calc?a={a:number}&b={b:integer}&c={c:boolean}',
      call: positional('a', 'b', 'c'),
    })
    const result = await handler(
      proxyEvent('/calc', { a: '-1.5e2', b: '7', c: '0' }),
      lambdaContext(),
    )
    expect(jsonBody(result)).toEqual([-150, 7, false])
  })

  it('passes one object of all placeholders for the object call shape', async () => {
    const handler = createHandler(({ a, b }: { a: number; b: number }) => a + b, {
      route: '/add?a={a:number}&b={b:number}',
      call: { kind: 'object' },
    })
    const result = await handler(proxyEvent('/add', { a: '2', b: '3' }), lambdaContext())
    expect(result.body).toBe('5')
  })

  it('leaves out an absent optional property so the default applies', async () => {
    const handler = createHandler(
      ({ q, page = 1 }: { q: string; page?: number }) => ({ q, page }),
      {
        route: '/search?q={q}&page={page:integer}',
        call: { kind: 'object', optional: ['page'] },
      },
    )
    const result = await handler(proxyEvent('/search', { q: 'cats' }), lambdaContext())
    expect(jsonBody(result)).toEqual({ q: 'cats', page: 1 })
  })

  it('passes undefined for a missing optional positional parameter', async () => {
    const handler = createHandler((name: string, greeting = 'hi') => `${greeting} ${name}`, {
      route: '/hello?name={name}&greeting={greeting}',
      call: {
        kind: 'positional',
        params: [
          { name: 'name', optional: false },
          { name: 'greeting', optional: true },
        ],
      },
    })
    const result = await handler(proxyEvent('/hello', { name: 'Ann' }), lambdaContext())
    expect(result.body).toBe('hi Ann')
  })

  it('reads path parameters from the path when the event has none', async () => {
    const handler = createHandler((id: string) => id, {
      route: '/users/{id}',
      call: positional('id'),
    })
    const result = await handler(proxyEvent('/users/a%20b'), lambdaContext())
    expect(result.body).toBe('a b')
  })
})

describe('createHandler 400s', () => {
  const add = createHandler((a: number, b: number) => a + b, {
    route: '/add?a={a:number}&b={b:number}',
    call: positional('a', 'b'),
  })

  it('answers 400 naming a missing query parameter and what it expects', async () => {
    const result = await add(proxyEvent('/add', { a: '1' }), lambdaContext())
    expect(result.statusCode).toBe(400)
    expect(result.headers).toEqual({ 'content-type': 'application/json' })
    expect(jsonBody(result)).toEqual({
      error:
        "Missing query parameter 'b': expected ?b=<number> (route /add?a={a:number}&b={b:number})",
      parameter: 'b',
    })
  })

  it('answers 400 when the event has no query string at all', async () => {
    const result = await add(proxyEvent('/add', null), lambdaContext())
    expect(result.statusCode).toBe(400)
    expect(jsonBody(result)).toMatchObject({ parameter: 'a' })
  })

  it.each([
    ['number', 'abc', 'a number such as 42 or -1.5'],
    ['number', '', 'a number such as 42 or -1.5'],
    ['number', '0x10', 'a number such as 42 or -1.5'],
    ['number', 'Infinity', 'a number such as 42 or -1.5'],
    ['integer', '1.5', 'an integer such as 42'],
    ['integer', '99999999999999999999', 'an integer such as 42'],
    ['boolean', 'yes', 'true or false (or 1 or 0)'],
    ['boolean', 'constructor', 'true or false (or 1 or 0)'],
  ])('answers 400 for a %s parameter given %j', async (type, text, expected) => {
    const handler = createHandler((x: unknown) => x, {
      route: `/t?x={x:${type}}`,
      call: positional('x'),
    })
    const result = await handler(proxyEvent('/t', { x: text }), lambdaContext())
    expect(result.statusCode).toBe(400)
    const body = jsonBody(result) as { error: string; parameter: string }
    expect(body.parameter).toBe('x')
    expect(body.error).toBe(
      `Query parameter 'x' must be ${expected}${type === 'integer' ? ' (at most 2^53 - 1 in size)' : ''}, got ${JSON.stringify(text)} (route /t?x={x:${type}})`,
    )
  })

  it('answers 400 naming an ill-typed path parameter', async () => {
    const handler = createHandler((id: number) => id, {
      route: '/users/{id:integer}',
      call: positional('id'),
    })
    const result = await handler(proxyEvent('/users/abc', null, { id: 'abc' }), lambdaContext())
    expect(result.statusCode).toBe(400)
    expect(jsonBody(result)).toMatchObject({ parameter: 'id' })
    expect((jsonBody(result) as { error: string }).error).toMatch(
      /^Path parameter 'id' must be an integer/,
    )
  })
})

describe('createHandler results', () => {
  async function respond(value: unknown): Promise<ProxyResult> {
    const handler = createHandler(async () => value, { route: '/r', call: positional() })
    return handler(proxyEvent('/r'), lambdaContext())
  }

  it.each([
    [{ a: [1, 'x'] }, '{"a":[1,"x"]}'],
    [[1, 2], '[1,2]'],
    [3.5, '3.5'],
    [false, 'false'],
    [null, 'null'],
  ])('answers JSON for %j', async (value, body) => {
    expect(await respond(value)).toEqual({
      statusCode: 200,
      headers: { 'content-type': 'application/json' },
      body,
    })
  })

  it('answers base64 octet-stream for a Buffer, a Uint8Array view and an ArrayBuffer', async () => {
    const bytes = Uint8Array.of(0, 1, 2, 250, 255)
    const view = new Uint8Array(Uint8Array.of(9, 0, 1, 2, 250, 255, 9).buffer, 1, 5)
    for (const value of [Buffer.from(bytes), view, bytes.slice().buffer]) {
      expect(await respond(value)).toEqual({
        statusCode: 200,
        headers: { 'content-type': 'application/octet-stream' },
        body: Buffer.from(bytes).toString('base64'),
        isBase64Encoded: true,
      })
    }
  })

  it('answers 204 with an empty body for undefined', async () => {
    const result = await respond(undefined)
    expect(result.statusCode).toBe(204)
    expect(result.body).toBe('')
  })

  it('passes a Fetch Response through with status, headers and text body', async () => {
    const response = new Response('<p>hi</p>', {
      status: 201,
      headers: { 'content-type': 'text/html', 'x-custom': 'yes' },
    })
    const headers = new Headers(response.headers)
    expect(headers.get('x-custom')).toBe('yes')
    expect(await respond(response)).toEqual({
      statusCode: 201,
      headers: { 'content-type': 'text/html', 'x-custom': 'yes' },
      body: '<p>hi</p>',
    })
  })

  it('passes a binary Fetch Response body through as base64', async () => {
    const response = new Response(Uint8Array.of(137, 80, 78, 71), {
      headers: { 'content-type': 'image/png' },
    })
    const result = await respond(response)
    expect(result).toMatchObject({ statusCode: 200, isBase64Encoded: true, body: 'iVBORw==' })
  })

  it('keeps each Set-Cookie of a Response separate', async () => {
    const headers = new Headers()
    headers.append('set-cookie', 'a=1; Expires=Wed, 21 Oct 2037 07:28:00 GMT')
    headers.append('set-cookie', 'b=2')
    const result = await respond(new Response(null, { status: 302, headers }))
    expect(result.statusCode).toBe(302)
    expect(result.body).toBe('')
    expect(result.multiValueHeaders).toEqual({
      'set-cookie': ['a=1; Expires=Wed, 21 Oct 2037 07:28:00 GMT', 'b=2'],
    })
  })

  it('answers 500 and logs why for a result with no HTTP form (a Map)', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {})
    const result = await respond(new Map([['a', 1]]))
    expect(result.statusCode).toBe(500)
    expect(String(log.mock.calls[0]?.[1])).toContain('The function returned a Map')
  })
})

describe('createHandler errors', () => {
  function throwing(error: unknown) {
    return createHandler(
      () => {
        throw error
      },
      { route: '/fail', call: positional() },
    )
  }

  it('answers 500 with the request id and logs the stack, keeping it out of the body', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {})
    const error = new Error('database password is hunter2')
    const result = await throwing(error)(proxyEvent('/fail'), lambdaContext('req-500'))

    expect(result.statusCode).toBe(500)
    expect(jsonBody(result)).toEqual({ error: 'Internal Server Error', requestId: 'req-500' })
    expect(result.body).not.toContain('hunter2')
    expect(result.body).not.toContain('at ')
    expect(log).toHaveBeenCalledTimes(1)
    expect(log.mock.calls[0]?.[0]).toContain('req-500')
    expect(log.mock.calls[0]?.[1]).toBe(error)
  })

  it('uses a 4xx status of the error and includes its message', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const error = Object.assign(new Error('no such user'), { status: 404 })
    const result = await throwing(error)(proxyEvent('/fail'), lambdaContext('req-404'))
    expect(result.statusCode).toBe(404)
    expect(jsonBody(result)).toEqual({ error: 'no such user', requestId: 'req-404' })
    expect(result.body).not.toContain(String(error.stack?.split('\n')[1]))
  })

  it('uses a 5xx statusCode of the error but hides its message', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const error = Object.assign(new Error('upstream secret'), { statusCode: 503 })
    const result = await throwing(error)(proxyEvent('/fail'), lambdaContext('req-503'))
    expect(result.statusCode).toBe(503)
    expect(jsonBody(result)).toEqual({ error: 'Service Unavailable', requestId: 'req-503' })
  })

  it('ignores a status outside 400-599 and answers 500', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const error = Object.assign(new Error('redirect?'), { status: 302 })
    const result = await throwing(error)(proxyEvent('/fail'), lambdaContext())
    expect(result.statusCode).toBe(500)
  })

  it('answers 500 for a thrown non-error value and a rejected promise', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    expect((await throwing('plain string')(proxyEvent('/fail'), lambdaContext())).statusCode).toBe(
      500,
    )
    const rejecting = createHandler(async () => Promise.reject(null), {
      route: '/f',
      call: positional(),
    })
    const result = await rejecting(proxyEvent('/f'), lambdaContext('req-null'))
    expect(jsonBody(result)).toEqual({ error: 'Internal Server Error', requestId: 'req-null' })
  })

  it('answers 500 even when reading the thrown value throws', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const hostile = new Proxy(
      {},
      {
        get: () => {
          throw new Error('trap')
        },
      },
    )
    const result = await throwing(hostile)(proxyEvent('/fail'), lambdaContext('req-proxy'))
    expect(result.statusCode).toBe(500)
    expect(jsonBody(result)).toEqual({ error: 'Internal Server Error', requestId: 'req-proxy' })
  })
})

describe('createHandler config checks', () => {
  it('throws ROUTE_MISMATCH for a required parameter without a placeholder', () => {
    const create = () =>
      createHandler((name: string) => name, { route: '/hello', call: positional('name') })
    expect(create).toThrow(RouteError)
    expect(create).toThrow(/no placeholder for the required parameter 'name'/)
  })

  it('throws ROUTE_MISMATCH for a placeholder that names no parameter', () => {
    try {
      createHandler((name: string) => name, { route: '/hello?n={n}', call: positional('name') })
      expect.unreachable()
    } catch (error: unknown) {
      expect(error).toMatchObject({ code: 'ROUTE_MISMATCH' })
      expect(String(error)).toContain(
        'placeholder {n} that names no parameter of the function (its parameters: name)',
      )
    }
  })

  it('throws HANDLER_NOT_FUNCTION for a value that is not a function', () => {
    const create = () => createHandler({} as Function, { route: '/x', call: { kind: 'object' } })
    expect(create).toThrow(HandlerError)
    expect(create).toThrow(/createHandler needs a function, got object/)
  })

  it('throws ROUTE_INVALID for a bad template before any request', () => {
    expect(() => createHandler(() => 1, { route: 'x', call: { kind: 'object' } })).toThrow(
      /must start with \//,
    )
  })
})
