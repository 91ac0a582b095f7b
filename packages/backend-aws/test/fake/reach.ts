/**
 * What a request to a mount URL would reach, decided the way API Gateway and Lambda decide it: the
 * stage's deployed routes, the integration's URI, the function's state, and its resource policy.
 * Lets tests check that a deploy really serves its URL, not merely that calls were made.
 */
import type { FakeState } from './state.js'

export type Reach = { ok: true; functionName: string } | { ok: false; reason: string }

export function reachUrl(state: FakeState, url: string, verb = 'GET'): Reach {
  const parsed = /^https:\/\/([^.]+)\.execute-api\.([^.]+)\.amazonaws\.com\/([^/]+)(\/.*)?$/.exec(
    url,
  )
  if (!parsed) return { ok: false, reason: `not an execute-api URL: ${url}` }
  const [, apiId = '', region, stageName = '', path = '/'] = parsed

  const api = state.apis.get(apiId)
  const stage = api?.stages.get(stageName)
  const deployment = stage && api?.deployments.get(stage.deploymentId)
  if (!api || !deployment)
    return { ok: false, reason: `no deployed stage ${stageName} on ${apiId}` }

  const route = deployment.routes.find((frozen) => pathMatches(frozen.path, path))
  const integration = route?.method.methodIntegration
  if (!route || !integration) return { ok: false, reason: `no deployed route for ${path}` }
  if (integration.type !== 'AWS_PROXY' || integration.httpMethod !== 'POST') {
    return { ok: false, reason: 'integration is not AWS_PROXY with POST' }
  }

  const arn = /functions\/(.+)\/invocations$/.exec(integration.uri)?.[1] ?? ''
  const fn = [...state.functions.values()].find((item) => item.configuration.FunctionArn === arn)
  if (!fn) return { ok: false, reason: `integration points at a missing function ${arn}` }

  const resourcePath = path.slice(1)
  const sourceArn = `arn:aws:execute-api:${region}:${state.account}:${apiId}/${stageName}/${verb}/${resourcePath}`
  const allowed = fn.statements.some(
    (statement) =>
      statement.Principal.Service === 'apigateway.amazonaws.com' &&
      statement.Action === 'lambda:InvokeFunction' &&
      globMatches(statement.Condition?.ArnLike['AWS:SourceArn'] ?? '*', sourceArn),
  )
  if (!allowed) return { ok: false, reason: `function policy does not allow ${sourceArn}` }
  return { ok: true, functionName: fn.configuration.FunctionName }
}

function pathMatches(template: string, path: string): boolean {
  const want = template === '/' ? [] : template.slice(1).split('/')
  const got = path === '/' ? [] : path.slice(1).split('/')
  return (
    want.length === got.length &&
    want.every((part, index) => part.startsWith('{') || part === got[index])
  )
}

/** ArnLike: `*` matches any run of characters (slashes included). */
function globMatches(pattern: string, value: string): boolean {
  const escaped = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
  return new RegExp(`^${escaped.join('.*')}$`).test(value)
}
