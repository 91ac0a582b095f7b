/**
 * Publishing the API: a deployment of the stage. Each deployment's description records a digest
 * of the routes it contains, so a rerun can tell whether the stage already serves the current
 * routes, even when the run that changed them was interrupted before it deployed.
 */
import { createHash } from 'node:crypto'
import type { Resource } from '@aws-sdk/client-api-gateway'
import { readResources } from './api-routes.js'
import { type AwsSession, isNotFound } from './session.js'
import type { PlanStep } from './types.js'

const DESCRIPTION_PREFIX = 'portkey routes '

export function routesDigest(resources: Resource[]): string {
  const lines: string[] = []
  for (const resource of resources) {
    for (const [verb, method] of Object.entries(resource.resourceMethods ?? {})) {
      const uri = method.methodIntegration?.uri ?? ''
      lines.push(`${resource.path} ${verb} ${method.authorizationType ?? ''} ${uri}`)
    }
  }
  const text = lines.sort().join('\n')
  return createHash('sha256').update(text).digest('hex').slice(0, 16)
}

/** The digest the stage's current deployment was made for, or undefined when there is none. */
export async function deployedDigest(session: AwsSession, apiId: string) {
  const { apiGateway, sdk, options } = session
  const stage = await session.attempt(
    'apigateway:GET',
    `stage ${options.stage} of ${apiId}`,
    () =>
      apiGateway.send(
        new sdk.apiGateway.GetStageCommand({ restApiId: apiId, stageName: options.stage }),
      ),
    isNotFound,
  )
  if (!stage?.deploymentId) return undefined

  const deployment = await session.attempt(
    'apigateway:GET',
    `deployment ${stage.deploymentId} of ${apiId}`,
    () =>
      apiGateway.send(
        new sdk.apiGateway.GetDeploymentCommand({
          restApiId: apiId,
          deploymentId: stage.deploymentId,
        }),
      ),
    isNotFound,
  )
  const description = deployment?.description ?? ''
  return description.startsWith(DESCRIPTION_PREFIX)
    ? description.slice(DESCRIPTION_PREFIX.length)
    : undefined
}

export function planStage(
  stage: string,
  changing: boolean,
  current: string | undefined,
  wanted?: string,
): PlanStep {
  const stale = changing || current === undefined || current !== wanted
  return { action: stale ? 'update' : 'skip', resource: 'stage', target: stage }
}

/** Deploys the stage unless it already serves exactly these routes; returns true if it deployed. */
export async function publishStage(session: AwsSession, apiId: string): Promise<boolean> {
  const resources = await readResources(session, apiId)
  const digest = routesDigest(resources)
  if ((await deployedDigest(session, apiId)) === digest) return false

  const { apiGateway, sdk, options } = session
  options.log(`Deploying stage ${options.stage} of REST API ${apiId}`)
  await session.call(
    'apigateway:POST',
    `deployment of ${apiId}`,
    () =>
      apiGateway.send(
        new sdk.apiGateway.CreateDeploymentCommand({
          restApiId: apiId,
          stageName: options.stage,
          description: `${DESCRIPTION_PREFIX}${digest}`,
        }),
      ),
    // A repeated deployment is harmless (the newest wins), so lost answers may be retried.
    { retry: ['throttling', 'network'] },
  )
  return true
}
