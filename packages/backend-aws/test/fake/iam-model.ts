/** IAM as far as Portkey uses it: roles with a path, tags, a trust policy and managed policies. */
import type { FakeState } from './state.js'
import { awsErrors } from './errors.js'

export interface FakeRole {
  RoleName: string
  Path: string
  Arn: string
  AssumeRolePolicyDocument: string
  Tags: { Key: string; Value: string }[]
  attached: string[]
}

type Input = Record<string, any>

export function iamHandlers(state: FakeState) {
  const role = (name: string) => {
    const found = state.roles.get(name)
    if (!found) throw awsErrors.iamNotFound(`The role with name ${name} cannot be found.`)
    return found
  }
  const view = (found: FakeRole) => {
    const { attached: _attached, ...rest } = found
    return rest
  }

  return {
    GetRole: (input: Input) => ({ Role: view(role(input.RoleName)) }),
    CreateRole: (input: Input) => {
      if (state.roles.has(input.RoleName)) {
        throw awsErrors.iamExists(`Role with name ${input.RoleName} already exists.`)
      }
      const made: FakeRole = {
        RoleName: input.RoleName,
        Path: input.Path ?? '/',
        Arn: `arn:aws:iam::${state.account}:role${input.Path ?? '/'}${input.RoleName}`,
        AssumeRolePolicyDocument: input.AssumeRolePolicyDocument,
        Tags: input.Tags ?? [],
        attached: [],
      }
      state.roles.set(made.RoleName, made)
      return { Role: view(made) }
    },
    AttachRolePolicy: (input: Input) => {
      const found = role(input.RoleName)
      if (!found.attached.includes(input.PolicyArn)) found.attached.push(input.PolicyArn)
      return {}
    },
    ListAttachedRolePolicies: (input: Input) => ({
      AttachedPolicies: role(input.RoleName).attached.map((PolicyArn) => ({ PolicyArn })),
      IsTruncated: false,
    }),
    DetachRolePolicy: (input: Input) => {
      const found = role(input.RoleName)
      if (!found.attached.includes(input.PolicyArn)) {
        throw awsErrors.iamNotFound(`Policy ${input.PolicyArn} was not found.`)
      }
      found.attached = found.attached.filter((arn) => arn !== input.PolicyArn)
      return {}
    },
    DeleteRole: (input: Input) => {
      const found = role(input.RoleName)
      if (found.attached.length > 0) {
        throw awsErrors.iamDeleteConflict('Cannot delete entity, must detach all policies first.')
      }
      state.roles.delete(input.RoleName)
      return {}
    },
    ListRoles: (input: Input) => ({
      Roles: [...state.roles.values()]
        .filter((found) => found.Path.startsWith(input.PathPrefix ?? '/'))
        .map(({ RoleName, Path, Arn }) => ({ RoleName, Path, Arn })),
      IsTruncated: false,
    }),
  }
}
