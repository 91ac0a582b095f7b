/**
 * Lambda as far as Portkey uses it. Like the service, a new function is `Pending` and an update
 * `InProgress` until someone polls it (`settlePolls` polls later), and a change started while
 * another is running fails with ResourceConflictException.
 */
import { createHash } from 'node:crypto'
import { awsErrors } from './errors.js'
import type { FakeState } from './state.js'

export interface FakeStatement {
  Sid: string
  Effect: 'Allow'
  Principal: { Service: string }
  Action: string
  Resource: string
  Condition?: { ArnLike: { 'AWS:SourceArn': string } }
}

export interface FakeFunction {
  configuration: Record<string, any>
  tags: Record<string, string>
  zip: Uint8Array
  statements: FakeStatement[]
  /** Polls left before a Pending or InProgress state settles. */
  pollsLeft: number
}

type Input = Record<string, any>

const CONFIG_KEYS = [
  'Runtime',
  'Handler',
  'MemorySize',
  'Timeout',
  'Description',
  'Role',
  'Environment',
  'VpcConfig',
]

export function lambdaHandlers(state: FakeState) {
  const fn = (name: string) => {
    const found = state.functions.get(name)
    if (!found)
      throw awsErrors.lambdaNotFound(
        `Function not found: arn:aws:lambda:${state.region}:${state.account}:function:${name}`,
      )
    return found
  }
  const busy = (found: FakeFunction) => {
    const { State, LastUpdateStatus, FunctionArn } = found.configuration
    if (State === 'Pending' || LastUpdateStatus === 'InProgress')
      throw awsErrors.updateInProgress(FunctionArn)
  }
  const code = (input: Input): Uint8Array => {
    if (input.ZipFile) return input.ZipFile
    const object = state.objects.get(`${input.S3Bucket}/${input.S3Key}`)
    if (!object)
      throw awsErrors.lambdaInvalid(`Error occurred while GetObject. S3 Error Code: NoSuchKey.`)
    return object
  }

  return {
    GetFunction: (input: Input) => {
      const found = fn(input.FunctionName)
      settle(found)
      return { Configuration: { ...found.configuration }, Tags: { ...found.tags } }
    },
    CreateFunction: (input: Input) => {
      if (state.functions.has(input.FunctionName)) {
        throw awsErrors.lambdaConflict(`Function already exist: ${input.FunctionName}`)
      }
      if (![...state.roles.values()].some((role) => role.Arn === input.Role)) {
        throw awsErrors.rolePropagation()
      }
      const zip = code(input.Code ?? {})
      const configuration: Record<string, any> = {
        FunctionName: input.FunctionName,
        FunctionArn: `arn:aws:lambda:${state.region}:${state.account}:function:${input.FunctionName}`,
        Architectures: input.Architectures ?? ['x86_64'],
        CodeSha256: sha256(zip),
        CodeSize: zip.byteLength,
        State: 'Pending',
        LastUpdateStatus: 'Successful',
        Environment: { Variables: {} },
      }
      for (const key of CONFIG_KEYS) if (input[key] !== undefined) configuration[key] = input[key]
      state.functions.set(input.FunctionName, {
        configuration,
        tags: { ...input.Tags },
        zip,
        statements: [],
        pollsLeft: state.settlePolls,
      })
      return { ...configuration }
    },
    UpdateFunctionCode: (input: Input) => {
      const found = fn(input.FunctionName)
      busy(found)
      found.zip = code(input)
      Object.assign(found.configuration, {
        CodeSha256: sha256(found.zip),
        CodeSize: found.zip.byteLength,
        Architectures: input.Architectures ?? found.configuration.Architectures,
        LastUpdateStatus: 'InProgress',
      })
      found.pollsLeft = state.settlePolls
      return { ...found.configuration }
    },
    UpdateFunctionConfiguration: (input: Input) => {
      const found = fn(input.FunctionName)
      busy(found)
      for (const key of CONFIG_KEYS)
        if (input[key] !== undefined) found.configuration[key] = input[key]
      found.configuration.LastUpdateStatus = 'InProgress'
      found.pollsLeft = state.settlePolls
      return { ...found.configuration }
    },
    DeleteFunction: (input: Input) => {
      fn(input.FunctionName)
      state.functions.delete(input.FunctionName)
      return {}
    },
    ListFunctions: () => ({
      Functions: [...state.functions.values()].map((found) => ({ ...found.configuration })),
    }),
    ListTags: (input: Input) => {
      const name = String(input.Resource).split(':').at(-1) ?? ''
      return { Tags: { ...fn(name).tags } }
    },
    GetPolicy: (input: Input) => {
      const found = fn(input.FunctionName)
      if (found.statements.length === 0) {
        throw awsErrors.lambdaNotFound('The resource you requested does not exist.')
      }
      return { Policy: JSON.stringify({ Version: '2012-10-17', Statement: found.statements }) }
    },
    AddPermission: (input: Input) => {
      const found = fn(input.FunctionName)
      if (found.statements.some((statement) => statement.Sid === input.StatementId)) {
        throw awsErrors.lambdaConflict(
          `The statement id (${input.StatementId}) provided already exists. Please provide a new statement id, or remove the existing statement.`,
        )
      }
      const statement: FakeStatement = {
        Sid: input.StatementId,
        Effect: 'Allow',
        Principal: { Service: input.Principal },
        Action: input.Action,
        Resource: found.configuration.FunctionArn,
        ...(input.SourceArn && { Condition: { ArnLike: { 'AWS:SourceArn': input.SourceArn } } }),
      }
      found.statements.push(statement)
      return { Statement: JSON.stringify(statement) }
    },
    RemovePermission: (input: Input) => {
      const found = fn(input.FunctionName)
      if (!found.statements.some((statement) => statement.Sid === input.StatementId)) {
        throw awsErrors.lambdaNotFound('No policy is associated with the given resource.')
      }
      found.statements = found.statements.filter((statement) => statement.Sid !== input.StatementId)
      return {}
    },
  }
}

function settle(found: FakeFunction): void {
  const configuration = found.configuration
  const unsettled =
    configuration.State === 'Pending' || configuration.LastUpdateStatus === 'InProgress'
  if (!unsettled) return
  if (found.pollsLeft > 0) {
    found.pollsLeft -= 1
    return
  }
  configuration.State = 'Active'
  configuration.LastUpdateStatus = 'Successful'
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('base64')
}
