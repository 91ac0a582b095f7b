/**
 * A mount's route inside the REST API: the resource tree for its path (sharing parts with other
 * mounts), an `ANY` method, and the `AWS_PROXY` integration that hands every request to Lambda.
 */
import type { Method, Resource } from '@aws-sdk/client-api-gateway'
import { errorName, routeConflict, routeShapeConflict } from './diagnostics.js'
import type { RoutePath } from './route.js'
import { type AwsSession, isNotFound } from './session.js'
import type { PlanStep } from './types.js'

// One method for every HTTP verb: the function decides what each verb means.
export const HTTP_METHOD = 'ANY'

export interface RouteState {
  resources: Resource[]
  /** The route's own resource, when it exists. */
  resource: Resource | undefined
  method: Method | undefined
}

export async function readResources(session: AwsSession, apiId: string): Promise<Resource[]> {
  const { apiGateway, sdk } = session
  const resources: Resource[] = []
  let position: string | undefined
  do {
    const page = await session.call('apigateway:GET', `resources of ${apiId}`, () =>
      apiGateway.send(
        new sdk.apiGateway.GetResourcesCommand({
          restApiId: apiId,
          limit: 500,
          embed: ['methods'],
          position,
        }),
      ),
    )
    resources.push(...(page.items ?? []))
    position = page.position
  } while (position)
  return resources
}

export async function observeRoute(session: AwsSession, apiId: string, route: RoutePath) {
  const resources = await readResources(session, apiId)
  const resource = resources.find((candidate) => candidate.path === route.resource)
  const method = resource ? await getMethod(session, apiId, resource) : undefined
  return { resources, resource, method }
}

async function getMethod(session: AwsSession, apiId: string, resource: Resource) {
  const { apiGateway, sdk } = session
  return session.attempt(
    'apigateway:GET',
    `method ${HTTP_METHOD} ${resource.path}`,
    () =>
      apiGateway.send(
        new sdk.apiGateway.GetMethodCommand({
          restApiId: apiId,
          resourceId: resource.id,
          httpMethod: HTTP_METHOD,
        }),
      ),
    isNotFound,
  )
}

export function authorizationType(session: AwsSession): string {
  return session.options.auth === 'iam' ? 'AWS_IAM' : 'NONE'
}

/** What `ensureRoute` would do, given what exists; `uri` is undefined while the function is new. */
export function planRoute(
  session: AwsSession,
  route: RoutePath,
  state: RouteState | undefined,
  uri: string | undefined,
): PlanStep[] {
  const steps: PlanStep[] = []
  for (const path of prefixes(route)) {
    const exists = state?.resources.some((resource) => resource.path === path) ?? false
    steps.push({ action: exists ? 'skip' : 'create', resource: 'api-resource', target: path })
  }

  const target = `${HTTP_METHOD} ${route.resource}`
  const method = state?.method
  const auth = authorizationType(session)
  if (!method) steps.push({ action: 'create', resource: 'method', target, detail: `auth ${auth}` })
  else if (method.authorizationType !== auth) {
    steps.push({ action: 'update', resource: 'method', target, detail: `auth ${auth}` })
  } else steps.push({ action: 'skip', resource: 'method', target })

  const integrated = uri !== undefined && method?.methodIntegration?.uri === uri
  const action = integrated ? 'skip' : method?.methodIntegration ? 'update' : 'create'
  steps.push({ action, resource: 'integration', target, detail: 'AWS_PROXY' })
  return steps
}

/** Every path from the first segment to the whole route: `/a`, `/a/{b}`. */
function prefixes(route: RoutePath): string[] {
  return route.segments.map((_, index) => `/${route.segments.slice(0, index + 1).join('/')}`)
}

/** Makes the route send requests to the function; returns true when anything had to change. */
export async function ensureRoute(
  session: AwsSession,
  apiId: string,
  route: RoutePath,
  uri: string,
): Promise<boolean> {
  const state = await observeRoute(session, apiId, route)
  const holder = state.method?.methodIntegration?.uri
  if (holder && holder !== uri) throw routeConflict(route.resource, functionOf(holder), apiId)

  let changed = false
  const resource = state.resource ?? (await createResources(session, apiId, route, state.resources))
  if (!state.resource) changed = true

  const auth = authorizationType(session)
  if (!state.method) changed = (await putMethod(session, apiId, resource, auth)) || changed
  else if (state.method.authorizationType !== auth) {
    await updateAuthorization(session, apiId, resource, auth)
    changed = true
  }

  if (holder !== uri) {
    await putIntegration(session, apiId, resource, uri)
    changed = true
  }
  return changed
}

function functionOf(uri: string): string {
  const match = /functions\/(.+)\/invocations$/.exec(uri)
  return match?.[1] ?? uri
}

async function createResources(
  session: AwsSession,
  apiId: string,
  route: RoutePath,
  existing: Resource[],
): Promise<Resource> {
  let parent = existing.find((resource) => resource.path === '/')
  for (const [index, path] of prefixes(route).entries()) {
    const found = existing.find((resource) => resource.path === path)
    parent = found ?? (await createResource(session, apiId, parent?.id ?? '', route, index))
  }
  if (!parent) throw routeShapeConflict(route.resource, 'the API has no root resource')
  return parent
}

async function createResource(
  session: AwsSession,
  apiId: string,
  parentId: string,
  route: RoutePath,
  index: number,
): Promise<Resource> {
  const { apiGateway, sdk } = session
  const pathPart = route.segments[index] ?? ''
  const path = `/${route.segments.slice(0, index + 1).join('/')}`
  let made: Resource | undefined
  try {
    made = await session.attempt(
      'apigateway:POST',
      `resource ${path}`,
      () =>
        apiGateway.send(
          new sdk.apiGateway.CreateResourceCommand({ restApiId: apiId, parentId, pathPart }),
        ),
      // It exists: made by a retried request whose first answer was lost.
      (error) => errorName(error) === 'ConflictException',
    )
  } catch (error: unknown) {
    // API Gateway allows one placeholder name per level: `/users/{id}` beside `/users/{userId}`.
    const cause = (error as { cause?: unknown }).cause
    if (errorName(cause) === 'BadRequestException') throw routeShapeConflict(route.resource, cause)
    throw error
  }
  if (made) return made

  const again = (await readResources(session, apiId)).find((resource) => resource.path === path)
  if (!again)
    throw routeShapeConflict(
      route.resource,
      `API Gateway reported ${path} as existing, then as missing`,
    )
  return again
}

async function putMethod(session: AwsSession, apiId: string, resource: Resource, auth: string) {
  const { apiGateway, sdk } = session
  const made = await session.attempt(
    'apigateway:PUT',
    `method ${HTTP_METHOD} ${resource.path}`,
    () =>
      apiGateway.send(
        new sdk.apiGateway.PutMethodCommand({
          restApiId: apiId,
          resourceId: resource.id,
          httpMethod: HTTP_METHOD,
          authorizationType: auth,
          apiKeyRequired: false,
        }),
      ),
    // The method already exists: a retried request whose first try got through.
    (error) => errorName(error) === 'ConflictException',
  )
  return made !== undefined
}

async function updateAuthorization(
  session: AwsSession,
  apiId: string,
  resource: Resource,
  auth: string,
) {
  const { apiGateway, sdk } = session
  await session.call('apigateway:PATCH', `method ${HTTP_METHOD} ${resource.path}`, () =>
    apiGateway.send(
      new sdk.apiGateway.UpdateMethodCommand({
        restApiId: apiId,
        resourceId: resource.id,
        httpMethod: HTTP_METHOD,
        patchOperations: [{ op: 'replace', path: '/authorizationType', value: auth }],
      }),
    ),
  )
}

async function putIntegration(session: AwsSession, apiId: string, resource: Resource, uri: string) {
  const { apiGateway, sdk } = session
  await session.call('apigateway:PUT', `integration ${HTTP_METHOD} ${resource.path}`, () =>
    apiGateway.send(
      new sdk.apiGateway.PutIntegrationCommand({
        restApiId: apiId,
        resourceId: resource.id,
        httpMethod: HTTP_METHOD,
        type: 'AWS_PROXY',
        // Lambda is always invoked with POST, whatever verb the client used.
        integrationHttpMethod: 'POST',
        uri,
      }),
    ),
  )
}

/**
 * Deletes the route's method if it still points at `uri`, then every resource on its path that
 * is left with no method and no child. Returns the resources that remain.
 */
export async function removeRoute(
  session: AwsSession,
  apiId: string,
  route: RoutePath,
  uri: string,
): Promise<{ changed: boolean; resources: Resource[] }> {
  const state = await observeRoute(session, apiId, route)
  let resources = state.resources
  const ours = state.method?.methodIntegration?.uri === uri
  // Someone else's method (another mount now serves this path): leave the route alone.
  if (state.method && !ours) return { changed: false, resources }

  if (state.resource && state.method) {
    await deleteMethod(session, apiId, state.resource)
    const emptied = { ...state.resource, resourceMethods: {} }
    resources = resources.map((resource) => (resource.id === emptied.id ? emptied : resource))
  }

  const pruned = await pruneResources(session, apiId, state.resource, resources)
  const changed = state.method !== undefined || pruned.length < resources.length
  return { changed, resources: pruned }
}

async function deleteMethod(session: AwsSession, apiId: string, resource: Resource) {
  const { apiGateway, sdk } = session
  await session.attempt(
    'apigateway:DELETE',
    `method ${HTTP_METHOD} ${resource.path}`,
    () =>
      apiGateway.send(
        new sdk.apiGateway.DeleteMethodCommand({
          restApiId: apiId,
          resourceId: resource.id,
          httpMethod: HTTP_METHOD,
        }),
      ),
    isNotFound,
  )
}

async function pruneResources(
  session: AwsSession,
  apiId: string,
  start: Resource | undefined,
  resources: Resource[],
): Promise<Resource[]> {
  let remaining = resources
  // Looked up by id in `remaining`, which holds the resources as updated by the caller.
  let current = remaining.find((resource) => resource.id === start?.id)
  while (current && current.path !== '/' && isUnused(current, remaining)) {
    await deleteResource(session, apiId, current)
    const deletedId = current.id
    remaining = remaining.filter((resource) => resource.id !== deletedId)
    current = remaining.find((resource) => resource.id === current?.parentId)
  }
  return remaining
}

function isUnused(resource: Resource, resources: Resource[]): boolean {
  const hasMethods = Object.keys(resource.resourceMethods ?? {}).length > 0
  const hasChildren = resources.some((candidate) => candidate.parentId === resource.id)
  return !hasMethods && !hasChildren
}

async function deleteResource(session: AwsSession, apiId: string, resource: Resource) {
  const { apiGateway, sdk } = session
  await session.attempt(
    'apigateway:DELETE',
    `resource ${resource.path}`,
    () =>
      apiGateway.send(
        new sdk.apiGateway.DeleteResourceCommand({ restApiId: apiId, resourceId: resource.id }),
      ),
    isNotFound,
  )
}

/** True when no resource of the API has a method left: nothing would answer requests. */
export function hasNoMethods(resources: Resource[]): boolean {
  return resources.every((resource) => Object.keys(resource.resourceMethods ?? {}).length === 0)
}
