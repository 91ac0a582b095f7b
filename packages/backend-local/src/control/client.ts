import type { Backend, Deployment, DeployInput } from '@portkey/backend'
import { controlFailed, controlUnauthorized, remoteError } from '../diagnostics.js'
import { readServeFile, type ServeFile } from './serve-file.js'
import { toWire, type WireError } from './wire.js'

/** A `portkey serve` seen from another process: the Backend methods, sent over the control API. */
export interface ServeClient extends Backend {
  /** Base URL of the running gateway. */
  readonly gatewayUrl: string
  /** Process id of the server. */
  readonly pid: number
  logs(name: string): Promise<string[]>
  /** Calls `onLine` for the kept lines, then every new one, until `signal` aborts. */
  followLogs(name: string, onLine: (line: string) => void, signal: AbortSignal): Promise<void>
}

/** A client for the server running on `stateDir`, or null when none is running there. */
export async function connectToServe(stateDir: string): Promise<ServeClient | null> {
  const file = await readServeFile(stateDir)
  return file === null ? null : new RemoteBackend(file)
}

class RemoteBackend implements ServeClient {
  readonly name = 'local'
  readonly gatewayUrl: string
  readonly pid: number

  constructor(private readonly file: ServeFile) {
    this.gatewayUrl = file.gateway
    this.pid = file.pid
  }

  async deploy(input: DeployInput): Promise<Deployment> {
    const path = `/v1/mounts/${encodeURIComponent(input.name)}`
    return (await this.call('deploy', 'PUT', path, toWire(input))) as Deployment
  }

  async remove(name: string): Promise<void> {
    await this.call('remove', 'DELETE', `/v1/mounts/${encodeURIComponent(name)}`)
  }

  async list(): Promise<Deployment[]> {
    return (await this.call('list', 'GET', '/v1/mounts')) as Deployment[]
  }

  async logs(name: string): Promise<string[]> {
    return (await this.call(
      'logs',
      'GET',
      `/v1/mounts/${encodeURIComponent(name)}/logs`,
    )) as string[]
  }

  async followLogs(name: string, onLine: (line: string) => void, signal: AbortSignal) {
    const path = `/v1/mounts/${encodeURIComponent(name)}/logs?follow=1`
    try {
      const response = await this.fetch('logs', 'GET', path, undefined, signal)
      if (!response.ok) throw await asError(response)
      await readLines(response, signal, (line) => onLine(JSON.parse(line) as string))
    } catch (error: unknown) {
      // Aborting is how a follower stops, at whatever step it happens to be.
      if (signal.aborted) return
      throw error
    }
  }

  getClient(): unknown {
    return this.file
  }

  private async call(what: string, method: string, path: string, body?: unknown) {
    const response = await this.fetch(what, method, path, body)
    if (!response.ok) throw await asError(response)
    return response.status === 204 ? undefined : ((await response.json()) as unknown)
  }

  private async fetch(
    what: string,
    method: string,
    path: string,
    body?: unknown,
    signal?: AbortSignal,
  ): Promise<Response> {
    try {
      return await fetch(`${this.file.control}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.file.token}`,
          ...(body !== undefined && { 'content-type': 'application/json' }),
        },
        ...(body !== undefined && { body: JSON.stringify(body) }),
        ...(signal !== undefined && { signal }),
      })
    } catch (cause: unknown) {
      throw controlFailed(what, cause)
    }
  }
}

async function asError(response: Response): Promise<Error> {
  if (response.status === 401) return controlUnauthorized()
  const text = await response.text()
  try {
    const { code, message } = JSON.parse(text) as WireError
    return remoteError(code, message)
  } catch {
    return controlFailed('control request', `HTTP ${response.status}: ${text}`)
  }
}

/** Reads NDJSON lines until the server ends the stream or `signal` aborts. */
async function readLines(
  response: Response,
  signal: AbortSignal,
  onLine: (line: string) => void,
): Promise<void> {
  if (response.body === null || signal.aborted) return
  const reader = response.body.getReader()
  // Cancelling the reader ends a pending read at once, whatever state the fetch is in.
  const cancel = () => void reader.cancel().catch(() => undefined)
  signal.addEventListener('abort', cancel, { once: true })
  const decoder = new TextDecoder()
  let pending = ''
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) return
      const parts = (pending + decoder.decode(value, { stream: true })).split('\n')
      pending = parts.pop() ?? ''
      for (const part of parts) if (part !== '') onLine(part)
    }
  } catch (error: unknown) {
    if (!signal.aborted) throw controlFailed('logs --follow', error)
  } finally {
    signal.removeEventListener('abort', cancel)
  }
}
