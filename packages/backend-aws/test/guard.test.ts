import { ListLayersCommand, LambdaClient, GetFunctionCommand } from '@aws-sdk/client-lambda'
import { describe, expect, it } from 'vitest'
import { createFakeAws, guardedConfig, NETWORK_GUARD } from './fake/index.js'

describe('the network guard', () => {
  it('fails a plain client request before anything leaves the machine', async () => {
    const client = new LambdaClient(guardedConfig())
    await expect(client.send(new GetFunctionCommand({ FunctionName: 'x' }))).rejects.toThrow(
      NETWORK_GUARD,
    )
  })

  it('fails a command the fake does not model instead of answering undefined', async () => {
    const fake = createFakeAws()
    await expect(fake.clients.lambda.send(new ListLayersCommand({}))).rejects.toThrow(NETWORK_GUARD)
  })

  it('answers a modelled command from the fake', async () => {
    const fake = createFakeAws()
    await expect(
      fake.clients.lambda.send(new GetFunctionCommand({ FunctionName: 'missing' })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' })
  })
})
