/**
 * API Gateway REST APIs as far as Portkey uses them: a resource tree under `/`, methods with
 * integrations, and deployments that freeze the routes a stage serves.
 */
import { awsErrors } from './errors.js'
import type { FakeState } from './state.js'

export interface FakeMethod {
  httpMethod: string
  authorizationType: string
  methodIntegration?: { type: string; httpMethod: string; uri: string }
}

export interface FakeResource {
  id: string
  parentId?: string
  pathPart?: string
  path: string
  methods: Map<string, FakeMethod>
}

/** One route as a deployment froze it. */
export interface FrozenRoute {
  path: string
  method: FakeMethod
}

export interface FakeApi {
  id: string
  name: string
  tags: Record<string, string>
  binaryMediaTypes: string[]
  createdDate: Date
  resources: Map<string, FakeResource>
  deployments: Map<string, { id: string; description?: string; routes: FrozenRoute[] }>
  stages: Map<string, { deploymentId: string }>
}

type Input = Record<string, any>

export function apiGatewayHandlers(state: FakeState) {
  const api = (id: string) => {
    const found = state.apis.get(id)
    if (!found) throw awsErrors.apiNotFound('Invalid API identifier specified')
    return found
  }
  const resource = (input: Input) => {
    const found = api(input.restApiId).resources.get(input.resourceId)
    if (!found) throw awsErrors.apiNotFound('Invalid Resource identifier specified')
    return found
  }
  const method = (input: Input) => {
    const found = resource(input).methods.get(input.httpMethod)
    if (!found) throw awsErrors.apiNotFound('Invalid Method identifier specified')
    return found
  }

  return {
    GetRestApis: () => ({ items: [...state.apis.values()].map(viewApi) }),
    CreateRestApi: (input: Input) => {
      const id = state.nextId('api')
      const made: FakeApi = {
        id,
        name: input.name,
        tags: { ...input.tags },
        binaryMediaTypes: [...(input.binaryMediaTypes ?? [])],
        createdDate: new Date(state.clock++),
        resources: new Map(),
        deployments: new Map(),
        stages: new Map(),
      }
      const rootId = state.nextId('root')
      made.resources.set(rootId, { id: rootId, path: '/', methods: new Map() })
      state.apis.set(id, made)
      return viewApi(made)
    },
    UpdateRestApi: (input: Input) => {
      const found = api(input.restApiId)
      for (const operation of input.patchOperations ?? []) {
        const match = /^\/binaryMediaTypes\/(.+)$/.exec(operation.path)
        if (operation.op !== 'add' || !match)
          throw awsErrors.apiBadRequest(`Unsupported patch ${operation.path}`)
        found.binaryMediaTypes.push(match[1]!.replaceAll('~1', '/'))
      }
      return viewApi(found)
    },
    DeleteRestApi: (input: Input) => {
      api(input.restApiId)
      state.apis.delete(input.restApiId)
      return {}
    },
    GetResources: (input: Input) => ({
      items: [...api(input.restApiId).resources.values()].map((found) =>
        viewResource(found, (input.embed ?? []).includes('methods')),
      ),
    }),
    CreateResource: (input: Input) => {
      const found = api(input.restApiId)
      const parent = resource({ ...input, resourceId: input.parentId })
      const siblings = [...found.resources.values()].filter((item) => item.parentId === parent.id)
      if (siblings.some((item) => item.pathPart === input.pathPart)) {
        throw awsErrors.apiConflict(
          'Another resource with the same parent already has this name: ' + input.pathPart,
        )
      }
      const variable = siblings.find((item) => item.pathPart?.startsWith('{'))
      if (variable && String(input.pathPart).startsWith('{')) {
        throw awsErrors.apiBadRequest(
          `A sibling (${variable.pathPart}) of this resource already has a variable path part -- only one is allowed`,
        )
      }
      const id = state.nextId('res')
      const path = parent.path === '/' ? `/${input.pathPart}` : `${parent.path}/${input.pathPart}`
      const made: FakeResource = {
        id,
        parentId: parent.id,
        pathPart: input.pathPart,
        path,
        methods: new Map(),
      }
      found.resources.set(id, made)
      return viewResource(made, false)
    },
    DeleteResource: (input: Input) => {
      const found = api(input.restApiId)
      const target = resource(input)
      if (!target.parentId) throw awsErrors.apiBadRequest('Cannot delete the root resource')
      for (const item of [...found.resources.values()]) {
        if (item.path === target.path || item.path.startsWith(`${target.path}/`))
          found.resources.delete(item.id)
      }
      return {}
    },
    GetMethod: (input: Input) => structuredClone(method(input)),
    PutMethod: (input: Input) => {
      const target = resource(input)
      if (target.methods.has(input.httpMethod))
        throw awsErrors.apiConflict('Method already exists for this resource')
      const made: FakeMethod = {
        httpMethod: input.httpMethod,
        authorizationType: input.authorizationType,
      }
      target.methods.set(input.httpMethod, made)
      return structuredClone(made)
    },
    UpdateMethod: (input: Input) => {
      const found = method(input)
      for (const operation of input.patchOperations ?? []) {
        if (operation.path !== '/authorizationType')
          throw awsErrors.apiBadRequest(`Unsupported patch ${operation.path}`)
        found.authorizationType = operation.value
      }
      return structuredClone(found)
    },
    DeleteMethod: (input: Input) => {
      method(input)
      resource(input).methods.delete(input.httpMethod)
      return {}
    },
    PutIntegration: (input: Input) => {
      const found = method(input)
      found.methodIntegration = {
        type: input.type,
        httpMethod: input.integrationHttpMethod,
        uri: input.uri,
      }
      return structuredClone(found.methodIntegration)
    },
    CreateDeployment: (input: Input) => {
      const found = api(input.restApiId)
      const routes: FrozenRoute[] = []
      for (const item of found.resources.values()) {
        for (const frozen of item.methods.values())
          routes.push({ path: item.path, method: structuredClone(frozen) })
      }
      if (routes.length === 0)
        throw awsErrors.apiBadRequest("The REST API doesn't contain any methods")
      const id = state.nextId('dep')
      found.deployments.set(id, { id, description: input.description, routes })
      if (input.stageName) found.stages.set(input.stageName, { deploymentId: id })
      return { id, description: input.description }
    },
    GetStage: (input: Input) => {
      const stage = api(input.restApiId).stages.get(input.stageName)
      if (!stage) throw awsErrors.apiNotFound('Invalid Stage identifier specified')
      return { stageName: input.stageName, deploymentId: stage.deploymentId }
    },
    GetDeployment: (input: Input) => {
      const deployment = api(input.restApiId).deployments.get(input.deploymentId)
      if (!deployment) throw awsErrors.apiNotFound('Invalid Deployment identifier specified')
      return { id: deployment.id, description: deployment.description }
    },
  }
}

function viewApi(found: FakeApi) {
  const { id, name, tags, binaryMediaTypes, createdDate } = found
  return { id, name, tags: { ...tags }, binaryMediaTypes: [...binaryMediaTypes], createdDate }
}

function viewResource(found: FakeResource, withMethods: boolean) {
  const { id, parentId, pathPart, path } = found
  const view: Record<string, unknown> = { id, path, ...(parentId && { parentId, pathPart }) }
  if (withMethods && found.methods.size > 0) {
    view.resourceMethods = Object.fromEntries(
      [...found.methods].map(([verb, item]) => [verb, structuredClone(item)]),
    )
  }
  return view
}
