import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { strToU8, zipSync, type Zippable } from 'fflate'
import type { ArtifactRef } from '@portkey/backend'
import { createLocalBackend, type LocalBackend, type LocalBackendOptions } from '../src/index.js'

const backends: LocalBackend[] = []
const stateDirs: string[] = []

/** A backend on a fresh temporary state directory, disposed by `disposeAll` after each test. */
export function newBackend(options: LocalBackendOptions = {}): LocalBackend {
  const stateDir = mkdtempSync(join(tmpdir(), 'portkey-local-test-'))
  stateDirs.push(stateDir)
  const backend = createLocalBackend({ stateDir, ...options })
  backends.push(backend)
  return backend
}

export async function disposeAll(): Promise<void> {
  await Promise.all(backends.splice(0).map((backend) => backend.dispose?.()))
  for (const dir of stateDirs.splice(0)) rmSync(dir, { recursive: true, force: true })
}

/** A zip holding `index.mjs` (and any other files), as the packager would hand it over. */
export function artifact(indexSource: string, extra: Record<string, string> = {}): ArtifactRef {
  const files: Zippable = { 'index.mjs': strToU8(indexSource) }
  for (const [path, text] of Object.entries(extra)) files[path] = strToU8(text)
  // A fixed time stamp: the same sources must give the same zip bytes, however slow the test.
  return artifactFromZip(zipSync(files, { mtime: new Date('2020-01-01T00:00:00Z') }))
}

export function artifactFromZip(zip: Uint8Array, handler = 'index.handler'): ArtifactRef {
  const digest = createHash('sha256').update(zip).digest()
  return { zip, sha256: digest.toString('base64'), hex: digest.toString('hex'), handler }
}

/** A handler module answering 200 with `expression` (evaluated per request) as JSON. */
export function jsonHandler(expression: string, prelude = ''): string {
  return `${prelude}
export const handler = async (event, context) => ({
  statusCode: 200,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(${expression}),
})
`
}

export async function getJson(
  url: string,
  init?: RequestInit,
): Promise<{ status: number; body: any }> {
  const response = await fetch(url, init)
  const text = await response.text()
  return { status: response.status, body: JSON.parse(text) }
}

/** Whether a process with this pid still exists. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error: unknown) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Polls `check` every 20 ms, at most `tries` times; resolves to its last answer. */
export async function eventually(check: () => boolean, tries = 250): Promise<boolean> {
  for (let i = 0; i < tries; i++) {
    if (check()) return true
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  return check()
}

/**
 * A function whose instances wait (at most 10 s) until `size` distinct instances have arrived.
 * Requests only all succeed if that many instances really ran at the same time, whatever the
 * machine's speed.
 */
export function barrierDeploy(name: string, size: number) {
  const dir = mkdtempSync(join(tmpdir(), 'portkey-barrier-'))
  stateDirs.push(dir)
  const source = `import { readdirSync, writeFileSync } from 'node:fs'
const dir = process.env.BARRIER_DIR
const size = Number(process.env.BARRIER_SIZE)
export const handler = async () => {
  writeFileSync(dir + '/' + process.pid, '')
  for (let i = 0; i < 500 && readdirSync(dir).length < size; i++) {
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  const met = readdirSync(dir).length >= size
  return { statusCode: met ? 200 : 500, body: JSON.stringify({ pid: process.pid, met }) }
}`
  return {
    name,
    route: `/${name}`,
    artifact: artifact(source),
    environment: { BARRIER_DIR: dir, BARRIER_SIZE: String(size) },
    timeoutSeconds: 30,
  }
}
