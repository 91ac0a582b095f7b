import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { artifact, disposeAll, getJson, jsonHandler, newBackend } from './helpers.js'

const dirs: string[] = []
afterEach(async () => {
  await disposeAll()
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'portkey-fidelity-'))
  dirs.push(dir)
  return dir
}

describe('Lambda limits', () => {
  it('answers 502 for a response over 6 MB and keeps the instance warm', async () => {
    const backend = newBackend()
    const source = `export const handler = async (event) => ({
  statusCode: 200,
  body: event.queryStringParameters?.big ? 'x'.repeat(7 * 1024 * 1024) : String(process.pid),
})`
    const { url } = await backend.deploy({ name: 'big', route: '/big', artifact: artifact(source) })

    const first = await fetch(url)
    const big = await fetch(`${url}?big=1`)
    const after = await fetch(url)

    expect(big.status).toBe(502)
    expect(after.status).toBe(200)
    expect(await after.text()).toBe(await first.text())
    expect((await backend.logs('big')).join('\n')).toContain(
      'exceeded maximum allowed payload size',
    )
  })

  it('answers 502 when the function outgrows its memory size, then recovers', async () => {
    const backend = newBackend()
    const source = `export const handler = async (event) => {
  if (event.queryStringParameters?.hog) {
    const hoard = []
    for (;;) hoard.push(new Array(1e6).fill(hoard.length))
  }
  return { statusCode: 200, body: 'fine' }
}`
    const { url } = await backend.deploy({
      name: 'hog',
      route: '/hog',
      artifact: artifact(source),
      memoryMb: 128,
      timeoutSeconds: 30,
    })

    const hog = await fetch(`${url}?hog=1`)
    const next = await fetch(url)

    expect(hog.status).toBe(502)
    expect(await next.text()).toBe('fine')
    expect((await backend.logs('hog')).join('\n')).toMatch(/heap|Runtime exited/)
  })

  it('answers 429 when every instance is busy and the queue is full', async () => {
    const backend = newBackend({ concurrency: 1, queueLimit: 1 })
    const gate = tempDir()
    const source = `import { existsSync } from 'node:fs'
export const handler = async () => {
  for (let i = 0; i < 500 && !existsSync(process.env.GATE + '/open'); i++) {
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  return { statusCode: 200, body: 'done' }
}`
    const { url } = await backend.deploy({
      name: 'narrow',
      route: '/narrow',
      artifact: artifact(source),
      environment: { GATE: gate },
      timeoutSeconds: 30,
    })

    // One request runs, one waits, one is refused; the gate opens once the refusal arrived.
    const statuses = await Promise.all(
      [1, 2, 3].map(async () => {
        const response = await fetch(url)
        if (response.status === 429) writeFileSync(join(gate, 'open'), '')
        return response.status
      }),
    )

    expect(statuses.sort()).toEqual([200, 200, 429])
  })
})

describe('completion rules of the Node.js runtime', () => {
  it('waits for the event loop to empty after the callback, unless told not to', async () => {
    const backend = newBackend()
    // The answer is serialized when it is posted, so a timer that edits it shows the wait.
    const source = `export const handler = (event, context, callback) => {
  context.callbackWaitsForEmptyEventLoop = event.queryStringParameters?.wait !== 'no'
  const result = { statusCode: 200, body: 'posted at once' }
  setTimeout(() => { result.body = 'posted after the timer' }, 200)
  callback(null, result)
}`
    const { url } = await backend.deploy({
      name: 'loop',
      route: '/loop',
      artifact: artifact(source),
    })

    const waited = await fetch(`${url}?wait=yes`)
    const quick = await fetch(`${url}?wait=no`)

    expect(await waited.text()).toBe('posted after the timer')
    expect(await quick.text()).toBe('posted at once')
  })

  it('answers null (a 502 through the gateway) when the loop empties with no answer', async () => {
    const backend = newBackend()
    const source = `export const handler = (event, context, callback) => {}`
    const { url } = await backend.deploy({
      name: 'silent',
      route: '/silent',
      artifact: artifact(source),
    })
    await backend.deploy({
      name: 'silent-direct',
      route: '/silent-direct',
      artifact: artifact(source),
    })

    const response = await fetch(url)
    const direct = await backend.invoke!('silent-direct', {})

    expect(response.status).toBe(502)
    expect(direct).toMatchObject({ payload: null })
    expect(direct.error).toBeUndefined()
  })

  it('ignores the return value of a handler that is neither async nor calls back', async () => {
    const backend = newBackend()
    const source = `export const handler = () => ({ statusCode: 200, body: 'ignored' })`
    await backend.deploy({ name: 'plain', route: '/plain', artifact: artifact(source) })

    expect((await backend.invoke!('plain', {})).payload).toBeNull()
  })

  it('fails the request and replaces the instance after an uncaught exception', async () => {
    const backend = newBackend()
    const source = `export const handler = async (event) => {
  if (event.queryStringParameters?.boom) setTimeout(() => { throw new Error('late boom') }, 0)
  if (event.queryStringParameters?.boom) await new Promise((resolve) => setTimeout(resolve, 5000))
  return { statusCode: 200, body: String(process.pid) }
}`
    const { url } = await backend.deploy({
      name: 'boom',
      route: '/boom',
      artifact: artifact(source),
    })

    const before = await (await fetch(url)).text()
    const boom = await fetch(`${url}?boom=1`)
    const after = await (await fetch(url)).text()

    expect(boom.status).toBe(502)
    expect(after).not.toBe(before)
    const log = (await backend.logs('boom')).join('\n')
    expect(log).toContain('late boom')
    expect(log).toContain('exit status 129')
  })

  it('tags console lines with the request id, and log lines with the function name', async () => {
    const backend = newBackend()
    const source = `export const handler = async (event, context) => {
  console.log('hello from', 'the handler')
  console.error('two\\nlines')
  return { statusCode: 200, body: context.awsRequestId }
}`
    const { url } = await backend.deploy({
      name: 'talk',
      route: '/talk',
      artifact: artifact(source),
    })

    const requestId = await (await fetch(url)).text()
    const lines = await backend.logs('talk')

    expect(lines).toContainEqual(
      expect.stringMatching(
        new RegExp(`^\\[talk#1\\] \\S+Z\\t${requestId}\\tINFO\\thello from the handler$`),
      ),
    )
    expect(lines).toContainEqual(expect.stringMatching(/\tERROR\ttwo\nlines$/))
  })
})

describe('isolation between functions', () => {
  it('gives each function only its own declared variables', async () => {
    const backend = newBackend()
    const source = jsonHandler('process.env')
    const a = await backend.deploy({
      name: 'iso-a',
      route: '/iso-a',
      artifact: artifact(source),
      environment: { ONLY_A: 'a' },
    })
    const b = await backend.deploy({
      name: 'iso-b',
      route: '/iso-b',
      artifact: artifact(source),
      environment: { ONLY_B: 'b' },
    })

    const envA = (await getJson(a.url)).body
    const envB = (await getJson(b.url)).body

    expect([envA.ONLY_A, envA.ONLY_B, envA.AWS_LAMBDA_FUNCTION_NAME]).toEqual([
      'a',
      undefined,
      'iso-a',
    ])
    expect([envB.ONLY_A, envB.ONLY_B, envB.AWS_LAMBDA_FUNCTION_NAME]).toEqual([
      undefined,
      'b',
      'iso-b',
    ])
  })
})
