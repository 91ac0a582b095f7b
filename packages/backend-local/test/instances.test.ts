import { realpathSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { strToU8, zipSync } from 'fflate'
import {
  artifact,
  artifactFromZip,
  barrierDeploy,
  disposeAll,
  getJson,
  jsonHandler,
  newBackend,
} from './helpers.js'

afterEach(disposeAll)

const counter = jsonHandler('{ pid: process.pid, count: ++count }', 'let count = 0')

describe('warm instances', () => {
  it('reuses one warm instance, keeping module state between requests', async () => {
    const backend = newBackend()
    const { url } = await backend.deploy({
      name: 'counter',
      route: '/count',
      artifact: artifact(counter),
    })

    const first = await getJson(url)
    const second = await getJson(url)
    const third = await getJson(url)

    expect(first.body.count).toBe(1)
    expect(second.body).toEqual({ pid: first.body.pid, count: 2 })
    expect(third.body).toEqual({ pid: first.body.pid, count: 3 })
    expect(first.body.pid).not.toBe(process.pid)
  })

  it('starts a second instance for a concurrent request, and both succeed', async () => {
    const backend = newBackend()
    const { url } = await backend.deploy(barrierDeploy('pair', 2))

    const [a, b] = await Promise.all([getJson(url), getJson(url)])

    expect([a.status, b.status]).toEqual([200, 200])
    expect(a.body.pid).not.toBe(b.body.pid)
  })

  it('queues requests beyond ten concurrent instances instead of failing them', async () => {
    const backend = newBackend()
    const { url } = await backend.deploy(barrierDeploy('crowd', 10))

    const answers = await Promise.all(Array.from({ length: 14 }, () => getJson(url)))

    expect(answers.map((answer) => answer.status)).toEqual(Array(14).fill(200))
    expect(new Set(answers.map((answer) => answer.body.pid)).size).toBe(10)
  })

  it('gives the worker only the Lambda environment, never the parent one', async () => {
    process.env.PORTKEY_PARENT_MARKER = 'must-not-leak'
    const backend = newBackend({ region: 'eu-west-1' })
    const source = jsonHandler('{ env: process.env, cwd: process.cwd(), context }')
    const deployment = await backend.deploy({
      name: 'envy',
      route: '/env',
      artifact: artifact(source),
      environment: { GREETING: 'hello' },
      memoryMb: 256,
    })

    const { body } = await getJson(deployment.url)
    delete process.env.PORTKEY_PARENT_MARKER

    expect(body.env.PORTKEY_PARENT_MARKER).toBeUndefined()
    expect(body.env.HOME).toBeUndefined()
    expect(body.env).toMatchObject({
      GREETING: 'hello',
      AWS_LAMBDA_FUNCTION_NAME: 'envy',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256',
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_REGION: 'eu-west-1',
      AWS_DEFAULT_REGION: 'eu-west-1',
      AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/envy',
      _HANDLER: 'index.handler',
      TZ: 'UTC',
      NODE_OPTIONS: '--enable-source-maps',
    })
    expect(body.env.AWS_ACCESS_KEY_ID).toBeUndefined()
    expect(body.env.AWS_LAMBDA_RUNTIME_API).toMatch(/^127\.0\.0\.1:\d+\/rt\//)
    expect(realpathSync(body.cwd)).toBe(realpathSync(body.env.LAMBDA_TASK_ROOT))
    expect(body.context).toMatchObject({
      functionName: 'envy',
      functionVersion: '$LATEST',
      memoryLimitInMB: '256',
    })
    expect(body.context.awsRequestId).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('answers 502 and logs "Task timed out" when the handler outlives its timeout', async () => {
    const backend = newBackend()
    // A pending timer keeps the event loop busy, so only the timeout can end this invocation.
    const source = `export const handler = () => new Promise(() => setInterval(() => {}, 1000))`
    const { url } = await backend.deploy({
      name: 'stuck',
      route: '/stuck',
      artifact: artifact(source),
      timeoutSeconds: 1,
    })

    const response = await fetch(url)

    expect(response.status).toBe(502)
    expect(await response.json()).toEqual({ message: 'Internal server error' })
    expect((await backend.logs!('stuck')).join('\n')).toMatch(
      /Task timed out after 1(\.00)? seconds/,
    )
  })

  it('answers 502 when the handler exits the process, then serves the next request', async () => {
    const backend = newBackend()
    const source = `export const handler = async (event) => {
  if (event.queryStringParameters?.exit) process.exit(3)
  return { statusCode: 200, body: String(process.pid) }
}`
    const { url } = await backend.deploy({
      name: 'quitter',
      route: '/quit',
      artifact: artifact(source),
    })

    const crashed = await fetch(`${url}?exit=1`)
    const next = await fetch(url)

    expect(crashed.status).toBe(502)
    expect(next.status).toBe(200)
    expect((await backend.logs!('quitter')).join('\n')).toContain('exit status 3')
  })

  it('answers 502 when the handler module cannot be loaded', async () => {
    const backend = newBackend()
    const { url } = await backend.deploy({
      name: 'broken',
      route: '/broken',
      artifact: artifact(`throw new Error('bad module top level')`),
    })

    const response = await fetch(url)

    expect(response.status).toBe(502)
    expect((await backend.logs!('broken')).join('\n')).toContain('bad module top level')
  })

  it('invokes a function directly with an event, bypassing HTTP', async () => {
    const backend = newBackend()
    const source = `export const handler = async (event) => ({ got: event })
`
    await backend.deploy({ name: 'direct', route: '/direct', artifact: artifact(source) })

    const result = await backend.invoke!('direct', { a: 1 })

    expect(result.payload).toEqual({ got: { a: 1 } })
    expect(result.error).toBeUndefined()
  })

  it('supports callback-style handlers in a CommonJS index.cjs', async () => {
    const backend = newBackend()
    const source = `exports.handler = (event, context, callback) => {
  setTimeout(() => callback(null, { statusCode: 200, body: 'from cjs' }), 10)
}`
    const zip = zipSync({ 'index.cjs': strToU8(source) })
    const { url } = await backend.deploy({
      name: 'cjs',
      route: '/cjs',
      artifact: artifactFromZip(zip),
    })

    const response = await fetch(url)

    expect(await response.text()).toBe('from cjs')
  })
})
