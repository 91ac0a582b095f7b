/**
 * The execution role: one per mount, under `/portkey/`, that only Lambda may assume and that may
 * only write its own logs (plus manage network interfaces when the function runs in a VPC).
 */
import type { Role } from '@aws-sdk/client-iam'
import { awsCallFailed, errorName, notPortkeyResource } from './diagnostics.js'
import { MANAGED_TAG, ROLE_PATH, managedPolicyArn } from './names.js'
import { type AwsSession, isNotFound } from './session.js'
import type { PlanStep } from './types.js'

export const TRUST_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Service: 'lambda.amazonaws.com' },
      Action: 'sts:AssumeRole',
    },
  ],
})

export interface RoleState {
  arn: string
  attached: string[]
}

export function requiredPolicies(session: AwsSession): string[] {
  const policies = [managedPolicyArn(session.partition, 'AWSLambdaBasicExecutionRole')]
  if (session.options.vpc) {
    policies.push(managedPolicyArn(session.partition, 'AWSLambdaVPCAccessExecutionRole'))
  }
  return policies
}

/** The role and its attached policies, or undefined when it does not exist. */
export async function observeRole(session: AwsSession, roleName: string) {
  const { iam, sdk } = session
  const found = await session.attempt(
    'iam:GetRole',
    roleName,
    () => iam.send(new sdk.iam.GetRoleCommand({ RoleName: roleName })),
    isNotFound,
  )
  if (!found?.Role) return undefined
  checkManaged(found.Role, roleName)

  const attached = await listAttached(session, roleName)
  return { arn: found.Role.Arn ?? '', attached }
}

function checkManaged(role: Role, roleName: string): void {
  const managed = role.Tags?.some((tag) => tag.Key === MANAGED_TAG && tag.Value === 'true')
  if (!managed || role.Path !== ROLE_PATH) throw notPortkeyResource('IAM role', roleName)
}

async function listAttached(session: AwsSession, roleName: string): Promise<string[]> {
  const { iam, sdk } = session
  const arns: string[] = []
  let marker: string | undefined
  do {
    const page = await session.call('iam:ListAttachedRolePolicies', roleName, () =>
      iam.send(new sdk.iam.ListAttachedRolePoliciesCommand({ RoleName: roleName, Marker: marker })),
    )
    for (const policy of page.AttachedPolicies ?? []) arns.push(policy.PolicyArn ?? '')
    marker = page.IsTruncated ? page.Marker : undefined
  } while (marker)
  return arns
}

export function planRole(session: AwsSession, roleName: string, state: RoleState | undefined) {
  const steps: PlanStep[] = []
  steps.push({ action: state ? 'skip' : 'create', resource: 'role', target: roleName })
  for (const policy of requiredPolicies(session)) {
    const attached = state?.attached.includes(policy) ?? false
    steps.push({ action: attached ? 'skip' : 'create', resource: 'role-policy', target: policy })
  }
  return steps
}

/** Gets or creates the role and attaches what it lacks; returns its ARN and whether it is new. */
export async function ensureRole(
  session: AwsSession,
  roleName: string,
  tags: Record<string, string>,
): Promise<{ arn: string; created: boolean }> {
  let state = await observeRole(session, roleName)
  const created = state === undefined
  if (!state) state = await createRole(session, roleName, tags)

  for (const policy of requiredPolicies(session)) {
    if (!state.attached.includes(policy)) await attachPolicy(session, roleName, policy)
  }
  return { arn: state.arn, created }
}

async function createRole(session: AwsSession, roleName: string, tags: Record<string, string>) {
  const { iam, sdk } = session
  session.options.log(`Creating IAM role ${ROLE_PATH}${roleName}`)
  const made = await session.attempt(
    'iam:CreateRole',
    roleName,
    () =>
      iam.send(
        new sdk.iam.CreateRoleCommand({
          RoleName: roleName,
          Path: ROLE_PATH,
          AssumeRolePolicyDocument: TRUST_POLICY,
          Description: 'Execution role of a Portkey mount: CloudWatch Logs only.',
          Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
        }),
      ),
    // A retried request whose first try did reach IAM finds the role already there.
    (error) => errorName(error) === 'EntityAlreadyExistsException',
  )
  if (made?.Role) return { arn: made.Role.Arn ?? '', attached: [] }

  const existing = await observeRole(session, roleName)
  if (!existing)
    throw awsCallFailed('iam:GetRole', roleName, 'IAM said the role exists, then that it does not')
  return existing
}

async function attachPolicy(session: AwsSession, roleName: string, policyArn: string) {
  const { iam, sdk } = session
  await session.call('iam:AttachRolePolicy', roleName, () =>
    iam.send(new sdk.iam.AttachRolePolicyCommand({ RoleName: roleName, PolicyArn: policyArn })),
  )
}

/** Detaches every policy (IAM refuses to delete a role that has any), then deletes the role. */
export async function deleteRole(session: AwsSession, roleName: string): Promise<boolean> {
  const { iam, sdk } = session
  const state = await observeRole(session, roleName)
  if (!state) return false

  for (const policyArn of state.attached) {
    await session.attempt(
      'iam:DetachRolePolicy',
      roleName,
      () =>
        iam.send(new sdk.iam.DetachRolePolicyCommand({ RoleName: roleName, PolicyArn: policyArn })),
      isNotFound,
    )
  }
  await session.attempt(
    'iam:DeleteRole',
    roleName,
    () => iam.send(new sdk.iam.DeleteRoleCommand({ RoleName: roleName })),
    isNotFound,
  )
  return true
}
