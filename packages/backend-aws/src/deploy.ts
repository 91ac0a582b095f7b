/**
 * A deploy, in the order AWS needs: role, function, API route, permission, stage. Every step
 * looks at what exists before it acts, so running it again after an interruption picks up where
 * the last run stopped and creates nothing twice.
 */
import type { DeployInput, Deployment } from '@portkey/backend'
import { ensureRoute, removeRoute } from './api-routes.js'
import { routeOfFunction, desiredConfig } from './function-config.js'
import { checkDeployInput } from './input.js'
import { ensureFunction, observeFunction } from './lambda-function.js'
import {
  accountOf,
  integrationUri,
  invokeSourceArn,
  mountNames,
  mountTags,
  mountUrl,
} from './names.js'
import { ensurePermission } from './permission.js'
import { ensureApi } from './rest-api.js'
import { ensureRole } from './role.js'
import { routePath } from './route.js'
import type { AwsSession } from './session.js'
import { publishStage } from './stage.js'

export async function deployMount(session: AwsSession, input: DeployInput): Promise<Deployment> {
  checkDeployInput(input)
  const route = routePath(input.route)
  const { options, region, partition } = session
  const names = mountNames(options.app, options.stage, input.name, region)
  const tags = mountTags(options.app, options.stage, input.name, region)
  warnIfPublic(session, route.resource)

  const role = await ensureRole(session, names.roleName, tags)
  const previousRoute = await previousRouteOf(session, names.functionName)
  const config = desiredConfig(options, input, role.arn)
  const fn = await ensureFunction(session, input, names.functionName, config, tags)

  const api = await ensureApi(session, names.apiName)
  const uri = integrationUri(region, partition, fn.arn)
  const routeChanged = await ensureRoute(session, api.id, route, uri)
  const moved = previousRoute !== undefined && routePath(previousRoute).resource !== route.resource
  if (moved) await removeRoute(session, api.id, routePath(previousRoute), uri)

  const sourceArn = invokeSourceArn(partition, region, accountOf(fn.arn), api.id, route.segments)
  const permissionChanged = await ensurePermission(session, names.functionName, api.id, sourceArn)
  const published = await publishStage(session, api.id)

  const url = mountUrl(api.id, region, options.stage, route.resource, options.endpoint)
  options.log(`Mounted ${input.name} at ${url}`)
  const touched = fn.change !== 'unchanged' || routeChanged || permissionChanged || published
  const change = fn.change === 'created' ? 'created' : touched ? 'updated' : 'unchanged'
  return {
    name: input.name,
    route: input.route,
    url,
    sha256: input.artifact.sha256,
    backend: 'aws',
    change,
  }
}

function warnIfPublic(session: AwsSession, resource: string): void {
  if (session.options.auth !== 'none') return
  session.options.log(
    `Warning: ${resource} will be public: anyone with the URL can call it. Pass auth: 'iam' to require SigV4-signed requests.`,
  )
}

/** The route the function served before this deploy, so a moved mount leaves no old path behind. */
async function previousRouteOf(session: AwsSession, functionName: string) {
  const state = await observeFunction(session, functionName)
  return state ? routeOfFunction(state.configuration) : undefined
}
