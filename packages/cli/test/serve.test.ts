import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'

const BIN = fileURLToPath(new URL('../bin/portkey.js', import.meta.url))
const dirs: string[] = []
const servers: ChildProcess[] = []

afterEach(async () => {
  for (const server of servers.splice(0)) {
    if (server.exitCode === null && server.signalCode === null) {
      server.kill('SIGTERM')
      await once(server, 'exit')
    }
  }
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function workdir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'portkey-serve-cli-'))
  dirs.push(dir)
  writeFileSync(
    join(dir, 'api.mjs'),
    'const words = ["incredible"]\nexport const flatter = (name) => { console.log("flattering", name); return `${name} is ${words[0]}` }\n',
  )
  return dir
}

function portkey(args: string[], cwd: string) {
  return spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 60_000 })
}

/** Starts `portkey serve` in `cwd` and resolves to its gateway URL, its first stdout line. */
async function serve(cwd: string): Promise<{ server: ChildProcess; url: string }> {
  const server = spawn(process.execPath, [BIN, 'serve'], { cwd, stdio: ['ignore', 'pipe', 'pipe'] })
  servers.push(server)
  const lines = createInterface({ input: server.stdout! })
  const [url] = (await Promise.race([
    once(lines, 'line'),
    once(server, 'exit').then(() => [null]),
  ])) as [string | null]
  if (url === null) throw new Error('portkey serve exited before printing its URL')
  return { server, url }
}

async function stop(server: ChildProcess): Promise<number | null> {
  server.kill('SIGTERM')
  const [code] = await once(server, 'exit')
  return code as number | null
}

describe('portkey serve and the commands that talk to it', () => {
  it('takes a mount from another command, lists it, shows its logs and removes it', async () => {
    const dir = workdir()
    const { url } = await serve(dir)

    const mounted = portkey(['mount', './api.mjs#flatter', '/hello?name={name}'], dir)
    expect(mounted.status).toBe(0)
    const mountUrl = mounted.stdout.trim()
    expect(mountUrl).toBe(`${url}/hello`)
    expect(await (await fetch(`${mountUrl}?name=Rich`)).text()).toBe('Rich is incredible')

    const listed = portkey(['ls', '--json'], dir)
    expect(JSON.parse(listed.stdout)).toEqual([
      { name: 'flatter', route: '/hello?name={name}', url: mountUrl },
    ])
    expect(portkey(['logs', 'flatter'], dir).stdout).toMatch(/\tINFO\tflattering Rich/)

    const removed = portkey(['rm', 'flatter'], dir)
    expect(removed.status).toBe(0)
    expect((await fetch(`${mountUrl}?name=Rich`)).status).toBe(404)
    expect(portkey(['rm', 'flatter'], dir).stderr).toContain("no mount named 'flatter'")
  })

  it('keeps two different functions of the same name on their own routes', async () => {
    const dir = workdir()
    writeFileSync(join(dir, 'other.mjs'), 'export const flatter = (n) => `other ${n}`\n')
    await serve(dir)

    const first = portkey(['mount', './api.mjs#flatter', '/hello?name={name}'], dir)
    const second = portkey(['mount', './other.mjs#flatter', '/other?n={n}'], dir)
    expect(second.status, second.stderr).toBe(0)

    expect(await (await fetch(`${first.stdout.trim()}?name=Rich`)).text()).toBe(
      'Rich is incredible',
    )
    expect(await (await fetch(`${second.stdout.trim()}?n=1`)).text()).toBe('other 1')
    const names = (JSON.parse(portkey(['ls', '--json'], dir).stdout) as Array<{ name: string }>)
      .map((m) => m.name)
      .sort()
    expect(names).toEqual(['flatter', 'flatter-other'])
  })

  it('restores its mounts after a restart, and stops cleanly on SIGTERM', async () => {
    const dir = workdir()
    const first = await serve(dir)
    expect(portkey(['mount', './api.mjs#flatter', '/hi/{name}'], dir).status).toBe(0)
    expect(statSync(join(dir, '.portkey', 'serve.json')).mode & 0o777).toBe(0o600)

    expect(await stop(first.server)).toBe(0)
    expect(existsSync(join(dir, '.portkey', 'serve.json'))).toBe(false)
    const { url } = await serve(dir)

    expect(await (await fetch(`${url}/hi/Ann%20Lee`)).text()).toBe('Ann Lee is incredible')
  })

  it('follows logs until interrupted', async () => {
    const dir = workdir()
    const { url } = await serve(dir)
    expect(portkey(['mount', './api.mjs#flatter', '/f?name={name}'], dir).status).toBe(0)
    const follower = spawn(process.execPath, [BIN, 'logs', 'flatter', '--follow'], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    servers.push(follower)
    const lines = createInterface({ input: follower.stdout! })
    let saw = false
    const seen = new Promise<void>((resolve) => {
      lines.on('line', (line) => line.includes('flattering Zoe') && resolve())
    }).then(() => (saw = true))

    // The follower may connect after this request; a later one shows up either way.
    await fetch(`${url}/f?name=Zoe`)
    await Promise.race([seen, fetchUntil(`${url}/f?name=Zoe`, seen)])
    expect(saw).toBe(true)

    follower.kill('SIGINT')
    let stderr = ''
    follower.stderr!.on('data', (chunk) => (stderr += chunk))
    const [code] = await once(follower, 'exit')
    expect(stderr).toBe('')
    expect(code).toBe(0)
  })

  it('without a server, lists and forgets the mounts recorded in the state directory', async () => {
    const dir = workdir()
    const first = await serve(dir)
    expect(portkey(['mount', './api.mjs#flatter', '/x?name={name}'], dir).status).toBe(0)
    await stop(first.server)

    const listed = portkey(['ls'], dir)
    expect(listed.stdout).toMatch(/^flatter\s+\/x\?name=\{name\}\s+\(not served\)$/m)
    expect(listed.stderr).toContain('no server running')
    expect(portkey(['rm', '--all'], dir).status).toBe(0)
    expect(portkey(['ls', '--json'], dir).stdout.trim()).toBe('[]')
  })

  it('refuses a second server on the same state directory', async () => {
    const dir = workdir()
    await serve(dir)

    const second = portkey(['serve'], dir)

    expect(second.status).toBe(1)
    expect(second.stderr).toContain('SERVE_ALREADY_RUNNING')
  })
})

describe('portkey ls and rm with --backend aws', () => {
  // No AWS variables, a HOME without ~/.aws and the metadata lookup off: the backend must stop
  // at its credential check, which shows the command reached it without any network call.
  const env = {
    ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('AWS_'))),
    AWS_EC2_METADATA_DISABLED: 'true',
  }

  it.each([
    [['ls', '--backend', 'aws', '--region', 'eu-west-1']],
    [['rm', '--all', '--backend', 'aws', '--region', 'eu-west-1']],
  ])('%j asks the AWS backend, which explains the missing credentials', (args) => {
    const dir = workdir()
    const result = spawnSync(process.execPath, [BIN, ...args], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...env, HOME: dir },
      timeout: 60_000,
    })

    expect(result.status).toBe(1)
    expect(result.stderr).toContain('NO_CREDENTIALS')
  })
})

/** Sends a request every 100 ms (at most 100) until `done` settles. */
async function fetchUntil(url: string, done: Promise<unknown>): Promise<void> {
  let finished = false
  void done.then(() => (finished = true))
  for (let i = 0; i < 100 && !finished; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100))
    if (!finished) await fetch(url)
  }
}
