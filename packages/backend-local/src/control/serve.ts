import { randomBytes } from 'node:crypto'
import { createLocalBackend } from '../backend.js'
import { serveAlreadyRunning } from '../diagnostics.js'
import { resolveLocalBackendOptions } from '../options.js'
import type { LocalBackend, LocalBackendOptions, RestoreReport } from '../types.js'
import { connectToServe } from './client.js'
import { removeServeFile, writeServeFile } from './serve-file.js'
import { ControlServer } from './server.js'

/** A running server: its gateway, its control endpoint, and what it restored at start. */
export interface ServeHandle {
  backend: LocalBackend
  gatewayUrl: string
  controlUrl: string
  stateDir: string
  restored: RestoreReport
  /** Stops the gateway, the control endpoint and every worker, and removes the serve file. */
  close(): Promise<void>
}

/**
 * What `portkey serve` runs: a local backend that restores the mounts recorded in its state
 * directory, plus a control endpoint other commands find through `<stateDir>/serve.json`.
 */
export async function startServe(options: LocalBackendOptions = {}): Promise<ServeHandle> {
  const { stateDir } = resolveLocalBackendOptions(options)
  const running = await connectToServe(stateDir)
  if (running !== null) throw serveAlreadyRunning(stateDir, running.pid, running.gatewayUrl)

  const backend = createLocalBackend({ ...options, stateDir })
  const token = randomBytes(32).toString('base64url')
  const control = new ControlServer(backend, token)
  try {
    const gatewayUrl = await backend.start()
    const restored = await backend.restore()
    const controlUrl = await control.listen()
    await writeServeFile(stateDir, {
      pid: process.pid,
      control: controlUrl,
      gateway: gatewayUrl,
      token,
    })
    const close = async () => {
      await removeServeFile(stateDir, process.pid)
      await control.close()
      await backend.dispose()
    }
    return { backend, gatewayUrl, controlUrl, stateDir, restored, close }
  } catch (error: unknown) {
    await control.close()
    await backend.dispose()
    throw error
  }
}
