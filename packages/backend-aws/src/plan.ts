/**
 * What a deploy would do, found with read-only calls. Without credentials it cannot look, so it
 * says so and plans as if nothing existed yet.
 */
import type { DeployInput } from '@portkey/backend'
import { observeRoute, planRoute } from './api-routes.js'
import { AwsBackendError } from './diagnostics.js'
import { desiredConfig } from './function-config.js'
import { checkDeployInput } from './input.js'
import { observeFunction, planFunction } from './lambda-function.js'
import { ROLE_PATH, accountOf, integrationUri, invokeSourceArn, mountNames } from './names.js'
import { observePermission } from './permission.js'
import { findApi } from './rest-api.js'
import { observeRole, planRole } from './role.js'
import { type RoutePath, routePath } from './route.js'
import type { AwsSession } from './session.js'
import { deployedDigest, planStage, routesDigest } from './stage.js'
import type { PlanStep } from './types.js'

export interface DeployPlan {
  steps: PlanStep[]
  /** The existing REST API's id; undefined when the plan creates one. */
  apiId: string | undefined
}

export async function planDeploy(session: AwsSession, input: DeployInput): Promise<DeployPlan> {
  checkDeployInput(input)
  const route = routePath(input.route)
  try {
    return await observedPlan(session, input, route)
  } catch (error: unknown) {
    if (!(error instanceof AwsBackendError) || error.code !== 'NO_CREDENTIALS') throw error
    session.options.log('No AWS credentials: planning as if nothing existed yet.')
    return { steps: blankPlan(session, input, route), apiId: undefined }
  }
}

async function observedPlan(session: AwsSession, input: DeployInput, route: RoutePath) {
  const { options, region, partition } = session
  const names = mountNames(options.app, options.stage, input.name, region)

  const role = await observeRole(session, names.roleName)
  const steps = planRole(session, names.roleName, role)
  const roleArn = role?.arn ?? `arn:${partition}:iam::{account}:role${ROLE_PATH}${names.roleName}`
  const fn = await observeFunction(session, names.functionName)
  steps.push(
    ...planFunction(session, names.functionName, fn, input, desiredConfig(options, input, roleArn)),
  )

  const api = await findApi(session)
  if (!api?.id)
    return { steps: [...steps, ...blankApiPlan(session, route, names.apiName)], apiId: undefined }

  const fnArn = fn?.configuration.FunctionArn
  const uri = fnArn ? integrationUri(region, partition, fnArn) : undefined
  const state = await observeRoute(session, api.id, route)
  const routeSteps = planRoute(session, route, state, uri)
  steps.push({ action: 'skip', resource: 'rest-api', target: api.id }, ...routeSteps)

  const sourceArn = fnArn
    ? invokeSourceArn(partition, region, accountOf(fnArn), api.id, route.segments)
    : undefined
  const current = fnArn ? await observePermission(session, names.functionName, api.id) : undefined
  const permissionOk = sourceArn !== undefined && current === sourceArn
  steps.push({
    action: permissionOk ? 'skip' : current ? 'update' : 'create',
    resource: 'permission',
    target: names.functionName,
  })

  const changing = routeSteps.some((step) => step.action !== 'skip')
  const digest = await deployedDigest(session, api.id)
  steps.push(planStage(options.stage, changing, digest, routesDigest(state.resources)))
  return { steps, apiId: api.id }
}

function blankPlan(session: AwsSession, input: DeployInput, route: RoutePath): PlanStep[] {
  const { options, region } = session
  const names = mountNames(options.app, options.stage, input.name, region)
  return [
    ...planRole(session, names.roleName, undefined),
    { action: 'create', resource: 'function', target: names.functionName },
    ...blankApiPlan(session, route, names.apiName),
  ]
}

function blankApiPlan(session: AwsSession, route: RoutePath, apiName: string): PlanStep[] {
  return [
    { action: 'create', resource: 'rest-api', target: apiName },
    ...planRoute(session, route, undefined, undefined),
    { action: 'create', resource: 'permission', target: route.resource },
    { action: 'create', resource: 'stage', target: session.options.stage },
  ]
}

export function describeStep(step: PlanStep): string {
  const detail = step.detail ? ` (${step.detail})` : ''
  return `${step.action.padEnd(6)} ${step.resource} ${step.target}${detail}`
}
