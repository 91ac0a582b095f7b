/** The configuration a mount's function should have, and what differs from what it has. */
import type { FunctionConfiguration } from '@aws-sdk/client-lambda'
import type { DeployInput } from '@portkey/backend'
import { DESCRIPTION_PREFIX } from './names.js'
import type { ResolvedAwsBackendOptions } from './types.js'

// Lambda's own defaults, used when the deploy input leaves them out.
const DEFAULT_MEMORY_MB = 128
const DEFAULT_TIMEOUT_SECONDS = 3

export interface DesiredConfig {
  Runtime: ResolvedAwsBackendOptions['runtime']
  Handler: string
  MemorySize: number
  Timeout: number
  Description: string
  Role: string
  Environment: { Variables: Record<string, string> }
  VpcConfig: { SubnetIds: string[]; SecurityGroupIds: string[] }
}

export function desiredConfig(
  options: ResolvedAwsBackendOptions,
  input: DeployInput,
  roleArn: string,
): DesiredConfig {
  return {
    Runtime: options.runtime,
    Handler: input.artifact.handler,
    MemorySize: input.memoryMb ?? DEFAULT_MEMORY_MB,
    Timeout: input.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS,
    // Carries the route template, which list() reads back (see names.ts for why not a tag).
    Description: `${DESCRIPTION_PREFIX}${input.route}`,
    Role: roleArn,
    Environment: { Variables: { ...input.environment } },
    VpcConfig: {
      SubnetIds: options.vpc?.subnetIds ?? [],
      SecurityGroupIds: options.vpc?.securityGroupIds ?? [],
    },
  }
}

/** Names of the settings that differ; empty when the function already matches. */
export function configDifferences(current: FunctionConfiguration, desired: DesiredConfig) {
  const differences: string[] = []
  const scalars = ['Runtime', 'Handler', 'MemorySize', 'Timeout', 'Description', 'Role'] as const
  for (const key of scalars) {
    if ((current[key] ?? '') !== desired[key]) differences.push(key)
  }

  const variables = current.Environment?.Variables ?? {}
  if (!sameRecord(variables, desired.Environment.Variables)) differences.push('Environment')

  const vpc = current.VpcConfig
  const sameVpc =
    sameSet(vpc?.SubnetIds ?? [], desired.VpcConfig.SubnetIds) &&
    sameSet(vpc?.SecurityGroupIds ?? [], desired.VpcConfig.SecurityGroupIds)
  if (!sameVpc) differences.push('VpcConfig')
  return differences
}

function sameRecord(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a)
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key])
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const sorted = (list: readonly string[]) => [...list].sort().join('\n')
  return sorted(a) === sorted(b)
}

/** The route template a function was deployed for, read back from its description. */
export function routeOfFunction(configuration: FunctionConfiguration): string | undefined {
  const description = configuration.Description ?? ''
  return description.startsWith(DESCRIPTION_PREFIX)
    ? description.slice(DESCRIPTION_PREFIX.length)
    : undefined
}
