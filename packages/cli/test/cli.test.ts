import { spawn, spawnSync } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'

const BIN = fileURLToPath(new URL('../bin/portkey.js', import.meta.url))
const dirs: string[] = []

function workdir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'portkey-cli-'))
  dirs.push(dir)
  writeFileSync(
    join(dir, 'api.mjs'),
    'const words = ["incredible"]\nexport const flatter = (name) => `${name} is ${words[0]}`\nexport const answer = 42\n',
  )
  return dir
}

function portkey(args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env) {
  return spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env })
}

/**
 * An environment with no way to find AWS credentials without the network: no AWS variables, a
 * HOME without ~/.aws, and the EC2 metadata lookup switched off as a second guard.
 */
function noAwsEnvironment(home: string): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AWS_')))
  return { ...env, HOME: home, AWS_EC2_METADATA_DISABLED: 'true' }
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

describe('the portkey command', () => {
  it('prints help with the commands and exits 0', () => {
    const result = portkey(['--help'], tmpdir())
    expect(result.status).toBe(0)
    expect(result.stdout).toContain('portkey mount <file>#<export> <route>')
  })

  it('exits 1 with a clear message for an unknown command', () => {
    const result = portkey(['deploy'], tmpdir())
    expect(result.status).toBe(1)
    expect(result.stderr).toContain('unknown command "deploy"')
  })

  it('names the exported functions when the export is not a function', () => {
    const dir = workdir()
    const result = portkey(['mount', './api.mjs#answer', '/x'], dir)
    expect(result.status).toBe(1)
    expect(result.stderr).toContain('export "answer" is a number, not a function')
    expect(result.stderr).toContain('exported functions: flatter')
  })

  it('finds a CommonJS export that Node cannot name from the source (an inline arrow)', () => {
    const dir = workdir()
    writeFileSync(join(dir, 'inline.cjs'), "module.exports = { greet: () => 'hi', calls: [[]] }\n")
    const result = portkey(['pack', './inline.cjs#greet', '-o', 'g.zip', '--json'], dir)
    expect(result.status, result.stderr).toBe(0)
    expect(JSON.parse(result.stdout)).toMatchObject({ name: 'greet', out: 'g.zip' })

    const missing = portkey(['pack', './inline.cjs#nope'], dir)
    expect(missing.stderr).toContain('exported functions: greet')
  })

  it('refuses a missing file', () => {
    const result = portkey(['pack', './nope.mjs#f'], workdir())
    expect(result.status).toBe(1)
    expect(result.stderr).toContain('file not found: ./nope.mjs#f')
  })

  it('packs a function into a zip whose bytes match a second pack', () => {
    const dir = workdir()
    const first = portkey(['pack', './api.mjs#flatter', '-o', 'a.zip', '--json'], dir)
    const second = portkey(['pack', './api.mjs#flatter', '-o', 'b.zip'], dir)
    expect(first.status, first.stderr).toBe(0)
    expect(second.status, second.stderr).toBe(0)

    const summary = JSON.parse(first.stdout) as { sha256: string; size: number }
    const a = readFileSync(join(dir, 'a.zip'))
    expect(a.length).toBe(summary.size)
    expect(readFileSync(join(dir, 'b.zip')).equals(a)).toBe(true)
  })

  it('mounts a function, serves it over HTTP, and stops on SIGINT', async () => {
    const dir = workdir()
    const child = spawn(
      process.execPath,
      [BIN, 'mount', './api.mjs#flatter', '/hello?name={name}'],
      {
        cwd: dir,
      },
    )
    const [url] = (await once(createInterface({ input: child.stdout }), 'line')) as [string]

    const response = await fetch(`${url}?name=Rich`)
    expect(await response.text()).toBe('Rich is incredible')

    child.kill('SIGINT')
    const [code] = (await once(child, 'exit')) as [number]
    expect(code).toBe(0)
  })

  it('prints an AWS plan with --dry-run without credentials, changing nothing', () => {
    const dir = workdir()
    const args = ['mount', './api.mjs#flatter', '/hello?name={name}', '--backend', 'aws']
    const result = portkey([...args, '--dry-run', '--json'], dir, noAwsEnvironment(dir))
    expect(result.status, result.stderr).toBe(0)

    const steps = JSON.parse(result.stdout) as Array<{ action: string; resource: string }>
    expect(steps.map((s) => `${s.action} ${s.resource}`)).toContain('create function')
    expect(steps.every((s) => s.action === 'create')).toBe(true)
    expect(result.stderr).toContain('No AWS credentials: planning as if nothing existed yet.')
    expect(result.stderr).toContain('nothing was changed')
  })

  it('refuses an unknown backend by name', () => {
    const result = portkey(
      ['mount', './api.mjs#flatter', '/x?name={name}', '--backend', 'gcp'],
      workdir(),
    )
    expect(result.status).toBe(1)
    expect(result.stderr).toContain('unknown backend "gcp"')
  })

  it('inspects what a mount would capture, as a tree and as JSON', () => {
    const dir = workdir()
    const text = portkey(['inspect', './api.mjs#flatter'], dir)
    expect(text.status, text.stderr).toBe(0)
    expect(text.stdout).toContain('words: array by value')
    expect(text.stdout).toContain('[flatter -> words]')

    const json = portkey(['inspect', './api.mjs#flatter', '--json'], dir)
    expect(json.status, json.stderr).toBe(0)
    expect(JSON.stringify(JSON.parse(json.stdout))).toContain('words')
  })
})
