/**
 * `createAwsBackend()`: the `Backend` that deploys mounts as Lambda functions behind one REST API
 * per app and stage. Nothing touches the SDK until the first method call.
 */
import type { DeployInput, Deployment } from '@portkey/backend'
import { deployMount } from './deploy.js'
import { listMounts, removeEverything } from './inventory.js'
import { mountNames, mountUrl } from './names.js'
import { resolveAwsBackendOptions } from './options.js'
import { type DeployPlan, describeStep, planDeploy } from './plan.js'
import { removeMount } from './remove.js'
import { routePath } from './route.js'
import { type AwsSession, openSession } from './session.js'
import type { AwsBackend, AwsBackendOptions } from './types.js'

export function createAwsBackend(options: AwsBackendOptions = {}): AwsBackend {
  const resolved = resolveAwsBackendOptions(options)
  let opening: Promise<AwsSession> | undefined
  let opened: AwsSession | undefined
  const session = () => (opening ??= openSession(resolved).then((made) => (opened = made)))

  return {
    name: 'aws',

    async deploy(input) {
      const current = await session()
      if (!resolved.dryRun) return deployMount(current, input)
      return dryRunDeployment(current, input, await planDeploy(current, input))
    },

    async plan(input) {
      return (await planDeploy(await session(), input)).steps
    },

    async remove(name) {
      await removeMount(await session(), name)
    },

    async list() {
      return listMounts(await session())
    },

    async removeAll() {
      return removeEverything(await session())
    },

    /** The SDK clients in use: the injected ones, or those made on the first call. */
    getClient() {
      if (!opened) return resolved.clients
      return { lambda: opened.lambda, apiGateway: opened.apiGateway, iam: opened.iam }
    },

    async dispose() {
      // Only clients this backend made are closed; injected ones belong to the caller.
      const made = opened
      if (!made) return
      if (!resolved.clients.lambda) made.lambda.destroy()
      if (!resolved.clients.apiGateway) made.apiGateway.destroy()
      if (!resolved.clients.iam) made.iam.destroy()
    },
  }
}

// A dry run reports the plan through `log` and returns what the deploy would return. Until the
// REST API exists its id is unknown, so the URL then holds `{api-id}` in its place.
function dryRunDeployment(session: AwsSession, input: DeployInput, plan: DeployPlan): Deployment {
  const { options, region } = session
  options.log(`Plan for ${input.name} (dry run, nothing changed):`)
  for (const step of plan.steps) options.log(`  ${describeStep(step)}`)

  const creates = plan.steps.some(
    (step) => step.resource === 'function' && step.action === 'create',
  )
  const changes = plan.steps.some((step) => step.action !== 'skip')
  const resource = routePath(input.route).resource
  const functionName = mountNames(options.app, options.stage, input.name, region).functionName
  options.log(`  (function ${functionName})`)
  return {
    name: input.name,
    route: input.route,
    url: mountUrl(plan.apiId ?? '{api-id}', region, options.stage, resource, options.endpoint),
    sha256: input.artifact.sha256,
    backend: 'aws',
    change: creates ? 'created' : changes ? 'updated' : 'unchanged',
  }
}
