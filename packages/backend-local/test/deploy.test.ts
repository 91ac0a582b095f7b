import { strToU8, zipSync } from 'fflate'
import { afterEach, describe, expect, it } from 'vitest'
import { createLocalBackend } from '../src/index.js'
import {
  artifact,
  artifactFromZip,
  disposeAll,
  eventually,
  getJson,
  isAlive,
  jsonHandler,
  newBackend,
} from './helpers.js'

afterEach(disposeAll)

const version = (n: number) => jsonHandler(`{ version: ${n}, pid: process.pid }`)

describe('deploy, redeploy and remove', () => {
  it('leaves a redeploy with the same hash unchanged, on the same warm instance', async () => {
    const backend = newBackend()
    const first = await backend.deploy({ name: 'v', route: '/v', artifact: artifact(version(1)) })
    const before = await getJson(first.url)

    const again = await backend.deploy({ name: 'v', route: '/v', artifact: artifact(version(1)) })
    const after = await getJson(first.url)

    expect(again.change).toBe('unchanged')
    expect(again.sha256).toBe(first.sha256)
    expect(after.body.pid).toBe(before.body.pid)
  })

  it('serves new code after a redeploy with a new hash, and stops the old instance', async () => {
    const backend = newBackend()
    const first = await backend.deploy({ name: 'v', route: '/v', artifact: artifact(version(1)) })
    const old = await getJson(first.url)

    const second = await backend.deploy({ name: 'v', route: '/v', artifact: artifact(version(2)) })
    const now = await getJson(first.url)

    expect(second.change).toBe('updated')
    expect(second.sha256).not.toBe(first.sha256)
    expect(now.body.version).toBe(2)
    expect(now.body.pid).not.toBe(old.body.pid)
    expect(await eventually(() => !isAlive(old.body.pid))).toBe(true)
  })

  it('lets a request in flight finish on the old code during a redeploy', async () => {
    const backend = newBackend()
    const slowV1 = `export const handler = async () => {
  console.log('v1 started')
  await new Promise((resolve) => setTimeout(resolve, 300))
  return { statusCode: 200, body: 'v1' }
}`
    const { url } = await backend.deploy({ name: 'v', route: '/v', artifact: artifact(slowV1) })

    const inFlight = fetch(url).then((response) => response.text())
    const started = async () =>
      (await backend.logs!('v')).some((line) => line.endsWith('v1 started'))
    for (let i = 0; i < 500 && !(await started()); i++) await new Promise((r) => setTimeout(r, 10))
    await backend.deploy({ name: 'v', route: '/v', artifact: artifact(jsonHandler("'v2'")) })

    expect(await inFlight).toBe('v1')
    expect((await getJson(url)).body).toBe('v2')
  })

  it('answers 404 after remove and stops its instances', async () => {
    const backend = newBackend()
    const { url } = await backend.deploy({
      name: 'gone',
      route: '/gone',
      artifact: artifact(version(1)),
    })
    const { body } = await getJson(url)

    await backend.remove('gone')

    expect((await fetch(url)).status).toBe(404)
    expect(isAlive(body.pid)).toBe(false)
    expect(await backend.list()).toEqual([])
  })

  it('lists deployments', async () => {
    const backend = newBackend()
    const deployment = await backend.deploy({
      name: 'a',
      route: '/a?x={x}',
      artifact: artifact(version(1)),
    })

    expect(await backend.list()).toEqual([
      {
        name: 'a',
        route: '/a?x={x}',
        url: deployment.url,
        sha256: deployment.sha256,
        backend: 'local',
      },
    ])
  })

  it('rejects removing an unknown mount with MOUNT_NOT_FOUND', async () => {
    const backend = newBackend()

    await expect(backend.remove('nope')).rejects.toMatchObject({ code: 'MOUNT_NOT_FOUND' })
    await expect(backend.logs!('nope')).rejects.toMatchObject({ code: 'MOUNT_NOT_FOUND' })
  })

  it('rejects a second mount on the same route resource with ROUTE_CONFLICT', async () => {
    const backend = newBackend()
    await backend.deploy({ name: 'one', route: '/users/{id}', artifact: artifact(version(1)) })

    const second = backend.deploy({
      name: 'two',
      route: '/users/{userId}?v={v}',
      artifact: artifact(version(2)),
    })

    await expect(second).rejects.toMatchObject({ code: 'ROUTE_CONFLICT' })
    await expect(second).rejects.toThrow(/'one'/)
  })

  it('rejects zip entries that climb out of the artifact directory', async () => {
    const backend = newBackend()
    const zip = zipSync({ 'index.mjs': strToU8(version(1)), '../escape.mjs': strToU8('x') })

    const deploy = backend.deploy({ name: 'evil', route: '/evil', artifact: artifactFromZip(zip) })

    await expect(deploy).rejects.toMatchObject({ code: 'UNSAFE_ZIP_ENTRY' })
    await expect(deploy).rejects.toThrow(/\.\.\/escape\.mjs/)
  })

  it('rejects an artifact whose declared hash does not match its bytes', async () => {
    const backend = newBackend()
    const good = artifact(version(1))

    const deploy = backend.deploy({
      name: 'liar',
      route: '/liar',
      artifact: { ...good, hex: 'a'.repeat(64) },
    })

    await expect(deploy).rejects.toMatchObject({ code: 'ARTIFACT_HASH_MISMATCH' })
  })

  it('rejects reserved environment variables and invalid mount names', async () => {
    const backend = newBackend()
    const art = artifact(version(1))

    await expect(
      backend.deploy({
        name: 'x',
        route: '/x',
        artifact: art,
        environment: { AWS_SECRET_ACCESS_KEY: 'k' },
      }),
    ).rejects.toMatchObject({ code: 'RESERVED_ENVIRONMENT_KEY' })
    await expect(
      backend.deploy({ name: 'bad name!', route: '/x', artifact: art }),
    ).rejects.toMatchObject({
      code: 'INVALID_MOUNT_NAME',
    })
  })

  it('rejects unknown options, naming the valid ones', () => {
    const create = () => createLocalBackend({ prot: 8080 } as never)

    expect(create).toThrow(expect.objectContaining({ code: 'UNKNOWN_OPTION' }))
    expect(create).toThrow(/`prot`.*`stateDir`, `port`, `timeoutSeconds`, `idleMs`/)
  })

  it('rejects use after dispose with BACKEND_DISPOSED', async () => {
    const backend = newBackend()
    await backend.dispose!()

    await expect(backend.start()).rejects.toMatchObject({ code: 'BACKEND_DISPOSED' })
  })
})
