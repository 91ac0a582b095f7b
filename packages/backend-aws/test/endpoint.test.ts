import { describe, expect, it } from 'vitest'
import { createFakeAws } from './fake/index.js'
import { input } from './helpers.js'

describe('an emulator endpoint', () => {
  it("gives the emulator's form of the mount URL", async () => {
    const fake = createFakeAws()
    const backend = fake.backend({ endpoint: 'http://127.0.0.1:4566/' })
    const deployment = await backend.deploy(input({ route: '/users/{id}' }))
    const apiId = [...fake.state.apis.keys()][0]

    expect(deployment.url).toBe(
      `http://127.0.0.1:4566/restapis/${apiId}/prod/_user_request_/users/{id}`,
    )
    expect((await backend.list()).map((d) => d.url)).toEqual([deployment.url])
  })
})
