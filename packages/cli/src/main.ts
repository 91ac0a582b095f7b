import { createRequire } from 'node:module'
import { parseArgs } from 'node:util'
import { mountCommand } from './commands/mount.js'
import { packCommand } from './commands/pack.js'
import { CliError, reportError } from './diagnostics.js'
import { HELP } from './help.js'

const OPTIONS = {
  help: { type: 'boolean', short: 'h', default: false },
  version: { type: 'boolean', short: 'v', default: false },
  json: { type: 'boolean', default: false },
  name: { type: 'string' },
  port: { type: 'string' },
  'state-dir': { type: 'string' },
  timeout: { type: 'string' },
  env: { type: 'string', multiple: true },
  route: { type: 'string' },
  out: { type: 'string', short: 'o' },
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

  if (command === 'mount') {
    const [target = '', route = ''] = expectPositionals('mount', rest, [
      '<file>#<export>',
      '<route>',
    ])
    return mountCommand({
      target,
      route,
      name: values.name,
      port: values.port,
      stateDir: values['state-dir'],
      timeout: values.timeout,
      env: values.env ?? [],
    })
  }
  if (command === 'pack') {
    const [target = ''] = expectPositionals('pack', rest, ['<file>#<export>'])
    return packCommand({ target, route: values.route, out: values.out, json: values.json === true })
  }
  throw new CliError(`unknown command "${command}"`, 'run `portkey --help` for the commands')
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
    env?: string[]
    route?: string
    out?: string
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
