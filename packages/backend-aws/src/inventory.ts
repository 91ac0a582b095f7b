/**
 * Finding what Portkey made: functions by their role path and tags, APIs and roles by tags. Used
 * by `list` (one app and stage) and `removeAll` (everything in the region).
 */
import type { FunctionConfiguration } from '@aws-sdk/client-lambda'
import type { Deployment } from '@portkey/backend'
import { routeOfFunction } from './function-config.js'
import {
  APP_TAG,
  MANAGED_TAG,
  MOUNT_TAG,
  REGION_TAG,
  ROLE_PATH,
  STAGE_TAG,
  mountUrl,
} from './names.js'
import { deleteApi, findApi, findPortkeyApis } from './rest-api.js'
import { deleteRole } from './role.js'
import { routePath } from './route.js'
import { removeMount } from './remove.js'
import { type AwsSession, openScopedSession } from './session.js'

export interface PortkeyFunction {
  configuration: FunctionConfiguration
  tags: Record<string, string>
}

/** Portkey's functions in the region: those whose role sits under `/portkey/` and that carry our tag. */
export async function listPortkeyFunctions(session: AwsSession): Promise<PortkeyFunction[]> {
  const found: PortkeyFunction[] = []
  for (const configuration of await listFunctions(session)) {
    // ListFunctions returns no tags; the role path narrows the candidates before asking for them.
    if (!configuration.Role?.includes(`:role${ROLE_PATH}`)) continue
    const tags = await tagsOf(session, configuration.FunctionArn ?? '')
    if (tags[MANAGED_TAG] === 'true') found.push({ configuration, tags })
  }
  return found
}

async function listFunctions(session: AwsSession): Promise<FunctionConfiguration[]> {
  const { lambda, sdk } = session
  const functions: FunctionConfiguration[] = []
  let marker: string | undefined
  do {
    const page = await session.call('lambda:ListFunctions', session.region, () =>
      lambda.send(new sdk.lambda.ListFunctionsCommand({ Marker: marker })),
    )
    functions.push(...(page.Functions ?? []))
    marker = page.NextMarker
  } while (marker)
  return functions
}

async function tagsOf(session: AwsSession, arn: string): Promise<Record<string, string>> {
  const { lambda, sdk } = session
  const answer = await session.call('lambda:ListTags', arn, () =>
    lambda.send(new sdk.lambda.ListTagsCommand({ Resource: arn })),
  )
  return answer.Tags ?? {}
}

export async function listMounts(session: AwsSession): Promise<Deployment[]> {
  const { app, stage } = session.options
  const mine = (await listPortkeyFunctions(session)).filter(
    ({ tags }) => tags[APP_TAG] === app && tags[STAGE_TAG] === stage,
  )
  if (mine.length === 0) return []

  const api = await findApi(session)
  return mine.map(({ configuration, tags }) => {
    const route = routeOfFunction(configuration) ?? '/'
    const url = api?.id
      ? mountUrl(api.id, session.region, stage, routePath(route).resource, session.options.endpoint)
      : ''
    const name = tags[MOUNT_TAG] ?? configuration.FunctionName ?? ''
    return { name, route, url, sha256: configuration.CodeSha256 ?? '', backend: 'aws' }
  })
}

/** Removes every mount of every app and stage in the region, then any API or role left over. */
export async function removeEverything(session: AwsSession): Promise<string[]> {
  const removed: string[] = []
  for (const { configuration, tags } of await listPortkeyFunctions(session)) {
    const scoped = openScopedSession(session, tags[APP_TAG] ?? '', tags[STAGE_TAG] ?? '')
    await removeMount(scoped, tags[MOUNT_TAG] ?? '')
    removed.push(`function ${configuration.FunctionName ?? ''}`)
  }

  for (const api of await findPortkeyApis(session)) {
    await deleteApi(session, api.id ?? '')
    removed.push(`rest-api ${api.id ?? ''}`)
  }
  for (const roleName of await leftoverRoles(session)) {
    await deleteRole(session, roleName)
    removed.push(`role ${roleName}`)
  }
  return removed
}

/** Roles under `/portkey/` made for this region (roles are global, other regions keep theirs). */
async function leftoverRoles(session: AwsSession): Promise<string[]> {
  const { iam, sdk } = session
  const names: string[] = []
  let marker: string | undefined
  do {
    const page = await session.call('iam:ListRoles', ROLE_PATH, () =>
      iam.send(new sdk.iam.ListRolesCommand({ PathPrefix: ROLE_PATH, Marker: marker })),
    )
    for (const role of page.Roles ?? []) names.push(role.RoleName ?? '')
    marker = page.IsTruncated ? page.Marker : undefined
  } while (marker)

  const mine: string[] = []
  for (const roleName of names) {
    const answer = await session.call('iam:GetRole', roleName, () =>
      iam.send(new sdk.iam.GetRoleCommand({ RoleName: roleName })),
    )
    const tags = new Map((answer.Role?.Tags ?? []).map((tag) => [tag.Key, tag.Value]))
    if (tags.get(MANAGED_TAG) === 'true' && tags.get(REGION_TAG) === session.region)
      mine.push(roleName)
  }
  return mine
}
