import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { codeSha256, readManifest } from '@portkey/packager'
import { afterEach, describe, expect, it } from 'vitest'

const BIN = fileURLToPath(new URL('../bin/portkey.js', import.meta.url))
const PACK_COMMAND = pathToFileURL(
  fileURLToPath(new URL('../dist/commands/pack.js', import.meta.url)),
)
const dirs: string[] = []

function workdir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'portkey-pack-'))
  dirs.push(dir)
  writeFileSync(join(dir, 'api.mjs'), 'export const shout = (name) => `${name.toUpperCase()}!`\n')
  return dir
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

describe('portkey pack', () => {
  it('prints entries, the biggest contributors, both hashes and a result line with size and time', () => {
    const dir = workdir()
    const run = spawnSync(process.execPath, [BIN, 'pack', './api.mjs#shout', '-o', 'a.zip'], {
      cwd: dir,
      encoding: 'utf8',
    })
    expect(run.status, run.stderr).toBe(0)

    const zip = readFileSync(join(dir, 'a.zip'))
    const { base64, hex } = codeSha256(zip)
    expect(run.stderr).toMatch(/^\s+\d+ {2}index\.mjs$/m)
    expect(run.stderr).toMatch(/^\s+\d+ {2}portkey\.json$/m)
    expect(run.stderr).toContain('biggest: (portkey runtime) ')
    expect(run.stderr).toContain(`sha256 ${base64} (hex ${hex})`)
    expect(run.stdout).toMatch(
      new RegExp(`^a\\.zip: ${zip.length} bytes zipped \\(\\d+ unzipped\\) in \\d+ ms\\n$`),
    )
  })

  it('prints a JSON summary with hashes, sizes, contributors and no zip bytes', () => {
    const dir = workdir()
    const run = spawnSync(process.execPath, [BIN, 'pack', './api.mjs#shout', '--json'], {
      cwd: dir,
      encoding: 'utf8',
    })
    expect(run.status, run.stderr).toBe(0)
    const summary = JSON.parse(run.stdout)
    const zip = readFileSync(join(dir, 'shout.zip'))

    expect(summary).toMatchObject({
      name: 'shout',
      route: '/shout?name={name}',
      out: 'shout.zip',
      size: zip.length,
      sha256: codeSha256(zip).base64,
      hex: codeSha256(zip).hex,
      warnings: [],
    })
    expect(summary.zip).toBeUndefined()
    expect(summary.unzippedSize).toBeGreaterThan(summary.size)
    expect(summary.contributors[0]).toEqual({ name: expect.any(String), bytes: expect.any(Number) })
  })
})

// main.ts does not parse --runtime, --minify or --external yet, so these call packCommand with
// them, in a fresh node process as the binary would.
function packCommandInFreshNode(dir: string, args: object) {
  const script = `
const { packCommand } = await import(process.argv[1])
process.exitCode = await packCommand(JSON.parse(process.argv[2]))
`
  return execFileSync(
    process.execPath,
    ['--input-type=module', '-e', script, PACK_COMMAND.href, JSON.stringify(args)],
    { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  )
}

describe('packCommand options', () => {
  it('packs for the requested runtime and minifies on request', () => {
    const dir = workdir()
    const target = './api.mjs#shout'
    const plainSummary = JSON.parse(
      packCommandInFreshNode(dir, { target, out: 'plain.zip', json: true }),
    )
    const smallSummary = JSON.parse(
      packCommandInFreshNode(dir, {
        target,
        out: 'small.zip',
        json: true,
        runtime: 'nodejs22.x',
        minify: true,
      }),
    )

    const plain = readFileSync(join(dir, 'plain.zip'))
    const small = readFileSync(join(dir, 'small.zip'))
    expect(readManifest(small).runtime).toBe('nodejs22.x')
    expect(readManifest(small).call).toEqual(readManifest(plain).call)
    const bundleSize = (summary: { entries: Array<{ path: string; size: number }> }) =>
      summary.entries.find((entry) => entry.path === 'index.mjs')?.size ?? 0
    expect(bundleSize(smallSummary)).toBeLessThan(bundleSize(plainSummary))
  })

  it('refuses an unknown runtime with the valid ones', () => {
    const dir = workdir()
    const run = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const { packCommand } = await import(process.argv[1]); await packCommand(JSON.parse(process.argv[2]))`,
        PACK_COMMAND.href,
        JSON.stringify({ target: './api.mjs#shout', json: false, runtime: 'nodejs18.x' }),
      ],
      { cwd: dir, encoding: 'utf8' },
    )
    expect(run.status).toBe(1)
    expect(run.stderr).toContain('unknown runtime "nodejs18.x"')
  })
})
