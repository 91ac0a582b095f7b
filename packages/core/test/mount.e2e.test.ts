import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FIXTURES, startFixture, type FixtureProcess } from './fixture-process.js'

describe('a function from an ES module, mounted on the local backend', () => {
  let app: FixtureProcess

  beforeAll(async () => {
    app = await startFixture('module-app.mjs')
  })
  afterAll(() => app?.stop())

  it('answers over HTTP using its helper, array, object, node:crypto and an npm package', async () => {
    const response = await fetch(`${app.info.urls.greet}?name=Rich`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/application\/json/)

    const body = await response.json()
    expect(body).toMatchObject({
      text: 'Hello, RICH!',
      adjective: 'awesome',
      digest: 'dca90039',
      numeric: false,
    })
  })

  it('keeps its counter between calls to a warm instance', async () => {
    const first = await (await fetch(`${app.info.urls.greet}?name=a`)).json()
    const second = await (await fetch(`${app.info.urls.greet}?name=b`)).json()
    expect(second.pid).toBe(first.pid)
    expect(second.calls).toBe(first.calls + 1)
  })

  it('runs in a process other than the one that mounted it', async () => {
    const body = await (await fetch(`${app.info.urls.greet}?name=pid`)).json()
    expect(typeof body.pid).toBe('number')
    expect(body.pid).not.toBe(app.info.pid)
  })

  it('sees captured values as they were at mount time', async () => {
    const response = await fetch(app.info.urls.reveal!)
    expect(await response.text()).toBe('before mount')
  })

  it('answers an unknown path with 404 JSON', async () => {
    const base = new URL(app.info.urls.greet!).origin
    const response = await fetch(`${base}/no/such/route`)
    expect(response.status).toBe(404)
    expect(response.headers.get('content-type')).toMatch(/application\/json/)
    await response.json()
  })

  it('answers a missing query argument with 400 JSON naming it', async () => {
    const response = await fetch(app.info.urls.greet!)
    expect(response.status).toBe(400)
    const body = await response.json()
    expect(JSON.stringify(body)).toContain('name')
  })

  it('answers a thrown error with 500, a request id and no stack', async () => {
    const response = await fetch(`${app.info.urls.fail}?why=testing`)
    expect(response.status).toBe(500)
    const text = await response.text()
    const body = JSON.parse(text)
    expect(typeof body.requestId).toBe('string')
    expect(body.requestId.length).toBeGreaterThan(0)
    expect(text).not.toMatch(/at .*\(|\.mjs:\d+|deliberate failure/)
  })

  it('stops answering once unmounted', async () => {
    expect((await fetch(app.info.urls.reveal!)).status).toBe(200)
    await app.command(`unmount ${app.info.names!.reveal}`, `unmounted ${app.info.names!.reveal}`)
    const response = await fetch(app.info.urls.reveal!)
    expect(response.status).toBe(404)
  })
})

describe('a function from a CommonJS file', () => {
  let app: FixtureProcess

  beforeAll(async () => {
    app = await startFixture('commonjs-app.cjs')
  })
  afterAll(() => app?.stop())

  it('answers with its path parameter, helper, node:crypto and npm package', async () => {
    const response = await fetch(app.info.urls.describe!.replace('{value}', '42'))
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({
      label: 'cjs:42',
      numeric: true,
      md5: 'a1d0c6e83f027327d8461063f4ac58a6',
    })
  })
})

describe('a function typed at a REPL (vm script context)', () => {
  let app: FixtureProcess

  beforeAll(async () => {
    app = await startFixture('repl-app.mjs')
  })
  afterAll(() => app?.stop())

  it('answers using its script-scope array, global helper and global counter', async () => {
    const first = await (await fetch(`${app.info.urls.flatter}?name=Rich`)).text()
    const second = await (await fetch(`${app.info.urls.flatter}?name=Rich`)).text()
    expect(first).toBe('Rich is awesome #1')
    expect(second).toBe('Rich is awesome #2')
  })
})

describe('packing', () => {
  it('gives identical zip bytes for the same function in two separate processes', () => {
    const runs = [1, 2].map(() => {
      const result = spawnSync(process.execPath, [join(FIXTURES, 'pack-twice.mjs')], {
        encoding: 'utf8',
      })
      expect(result.status, result.stderr).toBe(0)
      return JSON.parse(result.stdout) as { sha256: string; zip: string }
    })
    expect(runs[0]!.zip.length).toBeGreaterThan(100)
    expect(runs[1]!.zip).toBe(runs[0]!.zip)
    expect(runs[1]!.sha256).toBe(runs[0]!.sha256)
  })
})
