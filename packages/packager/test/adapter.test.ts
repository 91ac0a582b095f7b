import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createHandler } from '@portkey/runtime'
import type { HandlerConfig, ProxyEvent } from '@portkey/runtime'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pack } from '../src/index.js'
import {
  createFixtureProject,
  invokeInFreshNode,
  proxyEvent,
  removeTemporaryDirs,
  unzipToDir,
} from './fixtures.js'

// Text that only the route parser, a converter, the path matcher or node:http would bring along.
const PARSER_TEXT = 'is invalid at column'
const CONVERTER_TEXT = ['a number such as', 'an integer such as', 'true or false']
const MATCHER_TEXT = 'decodeURIComponent'

const ECHO_MODULE = `export default function echo(input) { return input }\n`
const GREET_MODULE = 'export default function greet(name) { return `hello ${name}` }\n'
const FAILING_MODULE = `export default function fail() {
  throw Object.assign(new Error('upstream secret'), { statusCode: 503 })
}
`

let project: string

beforeAll(() => {
  project = createFixtureProject()
})

afterAll(() => {
  removeTemporaryDirs()
})

async function packedDirectory(code: string, handler: HandlerConfig) {
  const artifact = await pack({ code, resolveDir: project, handler })
  return unzipToDir(artifact.zip)
}

function withPath(event: ReturnType<typeof proxyEvent>, path: string) {
  return { ...event, path, requestContext: { ...event.requestContext, path } }
}

describe('the runtime adapter in an artifact', () => {
  it('leaves out the route parser, the converters and the path matcher a query of strings does not need', async () => {
    const handler = {
      route: '/hello?name={name}',
      call: { kind: 'positional' as const, params: [{ name: 'name', optional: false }] },
    }
    const directory = await packedDirectory(GREET_MODULE, handler)
    const code = readFileSync(join(directory, 'index.mjs'), 'utf8')

    for (const text of [PARSER_TEXT, ...CONVERTER_TEXT, MATCHER_TEXT]) {
      expect(code).not.toContain(text)
    }
    // node:http is loaded only when an error needs a reason phrase, never at start-up.
    expect(code).not.toMatch(/from\s*["']node:http["']/)
    expect(invokeInFreshNode(directory, proxyEvent('/hello', {}))).toEqual({
      statusCode: 400,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        error: "Missing query parameter 'name': expected ?name=<string> (route /hello?name={name})",
        parameter: 'name',
      }),
    })
  })

  it('answers a typed path route exactly as createHandler does, with only the converters it uses', async () => {
    const handler: HandlerConfig = {
      route: '/users/{id:integer}?verbose={verbose:boolean}',
      call: { kind: 'object', optional: ['verbose'] },
    }
    const directory = await packedDirectory(ECHO_MODULE, handler)
    const code = readFileSync(join(directory, 'index.mjs'), 'utf8')
    expect(code).not.toContain(PARSER_TEXT)
    expect(code).not.toContain('a number such as')
    expect(code).toContain(MATCHER_TEXT)

    const inProcess = createHandler((input: unknown) => input, handler)
    const requests = [
      withPath(proxyEvent('/users/42', { verbose: 'TRUE' }), '/users/42'),
      withPath(proxyEvent('/users/42', null), '/users/42'),
      withPath(proxyEvent('/users/4x2', null), '/users/4x2'),
      withPath(proxyEvent('/users/42', { verbose: 'maybe' }), '/users/42'),
    ]
    for (const event of requests) {
      const expected = await inProcess(event as ProxyEvent, {
        awsRequestId: 'req-fresh',
        functionName: 'fixture',
        getRemainingTimeInMillis: () => 3000,
      })
      expect(invokeInFreshNode(directory, event)).toEqual(expected)
    }
  })

  it('answers an error that declares a status with its reason phrase', async () => {
    const handler = { route: '/fail', call: { kind: 'positional' as const, params: [] } }
    const directory = await packedDirectory(FAILING_MODULE, handler)

    const result = invokeInFreshNode(directory, proxyEvent('/fail', null))
    expect(result.statusCode).toBe(503)
    expect(JSON.parse(result.body)).toEqual({
      error: 'Service Unavailable',
      requestId: 'req-fresh',
    })
  })
})
