import { describe, expect, it } from 'vitest'
import { TRUST_POLICY } from '../src/index.js'
import { createFakeAws, reachUrl } from './fake/index.js'
import { ACCOUNT, REGION, artifact, input } from './helpers.js'

const FUNCTION_ARN = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:portkey-prod-hello`
const BASIC_POLICY = 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'
const MANAGED_TAGS = {
  'portkey:managed': 'true',
  'portkey:app': 'portkey',
  'portkey:stage': 'prod',
  'portkey:mount': 'hello',
  'portkey:region': REGION,
}

const commands = (fake: ReturnType<typeof createFakeAws>) =>
  fake.state.calls.map((call) => call.command)
const mutations = (fake: ReturnType<typeof createFakeAws>) =>
  fake.state.mutatingCalls().map((call) => call.command)
const inputOf = (fake: ReturnType<typeof createFakeAws>, command: string) =>
  fake.state.callsOf(command)[0]?.input

describe('first deploy', () => {
  it('creates role, function, API route, permission and stage in that order', async () => {
    const fake = createFakeAws()
    const deployment = await fake.backend().deploy(input())

    expect(mutations(fake)).toEqual([
      'CreateRole',
      'AttachRolePolicy',
      'CreateFunction',
      'CreateRestApi',
      'CreateResource',
      'PutMethod',
      'PutIntegration',
      'AddPermission',
      'CreateDeployment',
    ])
    const apiId = [...fake.state.apis.keys()][0]
    expect(deployment).toEqual({
      name: 'hello',
      route: '/hello?name={name}',
      url: `https://${apiId}.execute-api.${REGION}.amazonaws.com/prod/hello`,
      sha256: input().artifact.sha256,
      backend: 'aws',
      change: 'created',
    })
    expect(reachUrl(fake.state, deployment.url)).toEqual({
      ok: true,
      functionName: 'portkey-prod-hello',
    })
  })

  it('makes a role under /portkey/ that only Lambda can assume, with logging rights only', async () => {
    const fake = createFakeAws()
    await fake.backend().deploy(input())

    const role = inputOf(fake, 'CreateRole')
    expect(role.RoleName).toBe('portkey-prod-hello-us-east-1')
    expect(role.Path).toBe('/portkey/')
    expect(JSON.parse(role.AssumeRolePolicyDocument)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: 'lambda.amazonaws.com' },
          Action: 'sts:AssumeRole',
        },
      ],
    })
    expect(role.AssumeRolePolicyDocument).toBe(TRUST_POLICY)
    expect(Object.fromEntries(role.Tags.map((tag: any) => [tag.Key, tag.Value]))).toEqual(
      MANAGED_TAGS,
    )
    expect(fake.state.callsOf('AttachRolePolicy').map((call) => call.input.PolicyArn)).toEqual([
      BASIC_POLICY,
    ])
  })

  it('creates the function with the runtime, handler, limits, environment and tags asked for', async () => {
    const fake = createFakeAws()
    const backend = fake.backend({ runtime: 'nodejs22.x', architecture: 'arm64' })
    await backend.deploy(
      input({ environment: { GREETING: 'hi' }, memoryMb: 256, timeoutSeconds: 10 }),
    )

    const created = inputOf(fake, 'CreateFunction')
    expect(created).toMatchObject({
      FunctionName: 'portkey-prod-hello',
      Runtime: 'nodejs22.x',
      Handler: 'index.handler',
      MemorySize: 256,
      Timeout: 10,
      Architectures: ['arm64'],
      PackageType: 'Zip',
      Role: `arn:aws:iam::${ACCOUNT}:role/portkey/portkey-prod-hello-us-east-1`,
      Environment: { Variables: { GREETING: 'hi' } },
      Description: 'Portkey mount /hello?name={name}',
      Tags: MANAGED_TAGS,
    })
    expect(Buffer.from(created.Code.ZipFile)).toEqual(Buffer.from(input().artifact.zip))
    expect(created.VpcConfig).toBeUndefined()
  })

  it('builds the REST API with binary support, an ANY method and an AWS_PROXY POST integration', async () => {
    const fake = createFakeAws()
    await fake.backend().deploy(input({ route: '/users/{id}/posts' }))
    const apiId = [...fake.state.apis.keys()][0]

    expect(inputOf(fake, 'CreateRestApi')).toMatchObject({
      name: 'portkey-portkey-prod',
      binaryMediaTypes: ['*/*'],
      tags: { 'portkey:managed': 'true', 'portkey:app': 'portkey', 'portkey:stage': 'prod' },
    })
    expect(fake.state.callsOf('CreateResource').map((call) => call.input.pathPart)).toEqual([
      'users',
      '{id}',
      'posts',
    ])
    expect(inputOf(fake, 'PutMethod')).toMatchObject({
      httpMethod: 'ANY',
      authorizationType: 'NONE',
    })
    expect(inputOf(fake, 'PutIntegration')).toMatchObject({
      restApiId: apiId,
      httpMethod: 'ANY',
      type: 'AWS_PROXY',
      integrationHttpMethod: 'POST',
      uri: `arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/${FUNCTION_ARN}/invocations`,
    })
    expect(inputOf(fake, 'AddPermission')).toEqual({
      FunctionName: 'portkey-prod-hello',
      StatementId: `portkey-apigateway-${apiId}`,
      Action: 'lambda:InvokeFunction',
      Principal: 'apigateway.amazonaws.com',
      SourceArn: `arn:aws:execute-api:${REGION}:${ACCOUNT}:${apiId}/*/*/users/*/posts`,
    })
    expect(inputOf(fake, 'CreateDeployment')).toMatchObject({ restApiId: apiId, stageName: 'prod' })
  })

  it('warns that a mount without auth is public, and uses AWS_IAM when auth is iam', async () => {
    const open = createFakeAws()
    await open.backend().deploy(input())
    expect(open.logs.some((line) => line.includes('public'))).toBe(true)

    const signed = createFakeAws()
    await signed.backend({ auth: 'iam' }).deploy(input())
    expect(inputOf(signed, 'PutMethod').authorizationType).toBe('AWS_IAM')
    expect(signed.logs.some((line) => line.includes('public'))).toBe(false)
  })

  it('mounts the root route on the API root resource', async () => {
    const fake = createFakeAws()
    const deployment = await fake.backend().deploy(input({ route: '/' }))
    expect(fake.state.callsOf('CreateResource')).toHaveLength(0)
    expect(inputOf(fake, 'AddPermission').SourceArn).toMatch(/\/\*\/\*\/$/)
    expect(reachUrl(fake.state, deployment.url).ok).toBe(true)
  })
})

describe('remount', () => {
  it('uploads new code only, and waits for it, when the artifact changed', async () => {
    const fake = createFakeAws()
    const backend = fake.backend()
    await backend.deploy(input())
    fake.state.calls.length = 0

    const deployment = await backend.deploy(input({ artifact: artifact('v2') }))
    expect(mutations(fake)).toEqual(['UpdateFunctionCode'])
    expect(inputOf(fake, 'UpdateFunctionCode')).toMatchObject({
      FunctionName: 'portkey-prod-hello',
      Architectures: ['x86_64'],
    })
    // The waiter polls after the update: a second change right away would be refused.
    expect(
      commands(fake).indexOf('GetFunction', commands(fake).indexOf('UpdateFunctionCode')),
    ).toBeGreaterThan(0)
    expect(deployment.change).toBe('updated')
    expect(fake.state.functions.get('portkey-prod-hello')?.configuration.CodeSha256).toBe(
      artifact('v2').sha256,
    )
  })

  it('updates only the configuration when only settings changed', async () => {
    const fake = createFakeAws()
    const backend = fake.backend()
    await backend.deploy(input())
    fake.state.calls.length = 0

    const deployment = await backend.deploy(input({ memoryMb: 512, environment: { MODE: 'x' } }))
    expect(mutations(fake)).toEqual(['UpdateFunctionConfiguration'])
    expect(inputOf(fake, 'UpdateFunctionConfiguration')).toMatchObject({
      FunctionName: 'portkey-prod-hello',
      MemorySize: 512,
      Environment: { Variables: { MODE: 'x' } },
    })
    expect(deployment.change).toBe('updated')
  })

  it('updates code, waits, then configuration when both changed', async () => {
    const fake = createFakeAws()
    const backend = fake.backend()
    await backend.deploy(input())
    fake.state.calls.length = 0

    await backend.deploy(input({ artifact: artifact('v2'), timeoutSeconds: 30 }))
    const sequence = commands(fake)
    const code = sequence.indexOf('UpdateFunctionCode')
    const config = sequence.indexOf('UpdateFunctionConfiguration')
    expect(code).toBeGreaterThanOrEqual(0)
    expect(sequence.slice(code, config)).toContain('GetFunction')
    expect(fake.state.callsOf('UpdateFunctionConfiguration')).toHaveLength(1)
  })

  it('changes nothing and uploads nothing when the artifact and settings are the same', async () => {
    const fake = createFakeAws()
    const backend = fake.backend()
    await backend.deploy(input())
    fake.state.calls.length = 0

    const deployment = await backend.deploy(input())
    expect(mutations(fake)).toEqual([])
    expect(deployment.change).toBe('unchanged')
  })

  it('moves a mount to a new route and removes the old path', async () => {
    const fake = createFakeAws()
    const backend = fake.backend()
    const before = await backend.deploy(input({ route: '/old/path' }))
    const after = await backend.deploy(input({ route: '/new' }))

    expect(reachUrl(fake.state, after.url).ok).toBe(true)
    expect(reachUrl(fake.state, before.url).ok).toBe(false)
    const api = [...fake.state.apis.values()][0]!
    expect([...api.resources.values()].map((resource) => resource.path).sort()).toEqual([
      '/',
      '/new',
    ])
  })
})

describe('several mounts in one app', () => {
  it('share one REST API and the parts of their paths', async () => {
    const fake = createFakeAws()
    const backend = fake.backend()
    const one = await backend.deploy(input({ name: 'one', route: '/users/{id}' }))
    const two = await backend.deploy(input({ name: 'two', route: '/users/{id}/posts' }))

    expect(fake.state.census()).toMatchObject({ apis: 1, functions: 2, roles: 2, resources: 4 })
    expect(reachUrl(fake.state, one.url.replace('{id}', '7'))).toEqual({
      ok: true,
      functionName: 'portkey-prod-one',
    })
    expect(reachUrl(fake.state, two.url.replace('{id}', '7'))).toEqual({
      ok: true,
      functionName: 'portkey-prod-two',
    })
  })

  it('refuses a second mount on a path another mount serves', async () => {
    const fake = createFakeAws()
    const backend = fake.backend()
    await backend.deploy(input({ name: 'one', route: '/same' }))
    await expect(backend.deploy(input({ name: 'two', route: '/same' }))).rejects.toMatchObject({
      code: 'ROUTE_CONFLICT',
    })
  })

  it('refuses a second placeholder name at one path level, as API Gateway does', async () => {
    const fake = createFakeAws()
    const backend = fake.backend()
    await backend.deploy(input({ name: 'one', route: '/users/{id}' }))
    const refused = backend.deploy(input({ name: 'two', route: '/users/{userId}/posts' }))
    await expect(refused).rejects.toMatchObject({ code: 'ROUTE_CONFLICT' })
    await expect(refused).rejects.toThrow(/one placeholder name/)
  })

  it('keeps separate APIs for separate stages', async () => {
    const fake = createFakeAws()
    await fake.backend({ stage: 'dev' }).deploy(input())
    await fake.backend({ stage: 'prod' }).deploy(input())
    expect(fake.state.census()).toMatchObject({ apis: 2, functions: 2, roles: 2 })
  })
})

describe('unmount', () => {
  it('removes permission, route, empty API, function, then detaches and deletes the role', async () => {
    const fake = createFakeAws()
    const backend = fake.backend()
    await backend.deploy(input({ route: '/a/b' }))
    fake.state.calls.length = 0

    await backend.remove('hello')
    expect(mutations(fake)).toEqual([
      'RemovePermission',
      'DeleteMethod',
      'DeleteResource',
      'DeleteResource',
      'DeleteRestApi',
      'DeleteFunction',
      'DetachRolePolicy',
      'DeleteRole',
    ])
    expect(fake.state.census()).toEqual({ roles: 0, functions: 0, apis: 0, resources: 0 })
  })

  it('keeps the API and the other mount working when one of two mounts goes', async () => {
    const fake = createFakeAws()
    const backend = fake.backend()
    const one = await backend.deploy(input({ name: 'one', route: '/users/{id}' }))
    const two = await backend.deploy(input({ name: 'two', route: '/users/{id}/posts' }))

    await backend.remove('two')
    expect(reachUrl(fake.state, one.url.replace('{id}', '1')).ok).toBe(true)
    expect(reachUrl(fake.state, two.url.replace('{id}', '1')).ok).toBe(false)
    expect(fake.state.census()).toMatchObject({ apis: 1, functions: 1, roles: 1, resources: 3 })
  })

  it('says MOUNT_NOT_FOUND for a name that was never mounted', async () => {
    const fake = createFakeAws()
    await expect(fake.backend().remove('ghost')).rejects.toMatchObject({ code: 'MOUNT_NOT_FOUND' })
    expect(mutations(fake)).toEqual([])
  })
})

describe('list and removeAll', () => {
  it('lists the mounts of this app and stage with their URLs and hashes', async () => {
    const fake = createFakeAws()
    const backend = fake.backend()
    const one = await backend.deploy(input({ name: 'one', route: '/one?x={x}' }))
    await fake.backend({ stage: 'dev' }).deploy(input({ name: 'other' }))

    expect(await backend.list()).toEqual([
      { name: 'one', route: '/one?x={x}', url: one.url, sha256: one.sha256, backend: 'aws' },
    ])
  })

  it('removes everything Portkey made in the region and nothing else', async () => {
    const fake = createFakeAws()
    await fake.backend().deploy(input({ name: 'one' }))
    await fake.backend({ app: 'shop', stage: 'dev' }).deploy(input({ name: 'two', route: '/x' }))
    fake.state.functions.set('theirs', {
      configuration: {
        FunctionName: 'theirs',
        FunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:theirs',
        Role: 'arn:aws:iam::123456789012:role/theirs',
      },
      tags: {},
      zip: new Uint8Array(),
      statements: [],
      pollsLeft: 0,
    })

    const removed = await fake.backend().removeAll()
    expect(removed.sort()).toEqual(['function portkey-prod-one', 'function shop-dev-two'])
    expect([...fake.state.functions.keys()]).toEqual(['theirs'])
    expect(fake.state.census()).toMatchObject({ roles: 0, apis: 0 })
  })
})

describe('refusals', () => {
  it('will not take over a function Portkey did not create', async () => {
    const fake = createFakeAws()
    fake.state.functions.set('portkey-prod-hello', {
      configuration: { FunctionName: 'portkey-prod-hello', FunctionArn: 'arn:x', State: 'Active' },
      tags: {},
      zip: new Uint8Array(),
      statements: [],
      pollsLeft: 0,
    })
    await expect(fake.backend().deploy(input())).rejects.toMatchObject({
      code: 'NOT_PORTKEY_RESOURCE',
    })
  })

  it('rejects unknown options by name and lists the valid ones', async () => {
    const fake = createFakeAws()
    expect(() => fake.backend({ regoin: 'x' } as never)).toThrow(
      /unknown option `regoin`.*`region`/,
    )
  })

  it('rejects a reserved environment variable before calling AWS', async () => {
    const fake = createFakeAws()
    await expect(
      fake.backend().deploy(input({ environment: { AWS_REGION: 'x' } })),
    ).rejects.toMatchObject({
      code: 'INVALID_DEPLOY_INPUT',
    })
    expect(fake.state.calls).toEqual([])
  })

  it('asks for an S3 bucket for an artifact over 50 MB, and uploads through it when given one', async () => {
    const big = { ...artifact('big'), zip: new Uint8Array(50 * 1024 * 1024 + 1) }
    const noBucket = createFakeAws()
    await expect(noBucket.backend().deploy(input({ artifact: big }))).rejects.toMatchObject({
      code: 'ARTIFACT_TOO_LARGE',
    })

    const fake = createFakeAws()
    await fake.backend({ s3Bucket: 'my-bucket' }).deploy(input({ artifact: big }))
    expect(inputOf(fake, 'PutObject')).toMatchObject({
      Bucket: 'my-bucket',
      Key: `portkey/portkey-prod-hello/${big.hex}.zip`,
    })
    expect(inputOf(fake, 'CreateFunction').Code).toEqual({
      S3Bucket: 'my-bucket',
      S3Key: `portkey/portkey-prod-hello/${big.hex}.zip`,
    })
  })
})
