import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createLocalBackend, type LocalBackend } from '../src/index.js'
import { artifact, jsonHandler } from './helpers.js'

const backends: LocalBackend[] = []
const dirs: string[] = []

afterEach(async () => {
  await Promise.all(backends.splice(0).map((backend) => backend.dispose()))
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function stateDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'portkey-state-'))
  dirs.push(dir)
  return dir
}

function backendOn(dir: string): LocalBackend {
  const backend = createLocalBackend({ stateDir: dir })
  backends.push(backend)
  return backend
}

async function deployTwo(backend: LocalBackend): Promise<void> {
  await backend.deploy({
    name: 'alpha',
    route: '/alpha/{id}',
    artifact: artifact(
      jsonHandler('{ who: "alpha", id: event.pathParameters.id, env: process.env.MARK }'),
    ),
    environment: { MARK: 'kept' },
    timeoutSeconds: 7,
  })
  await backend.deploy({ name: 'beta', route: '/beta', artifact: artifact(jsonHandler('"beta"')) })
}

describe('mounts in the state directory', () => {
  it('restores every mount, with its route and settings, on a new backend', async () => {
    const dir = stateDir()
    const first = backendOn(dir)
    await deployTwo(first)
    await first.dispose()

    const second = backendOn(dir)
    const report = await second.restore()

    expect(report.failed).toEqual([])
    expect(report.restored.map((d) => d.name)).toEqual(['alpha', 'beta'])
    const alpha = report.restored.find((d) => d.name === 'alpha')!
    const answer = await fetch(alpha.url.replace('{id}', 'a%20b'))
    expect(await answer.json()).toEqual({ who: 'alpha', id: 'a b', env: 'kept' })
    const record = JSON.parse(readFileSync(join(dir, 'mounts', 'alpha.json'), 'utf8'))
    expect(record).toMatchObject({ route: '/alpha/{id}', timeoutSeconds: 7 })
  })

  it('forgets a removed mount, so it is not restored', async () => {
    const dir = stateDir()
    const first = backendOn(dir)
    await deployTwo(first)
    await first.remove('beta')
    await first.dispose()

    const report = await backendOn(dir).restore()

    expect(report.restored.map((d) => d.name)).toEqual(['alpha'])
  })

  it('reports a truncated record clearly, leaves it in place and restores the others', async () => {
    const dir = stateDir()
    const first = backendOn(dir)
    await deployTwo(first)
    await first.dispose()
    const damaged = join(dir, 'mounts', 'alpha.json')
    const text = readFileSync(damaged, 'utf8')
    writeFileSync(damaged, text.slice(0, text.length / 2))

    const report = await backendOn(dir).restore()

    expect(report.restored.map((d) => d.name)).toEqual(['beta'])
    expect(report.failed).toHaveLength(1)
    expect(report.failed[0]!.name).toBe('alpha')
    expect(report.failed[0]!.error.code).toBe('STATE_CORRUPTED')
    expect(report.failed[0]!.error.message).toContain(damaged)
    expect(report.failed[0]!.error.message).toContain('not valid JSON')
    expect(readFileSync(damaged, 'utf8')).toBe(text.slice(0, text.length / 2))
  })

  it('reports a zip whose bytes changed instead of serving them', async () => {
    const dir = stateDir()
    const first = backendOn(dir)
    await deployTwo(first)
    await first.dispose()
    const zips = readdirSync(join(dir, 'artifacts')).filter((file) => file.endsWith('.zip'))
    for (const zip of zips) writeFileSync(join(dir, 'artifacts', zip), 'not the zip')

    const report = await backendOn(dir).restore()

    expect(report.restored).toEqual([])
    expect(report.failed.map((f) => f.error.code)).toEqual(['STATE_CORRUPTED', 'STATE_CORRUPTED'])
    expect(report.failed[0]!.error.message).toMatch(/hash to [0-9a-f]{64}/)
  })

  it('leaves no temporary files behind after writing state', async () => {
    const dir = stateDir()
    await deployTwo(backendOn(dir))

    const names = [...readdirSync(join(dir, 'mounts')), ...readdirSync(join(dir, 'artifacts'))]

    expect(names.filter((name) => name.startsWith('.tmp-'))).toEqual([])
    expect(readdirSync(join(dir, 'mounts')).sort()).toEqual(['alpha.json', 'beta.json'])
  })

  it('writes nothing to the state directory when persist is false', async () => {
    const dir = stateDir()
    const backend = createLocalBackend({ stateDir: dir, persist: false })
    backends.push(backend)
    await deployTwo(backend)

    expect(readdirSync(dir)).toEqual(['artifacts'])
    expect((await backendOn(dir).restore()).restored).toEqual([])
  })
})
