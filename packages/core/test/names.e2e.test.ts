import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFixture, type FixtureProcess } from './fixture-process.js'

describe('functions that share a name, mounted on different routes', () => {
  let app: FixtureProcess

  beforeAll(async () => {
    app = await startFixture('names-app.mjs')
  })
  afterAll(() => app?.stop())

  it('each keep their own endpoint instead of replacing each other', async () => {
    expect(await (await fetch(`${app.info.urls.users}?n=1`)).text()).toBe('users:1')
    expect(await (await fetch(`${app.info.urls.orders}?n=2`)).text()).toBe('orders:2')
  })

  it('get distinct names derived from their routes', () => {
    expect(app.info.names).toMatchObject({ users: 'handler', orders: 'handler-orders' })
    expect(new Set(Object.values(app.info.names!)).size).toBe(6)
  })

  it('all answer when mounted in parallel', async () => {
    for (const i of [0, 1, 2, 3]) {
      const response = await fetch(app.info.urls[`p${i}`]!)
      expect(response.status).toBe(200)
      expect(await response.text()).toBe(`p${i}`)
    }
  })
})
