/**
 * One REST API per Portkey app and stage. It is found again by its tags, never by name alone:
 * API Gateway allows many APIs with one name, and a user's own API may share it.
 */
import type { RestApi } from '@aws-sdk/client-api-gateway'
import { APP_TAG, MANAGED_TAG, STAGE_TAG, apiTags } from './names.js'
import { classifyFailure } from './retry.js'
import { type AwsSession, isNotFound } from './session.js'

// Creating an API is not idempotent, so a create whose answer was lost (network) is followed by a
// fresh look-up instead of a blind retry; this bounds those rounds.
const CREATE_ROUNDS = 3

/** Every REST API Portkey made in the region, optionally only one app and stage's. */
export async function findPortkeyApis(session: AwsSession, app?: string, stage?: string) {
  const { apiGateway, sdk } = session
  const found: RestApi[] = []
  let position: string | undefined
  do {
    const page = await session.call('apigateway:GET', 'REST APIs', () =>
      apiGateway.send(new sdk.apiGateway.GetRestApisCommand({ limit: 500, position })),
    )
    for (const api of page.items ?? []) {
      const tags = api.tags ?? {}
      if (tags[MANAGED_TAG] !== 'true') continue
      if (app !== undefined && tags[APP_TAG] !== app) continue
      if (stage !== undefined && tags[STAGE_TAG] !== stage) continue
      found.push(api)
    }
    position = page.position
  } while (position)

  // Should two ever exist (two first deploys racing), always pick the same one: the oldest.
  return found.sort((a, b) => (a.createdDate?.getTime() ?? 0) - (b.createdDate?.getTime() ?? 0))
}

export async function findApi(session: AwsSession) {
  const { app, stage } = session.options
  const [api] = await findPortkeyApis(session, app, stage)
  return api
}

export async function ensureApi(session: AwsSession, apiName: string) {
  for (let round = 1; ; round += 1) {
    const existing = await findApi(session)
    if (existing?.id) {
      await ensureBinary(session, existing)
      return { id: existing.id, created: false }
    }

    const made = await createApi(session, apiName, round < CREATE_ROUNDS)
    if (made) return { id: made, created: true }
  }
}

async function createApi(session: AwsSession, apiName: string, mayLookAgain: boolean) {
  const { apiGateway, sdk, options } = session
  options.log(`Creating REST API ${apiName}`)
  const made = await session.attempt(
    'apigateway:POST',
    `REST API ${apiName}`,
    () =>
      apiGateway.send(
        new sdk.apiGateway.CreateRestApiCommand({
          name: apiName,
          description: `Portkey app ${options.app}, stage ${options.stage}`,
          // Every content type is passed to Lambda as base64, so functions can return bytes.
          binaryMediaTypes: ['*/*'],
          endpointConfiguration: { types: ['REGIONAL'] },
          tags: apiTags(options.app, options.stage),
        }),
      ),
    (error) => mayLookAgain && isNetworkLike(error),
    { retry: ['throttling'] },
  )
  return made?.id
}

function isNetworkLike(error: unknown): boolean {
  return classifyFailure(error) === 'network'
}

// An API made before binary support, or edited by hand, gets `*/*` added back.
async function ensureBinary(session: AwsSession, api: RestApi): Promise<void> {
  if (api.binaryMediaTypes?.includes('*/*')) return
  const { apiGateway, sdk } = session
  await session.call('apigateway:PATCH', `REST API ${api.id}`, () =>
    apiGateway.send(
      new sdk.apiGateway.UpdateRestApiCommand({
        restApiId: api.id,
        // In patch paths `/` is written `~1`, so this adds the media type `*/*`.
        patchOperations: [{ op: 'add', path: '/binaryMediaTypes/*~1*' }],
      }),
    ),
  )
}

export async function deleteApi(session: AwsSession, apiId: string): Promise<void> {
  const { apiGateway, sdk } = session
  session.options.log(`Deleting REST API ${apiId}`)
  await session.attempt(
    'apigateway:DELETE',
    `REST API ${apiId}`,
    () => apiGateway.send(new sdk.apiGateway.DeleteRestApiCommand({ restApiId: apiId })),
    isNotFound,
  )
}
