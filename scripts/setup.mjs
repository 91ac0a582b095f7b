// Makes a fresh clone usable: installs pnpm 10 when it is missing (pnpm 11 does not run on
// Node 20), installs the workspace from the lockfile, and builds every package with turbo.
// Safe to run again: each step is skipped or cheap when already done.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const PNPM = 'pnpm@10.34.9'

// Turbo must never try to reach its telemetry or remote cache hosts from here.
process.env.TURBO_TELEMETRY_DISABLED = '1'
process.env.TURBO_NO_UPDATE_NOTIFIER = '1'
process.env.DO_NOT_TRACK = '1'

function log(message) {
  process.stderr.write(`[setup] ${message}\n`)
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] })
  if (result.status !== 0) {
    log(`\`${command} ${args.join(' ')}\` failed (exit ${result.status ?? result.signal})`)
    process.exit(result.status ?? 1)
  }
}

function pnpmCommand() {
  try {
    const version = execFileSync('pnpm', ['--version'], { encoding: 'utf8' }).trim()
    if (version.startsWith('10.')) return ['pnpm', []]
    log(`pnpm ${version} found; using ${PNPM} through npx instead (pnpm 11 needs Node 22)`)
  } catch {
    log(`pnpm not found; using ${PNPM} through npx`)
  }
  return ['npx', ['--yes', PNPM]]
}

export function setup({ build = true } = {}) {
  const [pnpm, prefix] = pnpmCommand()
  if (!existsSync(join(root, 'node_modules', '.modules.yaml'))) {
    log('installing dependencies (first run)')
    run(pnpm, [...prefix, 'install', '--frozen-lockfile'])
  }
  if (build) {
    log('building packages')
    run(pnpm, [...prefix, 'exec', 'turbo', 'run', 'build', '--output-logs=errors-only'])
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) setup()
