import { describe, expect, it } from 'vitest'
import { createFakeAws, reachUrl } from './fake/index.js'
import { input } from './helpers.js'

// A stand-in for the process dying: not an AWS error, so nothing retries it.
const killed = () => new Error('process killed')

const undisturbed = createFakeAws()
await undisturbed.backend().deploy(input({ route: '/a/{b}' }))
const DEPLOY_MUTATIONS = undisturbed.state.mutatingCalls().length

const removed = createFakeAws()
await removed.backend().deploy(input({ route: '/a/{b}' }))
const before = removed.state.mutatingCalls().length
await removed.backend().remove('hello')
const REMOVE_MUTATIONS = removed.state.mutatingCalls().length - before

const applied = (fake: ReturnType<typeof createFakeAws>, command: string) =>
  fake.state.callsOf(command).filter((call) => call.applied).length

describe('a deploy interrupted after every step', () => {
  const cases: Array<[number, 'before' | 'after']> = []
  for (let n = 0; n < DEPLOY_MUTATIONS; n += 1) cases.push([n, 'before'], [n, 'after'])

  it.each(cases)(
    'converges on rerun when mutating call #%i dies %s it reaches AWS',
    async (n, when) => {
      const fake = createFakeAws()
      fake.state.failNext('*mutating', killed, { skip: n, when })
      await expect(fake.backend().deploy(input({ route: '/a/{b}' }))).rejects.toThrow()

      const deployment = await fake.backend().deploy(input({ route: '/a/{b}' }))
      expect(reachUrl(fake.state, deployment.url.replace('{b}', 'x'))).toEqual({
        ok: true,
        functionName: 'portkey-prod-hello',
      })
      expect(fake.state.census()).toEqual({ roles: 1, functions: 1, apis: 1, resources: 3 })
      for (const command of ['CreateRestApi', 'CreateRole', 'CreateFunction']) {
        expect(applied(fake, command)).toBe(1)
      }

      // And once converged, a further run changes nothing.
      const settled = fake.state.mutatingCalls().length
      expect((await fake.backend().deploy(input({ route: '/a/{b}' }))).change).toBe('unchanged')
      expect(fake.state.mutatingCalls().length).toBe(settled)
    },
  )
})

describe('an unmount interrupted after every step', () => {
  const cases: Array<[number, 'before' | 'after']> = []
  for (let n = 0; n < REMOVE_MUTATIONS; n += 1) cases.push([n, 'before'], [n, 'after'])

  it.each(cases)(
    'leaves nothing behind on rerun when mutating call #%i dies %s it reaches AWS',
    async (n, when) => {
      const fake = createFakeAws()
      await fake.backend().deploy(input({ route: '/a/{b}' }))
      fake.state.failNext('*mutating', killed, { skip: n, when })
      await expect(fake.backend().remove('hello')).rejects.toThrow()

      // The last step (deleting the role) may have gone through before the answer was lost.
      await fake
        .backend()
        .remove('hello')
        .catch((error: unknown) => {
          expect(error).toMatchObject({ code: 'MOUNT_NOT_FOUND' })
        })
      expect(fake.state.census()).toEqual({ roles: 0, functions: 0, apis: 0, resources: 0 })
    },
  )
})
