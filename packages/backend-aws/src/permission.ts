/**
 * The statement in the function's resource policy that lets API Gateway invoke it, scoped with
 * `SourceArn` to this API and this route, so no other API can call the function.
 */
import { errorName, errorText } from './diagnostics.js'
import { permissionStatementId } from './names.js'
import { type AwsSession, isNotFound } from './session.js'

interface PolicyStatement {
  Sid?: string
  Condition?: { ArnLike?: Record<string, string> }
}

/** The SourceArn of the function's statement for this API, or undefined when there is none. */
export async function observePermission(session: AwsSession, functionName: string, apiId: string) {
  const { lambda, sdk } = session
  const policy = await session.attempt(
    'lambda:GetPolicy',
    functionName,
    () => lambda.send(new sdk.lambda.GetPolicyCommand({ FunctionName: functionName })),
    isNotFound,
  )
  const document = JSON.parse(policy?.Policy ?? '{}') as { Statement?: PolicyStatement[] }
  const sid = permissionStatementId(apiId)
  const statement = document.Statement?.find((candidate) => candidate.Sid === sid)
  if (!statement) return undefined
  return statement.Condition?.ArnLike?.['AWS:SourceArn'] ?? ''
}

/** Adds (or replaces, when the route moved) the statement; returns true if anything changed. */
export async function ensurePermission(
  session: AwsSession,
  functionName: string,
  apiId: string,
  sourceArn: string,
): Promise<boolean> {
  const current = await observePermission(session, functionName, apiId)
  if (current === sourceArn) return false
  if (current !== undefined) await removePermission(session, functionName, apiId)

  const { lambda, sdk } = session
  await session.attempt(
    'lambda:AddPermission',
    functionName,
    () =>
      lambda.send(
        new sdk.lambda.AddPermissionCommand({
          FunctionName: functionName,
          StatementId: permissionStatementId(apiId),
          Action: 'lambda:InvokeFunction',
          Principal: 'apigateway.amazonaws.com',
          SourceArn: sourceArn,
        }),
      ),
    // The statement exists already: a retried request whose first try got through.
    (error) =>
      errorName(error) === 'ResourceConflictException' && /already exists/i.test(errorText(error)),
    { retry: ['throttling', 'network', 'conflict'] },
  )
  return true
}

export async function removePermission(session: AwsSession, functionName: string, apiId: string) {
  const { lambda, sdk } = session
  await session.attempt(
    'lambda:RemovePermission',
    functionName,
    () =>
      lambda.send(
        new sdk.lambda.RemovePermissionCommand({
          FunctionName: functionName,
          StatementId: permissionStatementId(apiId),
        }),
      ),
    isNotFound,
    { retry: ['throttling', 'network', 'conflict'] },
  )
}
