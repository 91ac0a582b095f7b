import { connectToServe, MountStore } from '@portkey/backend-local'
import { CliError } from '../diagnostics.js'
import { stateDirOf } from '../state-dir.js'
import { awsBackend, type AwsTargetArgs } from './aws-target.js'

export interface RmArgs extends AwsTargetArgs {
  names: string[]
  all: boolean
  backend: string
  stateDir?: string
}

/**
 * `portkey rm <name>... | --all`: removes mounts from the running server, or forgets them in
 * the state directory when none runs, or with `--backend aws` deletes them from AWS.
 */
export async function rmCommand(args: RmArgs): Promise<number> {
  checkTargets(args)
  if (args.backend === 'aws') return rmAws(args)

  const stateDir = stateDirOf(args.stateDir)
  const client = await connectToServe(stateDir)
  const store = new MountStore(stateDir)
  const known = client !== null ? (await client.list()).map((d) => d.name) : await recorded(store)
  const names = args.all ? known : args.names
  for (const name of names) {
    if (!known.includes(name)) {
      throw new CliError(
        `no mount named '${name}' in ${stateDir}`,
        'run `portkey ls` to see the mounts',
      )
    }
    if (client !== null) await client.remove(name)
    else await store.delete(name)
    process.stderr.write(`portkey: removed ${name}\n`)
  }
  process.stderr.write(
    `portkey: removed ${names.length} mount(s)${client === null ? ' (no server was running)' : ''}\n`,
  )
  return 0
}

async function rmAws(args: RmArgs): Promise<number> {
  const backend = awsBackend(args)
  const removed = args.all ? await backend.removeAll() : args.names
  if (!args.all) for (const name of args.names) await backend.remove(name)
  for (const name of removed) process.stderr.write(`portkey: removed ${name} from AWS\n`)
  process.stderr.write(`portkey: removed ${removed.length} item(s) from AWS\n`)
  return 0
}

async function recorded(store: MountStore): Promise<string[]> {
  return (await store.records()).map(({ name }) => name)
}

function checkTargets(args: RmArgs): void {
  if (args.all && args.names.length > 0) {
    throw new CliError('give mount names or --all, not both', 'usage: portkey rm <name>... | --all')
  }
  if (!args.all && args.names.length === 0) {
    throw new CliError(
      '`portkey rm` needs a mount name or --all',
      'usage: portkey rm <name>... | --all',
    )
  }
}
