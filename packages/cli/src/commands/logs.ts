import { connectToServe } from '@portkey/backend-local'
import { CliError } from '../diagnostics.js'
import { stateDirOf } from '../state-dir.js'

export interface LogsArgs {
  name: string
  follow: boolean
  stateDir?: string
}

/** `portkey logs <name> [--follow]`: the lines the running server kept for one mount. */
export async function logsCommand(args: LogsArgs): Promise<number> {
  const stateDir = stateDirOf(args.stateDir)
  const client = await connectToServe(stateDir)
  if (client === null) {
    throw new CliError(
      `no \`portkey serve\` is running for ${stateDir}, and logs live in the server's memory`,
      'start `portkey serve` (in another terminal) and mount there; `portkey logs` then reads them',
    )
  }

  if (!args.follow) {
    for (const line of await client.logs(args.name)) process.stdout.write(`${line}\n`)
    return 0
  }
  const stop = new AbortController()
  const onSignal = () => stop.abort()
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  await client.followLogs(args.name, (line) => process.stdout.write(`${line}\n`), stop.signal)
  process.off('SIGINT', onSignal)
  process.off('SIGTERM', onSignal)
  return 0
}
