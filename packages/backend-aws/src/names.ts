/**
 * Every name, tag and ARN Portkey gives an AWS resource, derived from the mount name, app, stage
 * and region alone, so a rerun after an interruption finds exactly what the first run made.
 */
import { createHash } from 'node:crypto'

/** Where Portkey's roles live in IAM; `removeAll` and `list` look nowhere else. */
export const ROLE_PATH = '/portkey/'

export const MANAGED_TAG = 'portkey:managed'
export const APP_TAG = 'portkey:app'
export const STAGE_TAG = 'portkey:stage'
export const MOUNT_TAG = 'portkey:mount'
export const REGION_TAG = 'portkey:region'

// The route template is kept in the function's description rather than a tag: tag values may not
// contain `?`, `{` or `}` in every AWS service, and descriptions take any text up to 256 chars.
export const DESCRIPTION_PREFIX = 'Portkey mount '

// Lambda function names and IAM role names are both limited to 64 characters.
const NAME_LIMIT = 64

export interface MountNames {
  functionName: string
  roleName: string
  apiName: string
}

export function mountNames(app: string, stage: string, mount: string, region: string): MountNames {
  return {
    functionName: boundedName([app, stage, mount]),
    // Roles are global to the account while functions are regional, so the region is part of the
    // role name: the same mount in two regions must not share (and later delete) one role.
    roleName: boundedName([app, stage, mount, region]),
    apiName: `portkey-${app}-${stage}`,
  }
}

/** Joins parts with `-`; when too long, keeps a prefix and adds a hash of the whole so it stays unique. */
export function boundedName(parts: readonly string[], limit = NAME_LIMIT): string {
  const whole = parts.join('-')
  if (whole.length <= limit) return whole

  const hash = createHash('sha256').update(whole).digest('hex').slice(0, 8)
  return `${whole.slice(0, limit - hash.length - 1)}-${hash}`
}

export function mountTags(app: string, stage: string, mount: string, region: string) {
  return {
    [MANAGED_TAG]: 'true',
    [APP_TAG]: app,
    [STAGE_TAG]: stage,
    [MOUNT_TAG]: mount,
    [REGION_TAG]: region,
  }
}

export function apiTags(app: string, stage: string) {
  return { [MANAGED_TAG]: 'true', [APP_TAG]: app, [STAGE_TAG]: stage }
}

/** `aws`, or `aws-cn` / `aws-us-gov` for the regions that live in another partition. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn'
  if (region.startsWith('us-gov-')) return 'aws-us-gov'
  return 'aws'
}

export function managedPolicyArn(partition: string, policy: string): string {
  return `arn:${partition}:iam::aws:policy/service-role/${policy}`
}

export function integrationUri(region: string, partition: string, functionArn: string): string {
  return `arn:${partition}:apigateway:${region}:lambda:path/2015-03-31/functions/${functionArn}/invocations`
}

/**
 * The ARN API Gateway presents when it invokes the function for this route: any stage, any method,
 * this resource path with each `{param}` as `*`.
 */
export function invokeSourceArn(
  partition: string,
  region: string,
  account: string,
  apiId: string,
  segments: readonly string[],
): string {
  const path = segments.map((segment) => (segment.startsWith('{') ? '*' : segment)).join('/')
  return `arn:${partition}:execute-api:${region}:${account}:${apiId}/*/*/${path}`
}

export function permissionStatementId(apiId: string): string {
  return `portkey-apigateway-${apiId}`
}

// Known shortcoming: with an `endpoint` (an emulator) the URL is still AWS's public form; LocalStack
// serves the same route at {endpoint}/restapis/{apiId}/{stage}/_user_request_{path}, and Portkey
// does not rewrite it.
export function mountUrl(
  apiId: string,
  region: string,
  stage: string,
  resource: string,
  endpoint?: string,
): string {
  // LocalStack-style emulators serve every REST API under one host, with the API id, stage and
  // a fixed `_user_request_` marker in the path instead of in the host name.
  if (endpoint !== undefined) {
    return `${endpoint.replace(/\/+$/, '')}/restapis/${apiId}/${stage}/_user_request_${resource}`
  }
  const suffix = region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com'
  return `https://${apiId}.execute-api.${region}.${suffix}/${stage}${resource}`
}

/** The account id is the fifth field of any ARN: `arn:aws:lambda:REGION:ACCOUNT:function:NAME`. */
export function accountOf(arn: string): string {
  return arn.split(':')[4] ?? ''
}
