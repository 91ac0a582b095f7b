import { describe, expect, it } from 'vitest'
import { createFakeAws } from './fake/index.js'
import { artifact, input } from './helpers.js'

const summary = (steps: { action: string; resource: string }[]) =>
  steps.map((step) => `${step.action} ${step.resource}`)

describe('dry run', () => {
  it('plans every creation on an empty account without a mutating call', async () => {
    const fake = createFakeAws()
    const backend = fake.backend({ dryRun: true })
    const deployment = await backend.deploy(input({ route: '/users/{id}' }))

    expect(fake.state.mutatingCalls()).toEqual([])
    expect(summary(await backend.plan(input({ route: '/users/{id}' })))).toEqual([
      'create role',
      'create role-policy',
      'create function',
      'create rest-api',
      'create api-resource',
      'create api-resource',
      'create method',
      'create integration',
      'create permission',
      'create stage',
    ])
    expect(deployment.change).toBe('created')
    expect(deployment.url).toBe(
      'https://{api-id}.execute-api.us-east-1.amazonaws.com/prod/users/{id}',
    )
    expect(fake.logs.some((line) => line.includes('create function portkey-prod-hello'))).toBe(true)
  })

  it('plans only a code upload when only the artifact changed', async () => {
    const fake = createFakeAws()
    const deployed = await fake.backend().deploy(input())
    const mutationsBefore = fake.state.mutatingCalls().length

    const dry = fake.backend({ dryRun: true })
    const steps = await dry.plan(input({ artifact: artifact('v2') }))
    const changes = steps.filter((step) => step.action !== 'skip')
    expect(changes).toEqual([
      {
        action: 'update',
        resource: 'function-code',
        target: 'portkey-prod-hello',
        detail: 'CodeSha256 differs',
      },
    ])
    const result = await dry.deploy(input({ artifact: artifact('v2') }))
    expect(result).toMatchObject({ change: 'updated', url: deployed.url })
    expect(fake.state.mutatingCalls().length).toBe(mutationsBefore)
  })

  it('plans nothing to do after a deploy, and matches what a real remount does', async () => {
    const fake = createFakeAws()
    await fake.backend().deploy(input())
    const steps = await fake.backend({ dryRun: true }).plan(input())
    expect(steps.filter((step) => step.action !== 'skip')).toEqual([])
  })

  it('plans a configuration update naming what differs', async () => {
    const fake = createFakeAws()
    await fake.backend().deploy(input())
    const steps = await fake.backend({ dryRun: true }).plan(input({ memoryMb: 1024 }))
    expect(steps.filter((step) => step.action !== 'skip')).toEqual([
      {
        action: 'update',
        resource: 'function-config',
        target: 'portkey-prod-hello',
        detail: 'MemorySize',
      },
    ])
  })

  it('plans without credentials, saying it could not look', async () => {
    const fake = createFakeAws()
    // The fake cannot lose credentials, so the first read fails the way the SDK fails without them.
    fake.state.failNext('GetRole', () =>
      Object.assign(new Error('Could not load credentials from any providers'), {
        name: 'CredentialsProviderError',
      }),
    )

    const steps = await fake.backend({ dryRun: true }).plan(input())
    expect(steps.every((step) => step.action === 'create')).toBe(true)
    expect(fake.logs).toContain('No AWS credentials: planning as if nothing existed yet.')
    expect(fake.state.mutatingCalls()).toEqual([])
  })

  it('explains how to configure credentials when a real deploy has none', async () => {
    const fake = createFakeAws()
    fake.state.failNext('GetRole', () =>
      Object.assign(new Error('Could not load credentials from any providers'), {
        name: 'CredentialsProviderError',
      }),
    )
    await expect(fake.backend().deploy(input())).rejects.toThrow(/AWS_ACCESS_KEY_ID.*AWS_PROFILE/)
  })
})
