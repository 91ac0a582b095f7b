import { afterEach, describe, expect, it } from 'vitest'
import { artifact, disposeAll, getJson, jsonHandler, newBackend } from './helpers.js'

afterEach(disposeAll)

const echoEvent = jsonHandler('event')

describe('local gateway', () => {
  it('serves a deployed function at the URL deploy returns', async () => {
    const backend = newBackend()
    const base = await backend.start()
    const deployment = await backend.deploy({
      name: 'hello',
      route: '/hello',
      artifact: artifact(jsonHandler("{ greeting: 'hi' }")),
    })

    expect(deployment).toMatchObject({ name: 'hello', backend: 'local', change: 'created' })
    expect(deployment.url).toBe(`${base}/hello`)
    expect(await getJson(deployment.url)).toEqual({ status: 200, body: { greeting: 'hi' } })
  })

  it('passes decoded path and query parameters in an API Gateway proxy event', async () => {
    const backend = newBackend()
    const { url } = await backend.deploy({
      name: 'echo',
      route: '/users/{id}',
      artifact: artifact(echoEvent),
    })

    const target = url.replace('{id}', 'J%C3%BCrgen%20K') + '?q=a%26b&q=c+d&lone=1'
    const { status, body: event } = await getJson(target, { headers: { 'X-Custom': 'yes' } })

    expect(status).toBe(200)
    expect(event.resource).toBe('/users/{id}')
    expect(event.httpMethod).toBe('GET')
    expect(event.pathParameters).toEqual({ id: 'Jürgen K' })
    expect(event.queryStringParameters).toEqual({ q: 'c d', lone: '1' })
    expect(event.multiValueQueryStringParameters).toEqual({ q: ['a&b', 'c d'], lone: ['1'] })
    expect(event.headers['X-Custom'] ?? event.headers['x-custom']).toBe('yes')
    expect(event.requestContext).toMatchObject({ stage: 'local', resourcePath: '/users/{id}' })
    expect(event.requestContext.requestId).toMatch(/^[0-9a-f-]{36}$/)
    expect(event.requestContext.identity.sourceIp).toBe('127.0.0.1')
    expect(event.body).toBeNull()
    expect(event.isBase64Encoded).toBe(false)
  })

  it('sends text bodies as text and binary bodies as base64', async () => {
    const backend = newBackend()
    const { url } = await backend.deploy({
      name: 'echo',
      route: '/echo',
      artifact: artifact(echoEvent),
    })

    const text = await getJson(url, {
      method: 'POST',
      body: '{"a":1}',
      headers: { 'content-type': 'application/json' },
    })
    expect(text.body).toMatchObject({ httpMethod: 'POST', body: '{"a":1}', isBase64Encoded: false })

    const bytes = Uint8Array.from([0, 1, 254, 255, 128])
    const binary = await getJson(url, {
      method: 'PUT',
      body: bytes,
      headers: { 'content-type': 'application/octet-stream' },
    })
    expect(binary.body.isBase64Encoded).toBe(true)
    expect([...Buffer.from(binary.body.body, 'base64')]).toEqual([...bytes])
  })

  it('round-trips a binary response through base64 byte for byte', async () => {
    const backend = newBackend()
    const source = `export const handler = async (event) => ({
  statusCode: 200,
  headers: { 'content-type': 'application/octet-stream' },
  body: Buffer.from(event.body, 'base64').reverse().toString('base64'),
  isBase64Encoded: true,
})`
    const { url } = await backend.deploy({
      name: 'bytes',
      route: '/bytes',
      artifact: artifact(source),
    })

    const sent = Uint8Array.from({ length: 256 }, (_, i) => i)
    const response = await fetch(url, {
      method: 'POST',
      body: sent,
      headers: { 'content-type': 'image/png' },
    })

    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/octet-stream')
    expect([...new Uint8Array(await response.arrayBuffer())]).toEqual([...sent].reverse())
  })

  it('passes status, headers and multi-value headers through', async () => {
    const backend = newBackend()
    const source = `export const handler = async () => ({
  statusCode: 201,
  headers: { 'x-one': 'a', 'content-type': 'text/plain' },
  multiValueHeaders: { 'set-cookie': ['a=1', 'b=2'] },
  body: 'made',
})`
    const { url } = await backend.deploy({
      name: 'made',
      route: '/made',
      artifact: artifact(source),
    })

    const response = await fetch(url)

    expect(response.status).toBe(201)
    expect(response.headers.get('x-one')).toBe('a')
    expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2'])
    expect(await response.text()).toBe('made')
  })

  it('answers an unknown path with a 404 JSON message', async () => {
    const backend = newBackend()
    const base = await backend.start()
    await backend.deploy({ name: 'hello', route: '/hello', artifact: artifact(echoEvent) })

    const response = await fetch(`${base}/nothing/here`)

    expect(response.status).toBe(404)
    expect(response.headers.get('content-type')).toBe('application/json')
    expect(await response.json()).toEqual({ message: 'Not Found' })
  })

  it('prefers a literal route over a placeholder route for the same path', async () => {
    const backend = newBackend()
    const base = await backend.start()
    await backend.deploy({
      name: 'byId',
      route: '/users/{id}',
      artifact: artifact(jsonHandler("'byId'")),
    })
    await backend.deploy({
      name: 'me',
      route: '/users/me',
      artifact: artifact(jsonHandler("'me'")),
    })

    expect((await getJson(`${base}/users/me`)).body).toBe('me')
    expect((await getJson(`${base}/users/42`)).body).toBe('byId')
  })

  it('answers 502 when the handler throws, and logs the error', async () => {
    const backend = newBackend()
    const source = `export const handler = async () => { throw new TypeError('boom in handler') }`
    const { url } = await backend.deploy({
      name: 'thrower',
      route: '/throw',
      artifact: artifact(source),
    })

    const response = await fetch(url)

    expect(response.status).toBe(502)
    expect(await response.json()).toEqual({ message: 'Internal server error' })
    expect((await backend.logs!('thrower')).join('\n')).toContain('boom in handler')
  })

  it.each([
    ['a bare string', `'just text'`],
    ['a status code that is a string', `{ statusCode: '200', body: 'x' }`],
    ['a fractional status code', `{ statusCode: 200.5, body: 'x' }`],
    ['a body that is an object', `{ statusCode: 200, body: { a: 1 } }`],
    ['null', `null`],
  ])('answers 502 when the function returns %s instead of a proxy result', async (_, value) => {
    const backend = newBackend()
    const source = `export const handler = async () => (${value})`
    const { url } = await backend.deploy({
      name: 'malformed',
      route: '/bad',
      artifact: artifact(source),
    })

    const response = await fetch(url)

    expect(response.status).toBe(502)
    expect(await response.json()).toEqual({ message: 'Internal server error' })
  })

  it('refuses request bodies over 10 MB with 413 without calling the function', async () => {
    const backend = newBackend()
    const source = jsonHandler('1', "console.log('called')")
    const { url } = await backend.deploy({ name: 'big', route: '/big', artifact: artifact(source) })

    const response = await fetch(url, {
      method: 'POST',
      body: new Uint8Array(10 * 1024 * 1024 + 1),
    })

    expect(response.status).toBe(413)
    expect(await backend.logs!('big')).toEqual([])
  })

  it('never exposes the Runtime API, neither on public routes nor to a wrong instance id', async () => {
    const backend = newBackend()
    const base = await backend.start()
    const source = jsonHandler('process.env.AWS_LAMBDA_RUNTIME_API')
    const { url } = await backend.deploy({ name: 'rt', route: '/rt', artifact: artifact(source) })
    const runtimeApi: string = (await getJson(url)).body
    const [hostPort, ...prefix] = runtimeApi.split('/')
    const nextPath = `/${prefix.join('/')}/2018-06-01/runtime/invocation/next`

    const viaGateway = await fetch(`${base}${nextPath}`)
    const wrongId = nextPath.replace(/[0-9a-f]{8}-/, '00000000-')
    const viaWrongId = await fetch(`http://${hostPort}${wrongId}`)

    expect(viaGateway.status).toBe(404)
    expect(await viaGateway.json()).toEqual({ message: 'Not Found' })
    expect(viaWrongId.status).toBe(404)
  })
})
