import { existsSync } from 'node:fs'
import { readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { writeFileAtomic } from '../state/atomic.js'

/** How to reach a running `portkey serve`: written by the server, read by other commands. */
export interface ServeFile {
  pid: number
  /** Control endpoint base URL, always on 127.0.0.1. */
  control: string
  /** Gateway base URL. */
  gateway: string
  /** Shared secret every control request carries; this file is readable by its owner only. */
  token: string
}

export function serveFilePath(stateDir: string): string {
  return join(stateDir, 'serve.json')
}

export async function writeServeFile(stateDir: string, file: ServeFile): Promise<void> {
  await writeFileAtomic(serveFilePath(stateDir), `${JSON.stringify(file, null, 2)}\n`, 0o600)
}

/** The serve file of a server that is still alive, or null when there is none (or it is stale). */
export async function readServeFile(stateDir: string): Promise<ServeFile | null> {
  const path = serveFilePath(stateDir)
  if (!existsSync(path)) return null
  let file: Partial<ServeFile>
  try {
    file = JSON.parse(await readFile(path, 'utf8')) as Partial<ServeFile>
  } catch {
    // A server killed while writing cannot leave half a file (the write is atomic), so an
    // unreadable one was edited by hand; treat it as no server, and serve will replace it.
    return null
  }
  const { pid, control, gateway, token } = file
  if (typeof pid !== 'number' || typeof control !== 'string' || typeof token !== 'string') {
    return null
  }
  if (typeof gateway !== 'string' || !isAlive(pid)) return null
  return { pid, control, gateway, token }
}

/** Removes the serve file if it still describes this process (a newer server may own it). */
export async function removeServeFile(stateDir: string, pid: number): Promise<void> {
  const current = await readServeFile(stateDir)
  if (current === null || current.pid === pid) await rm(serveFilePath(stateDir), { force: true })
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error: unknown) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
