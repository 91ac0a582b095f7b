import { createAwsBackend, type AwsBackend } from '@portkey/backend-aws'

/** The options that say which AWS account, region and emulator a command talks to. */
export interface AwsTargetArgs {
  region?: string
  profile?: string
  endpoint?: string
}

export function awsBackend(args: AwsTargetArgs): AwsBackend {
  return createAwsBackend({
    ...(args.region !== undefined && { region: args.region }),
    ...(args.profile !== undefined && { profile: args.profile }),
    ...(args.endpoint !== undefined && { endpoint: args.endpoint }),
  })
}
