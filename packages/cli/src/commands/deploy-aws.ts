import { createAwsBackend, type AwsBackendOptions, type PlanStep } from '@portkey/backend-aws'
import { buildArtifact, mount } from '@portkey/core'
import type { FunctionSettings } from '../settings.js'
import { loadTarget } from '../target.js'

export interface AwsMountArgs {
  target: string
  route: string
  name?: string
  settings: FunctionSettings
  env: Record<string, string>
  region?: string
  profile?: string
  endpoint?: string
  dryRun: boolean
  json: boolean
}

/**
 * `portkey mount --backend aws`: deploys (or with --dry-run, only plans) and exits; the
 * endpoint keeps serving from AWS, so there is nothing to keep running here.
 */
export async function awsMountCommand(args: AwsMountArgs): Promise<number> {
  const { fn } = await loadTarget(args.target)
  const backend = createAwsBackend(awsOptions(args))
  if (args.dryRun) return planOnly(backend, fn, args)

  const mounted = await mount(fn, args.route, {
    backend,
    ...(args.name !== undefined && { name: args.name }),
    ...args.settings,
    environment: args.env,
    onProgress: (step) => process.stderr.write(`portkey: ${step}...\n`),
  })
  process.stderr.write(`portkey: ${mounted.change ?? 'deployed'} ${mounted.name} on AWS\n`)
  process.stdout.write(`${mounted.url}\n`)
  return 0
}

async function planOnly(
  backend: ReturnType<typeof createAwsBackend>,
  fn: Function,
  args: AwsMountArgs,
): Promise<number> {
  const { name, artifact } = await buildArtifact(fn, args.route, {
    ...(args.name !== undefined && { name: args.name }),
    pack: args.settings.pack,
  })
  const steps = await backend.plan({
    name,
    route: args.route,
    artifact,
    environment: args.env,
    ...(args.settings.timeoutSeconds !== undefined && {
      timeoutSeconds: args.settings.timeoutSeconds,
    }),
    ...(args.settings.memoryMb !== undefined && { memoryMb: args.settings.memoryMb }),
  })

  if (args.json) process.stdout.write(`${JSON.stringify(steps, null, 2)}\n`)
  else process.stdout.write(formatPlan(steps))
  process.stderr.write(`portkey: dry run for ${name}; nothing was changed\n`)
  return 0
}

function formatPlan(steps: PlanStep[]): string {
  const width = Math.max(...steps.map((s) => s.resource.length), 8)
  return steps
    .map((s) => {
      const why = s.detail ? `  (${s.detail})` : ''
      return `${s.action.padEnd(6)} ${s.resource.padEnd(width)} ${s.target}${why}\n`
    })
    .join('')
}

function awsOptions(args: AwsMountArgs): AwsBackendOptions {
  return {
    ...(args.region !== undefined && { region: args.region }),
    ...(args.profile !== undefined && { profile: args.profile }),
    ...(args.endpoint !== undefined && { endpoint: args.endpoint }),
    dryRun: args.dryRun,
  }
}
