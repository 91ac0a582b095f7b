import { startServe } from '@portkey/backend-local'
import { isLoopback, stateDirOf } from '../state-dir.js'
import { parsePort, untilStopped } from './mount.js'

export interface ServeArgs {
  port?: string
  host?: string
  stateDir?: string
}

/**
 * `portkey serve`: the long-running gateway. Restores every mount recorded in the state
 * directory, then takes mounts, removals and log requests from other `portkey` commands.
 */
export async function serveCommand(args: ServeArgs): Promise<number> {
  const host = args.host ?? '127.0.0.1'
  if (!isLoopback(host)) {
    process.stderr.write(
      `portkey: warning: listening on ${host}; every mounted function is reachable from the network, without authentication\n`,
    )
  }

  const started = Date.now()
  const server = await startServe({
    stateDir: stateDirOf(args.stateDir),
    host,
    ...(args.port !== undefined && { port: parsePort(args.port) }),
  })
  for (const { name, error } of server.restored.failed) {
    process.stderr.write(`portkey: could not restore ${name}: ${error.code}: ${error.message}\n`)
  }
  for (const deployment of server.restored.restored) {
    process.stderr.write(`portkey: restored ${deployment.name} at ${deployment.url}\n`)
  }
  process.stderr.write(
    `portkey: serving ${server.restored.restored.length} mount(s) from ${server.stateDir} in ${Date.now() - started} ms; Ctrl-C stops\n`,
  )
  process.stdout.write(`${server.gatewayUrl}\n`)

  await untilStopped()
  await server.close()
  return 0
}
