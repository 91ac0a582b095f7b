import { describe, expect, it } from 'vitest'
import { createFakeAws, reachUrl, awsErrors } from './fake/index.js'
import type { FakeState } from './fake/index.js'
import { artifact, input } from './helpers.js'
import { withFakeTimers } from './timers.js'

const FIRST_DEPLOY = [
  'GetRole',
  'CreateRole',
  'AttachRolePolicy',
  'GetFunction',
  'CreateFunction',
  'GetRestApis',
  'CreateRestApi',
  'GetResources',
  'CreateResource',
  'PutMethod',
  'PutIntegration',
  'GetPolicy',
  'AddPermission',
  'GetStage',
  'CreateDeployment',
]
const UPDATE = [
  'GetFunction',
  'UpdateFunctionCode',
  'UpdateFunctionConfiguration',
  'GetMethod',
  'GetDeployment',
]

const SERVICE_OF: Record<string, 'iam' | 'lambda' | 'apigateway'> = {}
for (const command of ['GetRole', 'CreateRole', 'AttachRolePolicy', 'ListAttachedRolePolicies'])
  SERVICE_OF[command] = 'iam'
for (const command of [
  'GetFunction',
  'CreateFunction',
  'UpdateFunctionCode',
  'UpdateFunctionConfiguration',
  'GetPolicy',
  'AddPermission',
])
  SERVICE_OF[command] = 'lambda'

function throttling(command: string) {
  const service = SERVICE_OF[command] ?? 'apigateway'
  if (service === 'lambda') return awsErrors.lambdaThrottled()
  if (service === 'apigateway') return awsErrors.apiThrottled()
  return Object.assign(new Error('Rate exceeded'), {
    name: 'Throttling',
    $metadata: { httpStatusCode: 400 },
  })
}

// Against the calls of an undisturbed run, a single failure may cost a handful of extra calls.
const EXTRA_CALLS = 8

function expectConverged(state: FakeState, url: string, functions = 1) {
  expect(state.census()).toMatchObject({ roles: functions, functions, apis: 1 })
  expect(reachUrl(state, url).ok).toBe(true)
}

async function baselineCalls(prepare?: (fake: ReturnType<typeof createFakeAws>) => Promise<void>) {
  const fake = createFakeAws()
  await prepare?.(fake)
  const before = fake.state.calls.length
  await fake.backend().deploy(input({ artifact: artifact('v2'), memoryMb: 256 }))
  return fake.state.calls.length - before
}

describe('one failure injected at each step of a first deploy', () => {
  const cases: Array<[string, string, (command: string) => unknown, 'before' | 'after']> = []
  for (const command of FIRST_DEPLOY) {
    cases.push([command, 'throttling', throttling, 'before'])
    cases.push([command, 'a network error', () => awsErrors.network(), 'before'])
    cases.push([command, 'a lost answer', () => awsErrors.network(), 'after'])
  }
  cases.push(['CreateFunction', 'IAM propagation', () => awsErrors.rolePropagation(), 'before'])
  cases.push(['AddPermission', 'a conflict', () => awsErrors.updateInProgress('arn'), 'before'])

  it.each(cases)(
    '%s failing with %s still deploys, within a few extra calls',
    async (command, _, error, when) => {
      const undisturbed = createFakeAws()
      await undisturbed.backend().deploy(input())
      const baseline = undisturbed.state.calls.length

      const fake = createFakeAws()
      fake.state.failNext(command, () => error(command), { when })
      const deployment = await withFakeTimers(() => fake.backend().deploy(input()))

      expect(fake.state.faults[0]?.times).toBe(0)
      expectConverged(fake.state, deployment.url)
      expect(fake.state.calls.length).toBeLessThanOrEqual(baseline + EXTRA_CALLS)
      expect(fake.sleeps.length).toBeLessThanOrEqual(2)
    },
  )
})

describe('one failure injected at each step of an update', () => {
  const cases: Array<[string, string, (command: string) => unknown, 'before' | 'after']> = []
  for (const command of UPDATE) {
    cases.push([command, 'throttling', throttling, 'before'])
    cases.push([command, 'a network error', () => awsErrors.network(), 'before'])
  }
  cases.push([
    'UpdateFunctionCode',
    'a conflict',
    () => awsErrors.updateInProgress('arn'),
    'before',
  ])
  cases.push([
    'UpdateFunctionConfiguration',
    'a conflict',
    () => awsErrors.updateInProgress('arn'),
    'before',
  ])
  cases.push([
    'UpdateFunctionConfiguration',
    'IAM propagation',
    () => awsErrors.rolePropagation(),
    'before',
  ])

  it.each(cases)(
    '%s failing with %s still updates, within a few extra calls',
    async (command, _, error, when) => {
      const deployFirst = async (fake: ReturnType<typeof createFakeAws>) => {
        await fake.backend().deploy(input())
      }
      const baseline = await baselineCalls(deployFirst)
      const fake = createFakeAws()
      await deployFirst(fake)
      const before = fake.state.calls.length

      fake.state.failNext(command, () => error(command), { when })
      const deployment = await withFakeTimers(() =>
        fake.backend().deploy(input({ artifact: artifact('v2'), memoryMb: 256 })),
      )

      expect(fake.state.faults[0]?.times).toBe(0)
      expectConverged(fake.state, deployment.url)
      const configuration = fake.state.functions.get('portkey-prod-hello')?.configuration
      expect(configuration).toMatchObject({ CodeSha256: artifact('v2').sha256, MemorySize: 256 })
      expect(fake.state.calls.length - before).toBeLessThanOrEqual(baseline + EXTRA_CALLS)
    },
  )
})

describe('failures that do not go away', () => {
  it('retries IAM propagation with growing delays for a few minutes, then succeeds', async () => {
    const fake = createFakeAws()
    fake.state.failNext('CreateFunction', () => awsErrors.rolePropagation(), { times: 6 })
    await fake.backend().deploy(input())

    expect(fake.state.callsOf('CreateFunction')).toHaveLength(7)
    expect(fake.sleeps).toHaveLength(6)
    expect(fake.sleeps[5]!).toBeGreaterThan(fake.sleeps[0]!)
  })

  it('gives up on endless throttling after a bounded number of calls, with a clear code', async () => {
    const fake = createFakeAws()
    fake.state.failNext('CreateRestApi', () => awsErrors.apiThrottled(), { times: 1_000 })
    await expect(fake.backend().deploy(input())).rejects.toMatchObject({
      code: 'RETRIES_EXHAUSTED',
    })
    expect(fake.state.callsOf('CreateRestApi').length).toBeLessThanOrEqual(12)
    expect(fake.sleeps.reduce((sum, ms) => sum + ms, 0)).toBeLessThanOrEqual(180_000)
  })

  it('names the missing IAM action when access is denied', async () => {
    const fake = createFakeAws()
    fake.state.failNext('CreateRole', () => awsErrors.accessDenied('iam:CreateRole'))
    const failure = fake.backend().deploy(input())
    await expect(failure).rejects.toMatchObject({ code: 'ACCESS_DENIED' })
    await expect(failure).rejects.toThrow(/Allow the IAM action `iam:CreateRole`/)
  })

  it('waits for a function that stays Pending for a while, polling with the SDK waiter', async () => {
    const fake = createFakeAws()
    fake.state.settlePolls = 3
    const deployment = await withFakeTimers(() => fake.backend().deploy(input()))
    expect(reachUrl(fake.state, deployment.url).ok).toBe(true)
    expect(fake.state.callsOf('GetFunction').length).toBeGreaterThanOrEqual(4)
  })

  it('reports a function that fails to start with the reason Lambda gave', async () => {
    const fake = createFakeAws()
    fake.state.settlePolls = 1
    const failing = fake.backend()
    const originalRun = fake.state.run.bind(fake.state)
    fake.state.run = (service, command, request, handler) => {
      const result = originalRun(service, command, request, handler)
      const fn = fake.state.functions.get('portkey-prod-hello')
      if (command === 'CreateFunction' && fn) {
        Object.assign(fn.configuration, { State: 'Failed', StateReason: 'Subnet has no free IPs' })
      }
      return result
    }
    await expect(withFakeTimers(() => failing.deploy(input()))).rejects.toThrow(
      /Subnet has no free IPs/,
    )
  })
})
