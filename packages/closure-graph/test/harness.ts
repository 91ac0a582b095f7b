import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
export const fixtures = join(here, 'fixtures')
const packageNodeModules = join(here, '..', 'node_modules')

export interface FixtureReport {
  code: string
  map: { version: number; sources: string[]; mappings: string }
  graph: {
    nodes: Array<{ id: string; kind: string; path: string }>
    modules: Array<{ specifier: string; kind: string; imports: string[] }>
    resolveDir: string
  }
  /** util.inspect of what the original returned for each call. */
  expected: string[]
  error?: {
    name: string
    code: string
    message: string
    capturePath: string[]
    hint: string
    location?: { file: string; line: number; column: number }
    frame?: string
  } | null
}

/** Runs a fixture script in its own node process and reads the JSON it prints. */
export function runFixture(file: string, scenario?: string): FixtureReport {
  const args = [join(fixtures, file), ...(scenario ? [scenario] : [])]
  // Reports carry the emitted code, tens of megabytes for the largest graphs.
  const result = spawnSync(process.execPath, args, {
    encoding: 'utf8',
    cwd: fixtures,
    maxBuffer: 2 ** 28,
  })
  if (result.status !== 0)
    throw new Error(`fixture ${file} ${scenario ?? ''} failed:\n${result.stderr}`)
  return JSON.parse(result.stdout) as FixtureReport
}

/**
 * Writes emitted code to a fresh directory (whose node_modules points at this package's, so
 * bare package specifiers resolve) and calls it in another node process.
 */
export function runEmitted(code: string, calls: unknown[][]): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'closure-graph-'))
  try {
    symlinkSync(packageNodeModules, join(dir, 'node_modules'), 'dir')
    mkdirSync(join(dir, 'out'))
    const file = join(dir, 'out', 'rebuilt.mjs')
    writeFileSync(file, code)
    const runner = join(fixtures, 'run-emitted.mjs')
    const result = spawnSync(process.execPath, [runner, file, JSON.stringify(calls)], {
      encoding: 'utf8',
    })
    if (result.status !== 0) throw new Error(`emitted module failed:\n${result.stderr}\n${code}`)
    return JSON.parse(result.stdout) as string[]
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Serializes in one process, runs in another, and returns both sides' results. */
export function roundTrip(file: string, scenario: string | undefined, calls: unknown[][]) {
  const report = runFixture(file, scenario)
  return { report, expected: report.expected, actual: runEmitted(report.code, calls) }
}
