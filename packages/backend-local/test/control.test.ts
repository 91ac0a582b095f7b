import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { connectToServe, startServe, type ServeHandle } from '../src/index.js'
import { artifact } from './helpers.js'

const handles: ServeHandle[] = []
const dirs: string[] = []

afterEach(async () => {
  await Promise.all(handles.splice(0).map((handle) => handle.close()))
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

async function serve(stateDir?: string): Promise<ServeHandle> {
  const dir = stateDir ?? mkdtempSync(join(tmpdir(), 'portkey-serve-'))
  if (stateDir === undefined) dirs.push(dir)
  const handle = await startServe({ stateDir: dir })
  handles.push(handle)
  return handle
}

const talker = artifact(`export const handler = async (event) => {
  console.log('saw', event.path)
  return { statusCode: 200, body: 'talked' }
}`)

describe('the serve control endpoint', () => {
  it('lets another client mount, list, read logs and remove', async () => {
    const server = await serve()
    const client = (await connectToServe(server.stateDir))!

    const deployment = await client.deploy({ name: 'talker', route: '/talk', artifact: talker })
    const answer = await fetch(deployment.url)

    expect(deployment.url.startsWith(server.gatewayUrl)).toBe(true)
    expect(await answer.text()).toBe('talked')
    expect((await client.list()).map((d) => d.name)).toEqual(['talker'])
    expect((await client.logs('talker')).join('\n')).toContain('saw /talk')

    await client.remove('talker')
    expect((await fetch(deployment.url)).status).toBe(404)
    await expect(client.remove('talker')).rejects.toMatchObject({ code: 'MOUNT_NOT_FOUND' })
  })

  it('streams new log lines to a follower until it stops', async () => {
    const server = await serve()
    const client = (await connectToServe(server.stateDir))!
    const { url } = await client.deploy({ name: 'talker', route: '/talk', artifact: talker })
    const lines: string[] = []
    const stop = new AbortController()

    const following = client.followLogs('talker', (line) => lines.push(line), stop.signal)
    await fetch(url)
    for (let i = 0; i < 250 && !lines.some((line) => line.includes('saw /talk')); i++) {
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    stop.abort()
    await following

    expect(lines.some((line) => line.includes('saw /talk'))).toBe(true)
  })

  it('keeps its token in a serve file only the owner can read, and refuses other tokens', async () => {
    const server = await serve()
    const path = join(server.stateDir, 'serve.json')
    const file = JSON.parse(readFileSync(path, 'utf8'))

    const wrong = await fetch(`${server.controlUrl}/v1/mounts`, {
      headers: { authorization: 'Bearer not-the-token' },
    })
    const none = await fetch(`${server.controlUrl}/v1/mounts`)
    const right = await fetch(`${server.controlUrl}/v1/mounts`, {
      headers: { authorization: `Bearer ${file.token}` },
    })

    expect(statSync(path).mode & 0o777).toBe(0o600)
    expect(server.controlUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect([wrong.status, none.status, right.status]).toEqual([401, 401, 200])
  })

  it('refuses a second server on the same state directory', async () => {
    const server = await serve()

    await expect(startServe({ stateDir: server.stateDir })).rejects.toMatchObject({
      code: 'SERVE_ALREADY_RUNNING',
    })
  })

  it('restores mounts when started again on the same state directory', async () => {
    const first = await serve()
    const dir = first.stateDir
    await (await connectToServe(dir))!.deploy({ name: 'talker', route: '/talk', artifact: talker })
    await first.close()
    expect(await connectToServe(dir)).toBeNull()

    const second = await serve(dir)

    expect(second.restored.restored.map((d) => d.name)).toEqual(['talker'])
    expect(await (await fetch(`${second.gatewayUrl}/talk`)).text()).toBe('talked')
  })
})
