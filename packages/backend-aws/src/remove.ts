/**
 * Teardown in an order AWS accepts: the permission, the route (and the API once nothing is left
 * on it), the function, then the role's policies and the role itself.
 */
import { hasNoMethods, removeRoute } from './api-routes.js'
import { mountNotFound } from './diagnostics.js'
import { routeOfFunction } from './function-config.js'
import { deleteFunction, observeFunction } from './lambda-function.js'
import { integrationUri, mountNames } from './names.js'
import { removePermission } from './permission.js'
import { deleteApi, findApi } from './rest-api.js'
import { deleteRole, observeRole } from './role.js'
import { routePath } from './route.js'
import type { AwsSession } from './session.js'
import { publishStage } from './stage.js'

export async function removeMount(session: AwsSession, name: string): Promise<void> {
  const { options, region, partition } = session
  const names = mountNames(options.app, options.stage, name, region)
  const fn = await observeFunction(session, names.functionName)
  // A first deploy interrupted after the role leaves only the role: still worth cleaning up.
  const role = fn ? undefined : await observeRole(session, names.roleName)
  if (!fn && !role) throw mountNotFound(name, options.app, options.stage)

  const api = fn ? await findApi(session) : undefined
  if (fn && api?.id) {
    const uri = integrationUri(region, partition, fn.configuration.FunctionArn ?? '')
    await removePermission(session, names.functionName, api.id)
    const template = routeOfFunction(fn.configuration)
    const removed = template
      ? await removeRoute(session, api.id, routePath(template), uri)
      : undefined
    if (removed && hasNoMethods(removed.resources)) await deleteApi(session, api.id)
    else if (removed?.changed) await publishStage(session, api.id)
  }

  if (fn) {
    options.log(`Deleting Lambda function ${names.functionName}`)
    await deleteFunction(session, names.functionName)
  }
  await deleteRole(session, names.roleName)
}
