import { createLocalBackend } from '@portkey/backend-local'
import { mount } from '@portkey/core'
import { CliError } from '../diagnostics.js'
import { loadTarget } from '../target.js'

export interface MountArgs {
  target: string
  route: string
  name?: string
  port?: string
  stateDir?: string
  timeout?: string
  env: string[]
}

/** `portkey mount`: mounts on a local gateway and serves until SIGINT or SIGTERM. */
export async function mountCommand(args: MountArgs): Promise<number> {
  const { fn, exportName } = await loadTarget(args.target)
  const backend = createLocalBackend({
    ...(args.port !== undefined && { port: parsePort(args.port) }),
    ...(args.stateDir !== undefined && { stateDir: args.stateDir }),
  })

  const started = Date.now()
  const mounted = await mount(fn, args.route, {
    backend,
    ...(args.name !== undefined && { name: args.name }),
    ...(args.timeout !== undefined && { timeoutSeconds: Number(args.timeout) }),
    environment: parseEnvironment(args.env),
    onProgress: (step) => process.stderr.write(`portkey: ${step} ${exportName}...\n`),
  })

  process.stderr.write(
    `portkey: mounted ${mounted.name} (${mounted.artifactSize} bytes) in ${Date.now() - started} ms; Ctrl-C stops\n`,
  )
  process.stdout.write(`${mounted.url}\n`)

  await untilStopped()
  await backend.dispose?.()
  return 0
}

function untilStopped(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.stderr.write('portkey: stopping\n')
      resolve()
    }
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  })
}

function parsePort(text: string): number {
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
