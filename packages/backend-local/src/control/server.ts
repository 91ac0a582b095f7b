import { timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { readBody } from '../gateway/body.js'
import type { LocalBackend } from '../types.js'
import { fromWire, type WireDeploy } from './wire.js'
// `URL` from node:url, not the global: a REPL's top-level `const URL = ...` shadows the global
// for every module of the process, this one included.
import { URL } from 'node:url'

// A base64 zip of Lambda's 50 MB direct-upload limit, plus the JSON around it.
const MAX_CONTROL_BODY = 70 * 1024 * 1024

const MOUNT_PATH = /^\/v1\/mounts\/([A-Za-z0-9_-]{1,64})(\/logs)?$/

/**
 * The control endpoint of `portkey serve`: lets other processes of the same user mount, remove,
 * list and read logs. It listens on 127.0.0.1 only, whatever the gateway's address, and every
 * request must carry the token from the state directory, so another local user (or a web page
 * in a browser, which cannot set the header without a CORS preflight we never answer) cannot
 * deploy code.
 */
export class ControlServer {
  private readonly server: Server

  constructor(
    private readonly backend: LocalBackend,
    private readonly token: string,
  ) {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => sendError(res, error))
    })
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject)
      this.server.listen(0, '127.0.0.1', () => resolve())
    })
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
  }

  async close(): Promise<void> {
    if (!this.server.listening) return
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()))
    this.server.closeAllConnections()
    await closed
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!this.authorized(req.headers.authorization)) {
      return sendJson(res, 401, { code: 'CONTROL_UNAUTHORIZED', message: 'Bad or missing token' })
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    if (url.pathname === '/v1/mounts' && req.method === 'GET') {
      return sendJson(res, 200, await this.backend.list())
    }
    const match = MOUNT_PATH.exec(url.pathname)
    const name = match?.[1]
    if (name === undefined) return sendJson(res, 404, notFound(req))

    if (match?.[2] === '/logs' && req.method === 'GET') {
      if (url.searchParams.get('follow') === '1') return this.follow(name, res)
      return sendJson(res, 200, await this.backend.logs(name))
    }
    if (req.method === 'PUT') return this.deploy(name, req, res)
    if (req.method === 'DELETE') {
      await this.backend.remove(name)
      return sendJson(res, 204, null)
    }
    sendJson(res, 404, notFound(req))
  }

  private async deploy(name: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req, MAX_CONTROL_BODY)
    if (body === null) {
      return sendJson(res, 413, { code: 'INVALID_DEPLOY_INPUT', message: 'Artifact over 50 MB' })
    }
    let wire: WireDeploy
    try {
      wire = JSON.parse(body.toString('utf8')) as WireDeploy
    } catch {
      return sendJson(res, 400, { code: 'INVALID_DEPLOY_INPUT', message: 'Body is not JSON' })
    }
    sendJson(res, 200, await this.backend.deploy(fromWire(name, wire)))
  }

  /** Streams the lines kept so far, then each new one, until the client hangs up. */
  private async follow(name: string, res: ServerResponse): Promise<void> {
    // The snapshot is taken synchronously and the subscription follows in the same microtask
    // run, before any output of the workers can be read, so no line is lost or repeated.
    const backlog = await this.backend.logs(name)
    const write = (line: string) => res.write(`${JSON.stringify(line)}\n`)
    res.writeHead(200, { 'content-type': 'application/x-ndjson' })
    for (const line of backlog) write(line)
    res.once('close', this.backend.followLogs(name, write))
  }

  private authorized(header: string | undefined): boolean {
    const given = Buffer.from(header ?? '')
    const expected = Buffer.from(`Bearer ${this.token}`)
    return given.length === expected.length && timingSafeEqual(given, expected)
  }
}

function notFound(req: IncomingMessage) {
  return { code: 'CONTROL_FAILED', message: `No control route ${req.method} ${req.url}` }
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = status === 204 ? '' : JSON.stringify(value)
  res.writeHead(status, { 'content-type': 'application/json' })
  res.end(body)
}

/** Backend errors keep their code across the wire; anything else is the server's own fault. */
function sendError(res: ServerResponse, error: unknown): void {
  const code = (error as { code?: unknown } | null)?.code
  const message = error instanceof Error ? error.message : String(error)
  if (res.headersSent) return void res.end()
  if (typeof code === 'string') return sendJson(res, statusFor(code), { code, message })
  sendJson(res, 500, { code: 'CONTROL_FAILED', message })
}

function statusFor(code: string): number {
  if (code === 'MOUNT_NOT_FOUND') return 404
  if (code === 'ROUTE_CONFLICT') return 409
  return 400
}
