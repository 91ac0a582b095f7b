import { createRequire } from 'node:module'
import { parseArgs } from 'node:util'
import { awsMountCommand } from './commands/deploy-aws.js'
import { mountCommand, parseEnvironment } from './commands/mount.js'
import { inspectCommand } from './commands/inspect.js'
import { packCommand } from './commands/pack.js'
import { lsCommand } from './commands/ls.js'
import { logsCommand } from './commands/logs.js'
import { rmCommand } from './commands/rm.js'
import { serveCommand } from './commands/serve.js'
import { CliError, reportError } from './diagnostics.js'
import { HELP } from './help.js'
import { functionSettings } from './settings.js'

const OPTIONS = {
  help: { type: 'boolean', short: 'h', default: false },
  version: { type: 'boolean', short: 'v', default: false },
  json: { type: 'boolean', default: false },
  name: { type: 'string' },
  port: { type: 'string' },
  'state-dir': { type: 'string' },
  timeout: { type: 'string' },
  memory: { type: 'string' },
  'allow-native-addons': { type: 'boolean' },
  env: { type: 'string', multiple: true },
  route: { type: 'string' },
  out: { type: 'string', short: 'o' },
  backend: { type: 'string' },
  region: { type: 'string' },
  profile: { type: 'string' },
  endpoint: { type: 'string' },
  'dry-run': { type: 'boolean' },
  runtime: { type: 'string' },
  minify: { type: 'boolean' },
  external: { type: 'string', multiple: true },
  host: { type: 'string' },
  all: { type: 'boolean', default: false },
  follow: { type: 'boolean', short: 'f', default: false },
} as const

/** Runs the CLI with the given arguments and resolves to the process exit code. */
export async function main(argv: string[]): Promise<number> {
  try {
    return await dispatch(argv)
  } catch (error: unknown) {
    reportError(error)
    return 1
  }
}

async function dispatch(argv: string[]): Promise<number> {
  const { values, positionals } = parseArguments(argv)
  const [command, ...rest] = positionals

  if (values.version) return printVersion()
  if (values.help || command === undefined || command === 'help') {
    process.stdout.write(HELP)
    return command === undefined && !values.help ? 1 : 0
  }

  if (command === 'mount') return dispatchMount(values, rest)
  if (command === 'inspect') {
    const [target = ''] = expectPositionals('inspect', rest, ['<file>#<export>'])
    return inspectCommand({ target, json: values.json === true })
  }
  if (command === 'pack') {
    const [target = ''] = expectPositionals('pack', rest, ['<file>#<export>'])
    return packCommand({ ...values, target, json: values.json === true })
  }
  const served = dispatchServed(command, values, rest)
  if (served !== null) return served
  throw new CliError(`unknown command "${command}"`, 'run `portkey --help` for the commands')
}

/** The commands that work with `portkey serve` and the state directory (and AWS for ls/rm). */
function dispatchServed(
  command: string,
  values: ParsedArguments['values'],
  rest: string[],
): Promise<number> | null {
  const stateDir = values['state-dir']
  const aws = { region: values.region, profile: values.profile, endpoint: values.endpoint }
  const backend = values.backend ?? 'local'
  if (backend !== 'local' && backend !== 'aws') {
    throw new CliError(`unknown backend "${backend}"`, 'use --backend local (default) or aws')
  }
  switch (command) {
    case 'serve':
      expectPositionals('serve', rest, [])
      return serveCommand({ port: values.port, host: values.host, stateDir })
    case 'ls':
      expectPositionals('ls', rest, [])
      return lsCommand({ ...aws, backend, stateDir, json: values.json === true })
    case 'rm':
      return rmCommand({ ...aws, names: rest, all: values.all === true, backend, stateDir })
    case 'logs': {
      const [name = ''] = expectPositionals('logs', rest, ['<name>'])
      return logsCommand({ name, follow: values.follow === true, stateDir })
    }
  }
  return null
}

function dispatchMount(values: ParsedArguments['values'], rest: string[]): Promise<number> {
  const names = ['<file>#<export>', '<route>']
  const [target = '', route = ''] = expectPositionals('mount', rest, names)
  const backend = values.backend ?? 'local'
  const common = { target, route, name: values.name, settings: functionSettings(values) }

  if (backend === 'aws') {
    return awsMountCommand({
      ...common,
      env: parseEnvironment(values.env ?? []),
      region: values.region,
      profile: values.profile,
      endpoint: values.endpoint,
      dryRun: values['dry-run'] === true,
      json: values.json === true,
    })
  }
  if (backend !== 'local') {
    throw new CliError(`unknown backend "${backend}"`, 'use --backend local (default) or aws')
  }
  if (values['dry-run']) {
    throw new CliError('--dry-run applies only to --backend aws', 'leave it out for local mounts')
  }
  return mountCommand({
    ...common,
    port: values.port,
    stateDir: values['state-dir'],
    env: values.env ?? [],
  })
}

interface ParsedArguments {
  values: {
    help?: boolean
    version?: boolean
    json?: boolean
    name?: string
    port?: string
    'state-dir'?: string
    timeout?: string
    memory?: string
    'allow-native-addons'?: boolean
    env?: string[]
    route?: string
    out?: string
    backend?: string
    region?: string
    profile?: string
    endpoint?: string
    'dry-run'?: boolean
    runtime?: string
    minify?: boolean
    external?: string[]
    host?: string
    all?: boolean
    follow?: boolean
  }
  positionals: string[]
}

function parseArguments(argv: string[]): ParsedArguments {
  try {
    return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true }) as ParsedArguments
  } catch (error: unknown) {
    const message = error instanceof Error ? error.message : String(error)
    throw new CliError(message, 'run `portkey --help` for the options')
  }
}

function expectPositionals(command: string, given: string[], names: string[]): string[] {
  if (given.length === names.length) return given
  throw new CliError(
    `\`portkey ${command}\` takes ${names.join(' ')}, got ${given.length} argument(s)`,
    `usage: portkey ${command} ${names.join(' ')} [options]`,
  )
}

function printVersion(): number {
  const pkg = createRequire(import.meta.url)('../package.json') as { version: string }
  process.stdout.write(`${pkg.version}\n`)
  return 0
}
