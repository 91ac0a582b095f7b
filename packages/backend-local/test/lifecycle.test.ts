import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import {
  artifact,
  barrierDeploy,
  disposeAll,
  eventually,
  getJson,
  isAlive,
  jsonHandler,
  newBackend,
} from './helpers.js'

afterEach(disposeAll)

describe('backend lifecycle', () => {
  it('leaves no worker process alive after dispose', async () => {
    const backend = newBackend()
    const { url } = await backend.deploy(barrierDeploy('pids', 2))
    const answers = await Promise.all([getJson(url), getJson(url)])
    const pids = answers.map((answer) => answer.body.pid as number)
    expect(new Set(pids).size).toBe(2)
    expect(pids.every(isAlive)).toBe(true)

    await backend.dispose!()

    expect(pids.some(isAlive)).toBe(false)
  })

  it('stops an instance that stayed idle longer than idleMs', async () => {
    const backend = newBackend({ idleMs: 200 })
    const { url } = await backend.deploy({
      name: 'idle',
      route: '/idle',
      artifact: artifact(jsonHandler('process.pid')),
    })

    const { body: pid } = await getJson(url)

    expect(await eventually(() => !isAlive(pid))).toBe(true)
    const { body: next } = await getJson(url)
    expect(next).not.toBe(pid)
  })

  it('lets the Node process exit by itself after dispose', () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'portkey-local-exit-'))
    const dist = fileURLToPath(new URL('../dist/index.js', import.meta.url))
    const fflate = import.meta.resolve('fflate')
    const script = `
import { createHash } from 'node:crypto'
import { zipSync, strToU8 } from ${JSON.stringify(fflate)}
import { createLocalBackend } from ${JSON.stringify(dist)}
const zip = zipSync({ 'index.mjs': strToU8("export const handler = async () => ({ statusCode: 200, body: 'ok' })") })
const digest = createHash('sha256').update(zip).digest()
const backend = createLocalBackend({ stateDir: ${JSON.stringify(stateDir)} })
const { url } = await backend.deploy({ name: 'exit', route: '/exit', artifact: { zip, sha256: digest.toString('base64'), hex: digest.toString('hex'), handler: 'index.handler' } })
const response = await fetch(url)
console.log(response.status, await response.text())
await backend.dispose()
`
    try {
      // The bound only stops a hung process from hanging the suite; the assertion is on how it ended.
      const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
        encoding: 'utf8',
        timeout: 30_000,
      })

      expect(run.stderr).toBe('')
      expect(run.signal).toBeNull()
      expect(run.status).toBe(0)
      expect(run.stdout.trim()).toBe('200 ok')
    } finally {
      rmSync(stateDir, { recursive: true, force: true })
    }
  })
})
