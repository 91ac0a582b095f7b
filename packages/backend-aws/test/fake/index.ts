/**
 * `createFakeAws()`: real SDK clients (fake static credentials, us-east-1, and a request handler
 * that refuses to touch the network) whose `send` is routed by aws-sdk-client-mock into one
 * `FakeState`. Commands the model does not know fall through to the real `send`, and so fail on
 * the guard instead of returning undefined.
 */
import * as apigw from '@aws-sdk/client-api-gateway'
import * as iam from '@aws-sdk/client-iam'
import * as lambda from '@aws-sdk/client-lambda'
import * as s3 from '@aws-sdk/client-s3'
import { mockClient } from 'aws-sdk-client-mock'
import { createAwsBackend } from '../../src/index.js'
import type { AwsBackend, AwsBackendOptions } from '../../src/index.js'
import { apiGatewayHandlers } from './apigateway-model.js'
import { iamHandlers } from './iam-model.js'
import { lambdaHandlers } from './lambda-model.js'
import { FakeState, type Service } from './state.js'

export { awsErrors } from './errors.js'
export { reachUrl } from './reach.js'
export { FakeState } from './state.js'

export const NETWORK_GUARD = 'network access in tests'

// Never let a test reach the instance metadata service through a default credential chain.
process.env.AWS_EC2_METADATA_DISABLED = 'true'

/** A request handler that fails every request: the last line of defence against real AWS. */
const guardHandler = {
  handle: async () => {
    throw new Error(NETWORK_GUARD)
  },
}

export function guardedConfig() {
  return {
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIAFAKEFAKEFAKEFAKE', secretAccessKey: 'fake-secret-for-tests' },
    requestHandler: guardHandler as any,
    maxAttempts: 1,
  }
}

export function guardedClients() {
  const config = guardedConfig()
  return {
    lambda: new lambda.LambdaClient(config),
    apiGateway: new apigw.APIGatewayClient(config),
    iam: new iam.IAMClient(config),
    s3: new s3.S3Client(config),
  }
}

export interface FakeAws {
  state: FakeState
  clients: ReturnType<typeof guardedClients>
  /** A backend wired to this fake; `sleep` resolves at once and records each delay. */
  backend(options?: AwsBackendOptions): AwsBackend
  sleeps: number[]
  logs: string[]
}

export function createFakeAws(state = new FakeState()): FakeAws {
  const clients = guardedClients()
  wire(state, 'iam', clients.iam, iam, iamHandlers(state))
  wire(state, 'lambda', clients.lambda, lambda, lambdaHandlers(state))
  wire(state, 'apigateway', clients.apiGateway, apigw, apiGatewayHandlers(state))
  wire(state, 's3', clients.s3, s3, {
    PutObject: (input: any) => {
      state.objects.set(`${input.Bucket}/${input.Key}`, input.Body)
      return { ETag: '"fake"' }
    },
  })

  const sleeps: number[] = []
  const logs: string[] = []
  return {
    state,
    clients,
    sleeps,
    logs,
    backend: (options = {}) =>
      createAwsBackend({
        clients,
        sleep: async (ms) => {
          sleeps.push(ms)
        },
        log: (line) => logs.push(line),
        ...options,
      }),
  }
}

function wire(
  state: FakeState,
  service: Service,
  client: any,
  sdk: Record<string, any>,
  handlers: Record<string, (input: any) => unknown>,
) {
  const mock = mockClient(client)
  for (const [command, handler] of Object.entries(handlers)) {
    const commandClass = sdk[`${command}Command`]
    if (!commandClass) throw new Error(`the SDK has no ${command}Command`)
    mock
      .on(commandClass)
      .callsFake(async (input: unknown) => state.run(service, command, input, handler))
  }
  // Unknown commands take the real path through the SDK, which ends at the guard handler.
  mock.send.callThrough()
}
