import {
  connectToServe,
  createLocalBackend,
  type LocalBackend,
  type ServeClient,
} from '@portkey/backend-local'
import { mount } from '@portkey/core'
import { CliError } from '../diagnostics.js'
import type { FunctionSettings } from '../settings.js'
import { stateDirOf } from '../state-dir.js'
import { loadTarget } from '../target.js'

export interface MountArgs {
  target: string
  route: string
  name?: string
  port?: string
  stateDir?: string
  env: string[]
  settings: FunctionSettings
}

/**
 * `portkey mount`: hands the function to the running `portkey serve` for this state directory
 * and exits; with no server running, mounts on a gateway of its own and serves until SIGINT or
 * SIGTERM.
 */
export async function mountCommand(args: MountArgs): Promise<number> {
  const { fn, exportName } = await loadTarget(args.target)
  const server = await connectToServe(stateDirOf(args.stateDir))
  if (server !== null) return mountOnServer(server, fn, exportName, args)

  const backend = createLocalBackend({
    ...(args.port !== undefined && { port: parsePort(args.port) }),
    stateDir: stateDirOf(args.stateDir),
  })

  try {
    await serveInForeground(backend, fn, exportName, args)
  } finally {
    // Also after a failed mount, so a gateway that never served does not keep the process up.
    await backend.dispose()
  }
  return 0
}

async function serveInForeground(
  backend: LocalBackend,
  fn: Function,
  exportName: string,
  args: MountArgs,
): Promise<void> {
  const started = Date.now()
  const mounted = await mount(fn, args.route, {
    backend,
    ...(args.name !== undefined && { name: args.name }),
    ...args.settings,
    environment: parseEnvironment(args.env),
    onProgress: (step) => process.stderr.write(`portkey: ${step} ${exportName}...\n`),
  })

  process.stderr.write(
    `portkey: mounted ${mounted.name} (${mounted.artifactSize} bytes) in ${Date.now() - started} ms; Ctrl-C stops\n`,
  )
  process.stdout.write(`${mounted.url}\n`)

  // In the foreground the function's own output (console lines, the stacks behind 500s) is
  // shown as it happens, the way a local dev server would.
  const stopLogs = backend.followLogs(mounted.name, (line) => process.stderr.write(`${line}\n`))
  await untilStopped()
  stopLogs()
}

async function mountOnServer(
  server: ServeClient,
  fn: Function,
  exportName: string,
  args: MountArgs,
): Promise<number> {
  if (args.port !== undefined) {
    process.stderr.write(
      `portkey: --port ignored; the running server listens at ${server.gatewayUrl}\n`,
    )
  }
  const started = Date.now()
  const mounted = await mount(fn, args.route, {
    backend: server,
    ...(args.name !== undefined && { name: args.name }),
    ...args.settings,
    environment: parseEnvironment(args.env),
    onProgress: (step) => process.stderr.write(`portkey: ${step} ${exportName}...\n`),
  })
  process.stderr.write(
    `portkey: ${mounted.change ?? 'mounted'} ${mounted.name} (${mounted.artifactSize} bytes) on the server (pid ${server.pid}) in ${Date.now() - started} ms\n`,
  )
  process.stdout.write(`${mounted.url}\n`)
  return 0
}

export function untilStopped(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.stderr.write('portkey: stopping\n')
      resolve()
    }
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  })
}

export function parsePort(text: string): number {
  const port = Number(text)
  if (Number.isInteger(port) && port >= 0 && port <= 65_535) return port
  throw new CliError(`--port ${text} is not a port number`, 'use an integer from 0 to 65535')
}

export function parseEnvironment(pairs: string[]): Record<string, string> {
  const environment: Record<string, string> = {}
  for (const pair of pairs) {
    const eq = pair.indexOf('=')
    if (eq <= 0) throw new CliError(`--env ${pair} is not KEY=VALUE`, 'write it as --env KEY=VALUE')
    environment[pair.slice(0, eq)] = pair.slice(eq + 1)
  }
  return environment
}
