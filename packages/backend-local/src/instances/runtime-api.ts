import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { randomUUID } from 'node:crypto'
import { readBody } from '../gateway/body.js'

/** What the Runtime API server needs from the instance an URL prefix belongs to. */
export interface RuntimeApiTarget {
  next(res: ServerResponse): void
  /** Returns false when `requestId` is not the invocation the instance is running. */
  respond(requestId: string, payload: string): boolean
  fail(requestId: string, body: string): boolean
  initFailed(body: string): void
}

// Lambda caps a synchronous response at 6 MB (6,291,556 bytes in its own error message); a
// bigger answer fails the invocation there too.
const MAX_PAYLOAD_BYTES = 6_291_556

const OVERSIZE_ERROR = JSON.stringify({
  errorType: 'Function.ResponseSizeTooLarge',
  errorMessage: `Response payload size exceeded maximum allowed payload size (${MAX_PAYLOAD_BYTES} bytes).`,
})

const ROUTES =
  /^\/rt\/([0-9a-f-]{36})\/2018-06-01\/runtime\/(invocation\/next|invocation\/([^/]+)\/(response|error)|init\/error)$/

/**
 * The Lambda Runtime API, on its own loopback listener so no public route can reach it. Each
 * instance gets a secret path prefix, so one instance cannot answer for another either.
 */
export class RuntimeApiServer {
  private readonly targets = new Map<string, RuntimeApiTarget>()
  private readonly server: Server = createServer((req, res) => void this.route(req, res))

  constructor() {
    // Workers keep one connection open for all their calls; closing it while idle could race
    // with the worker's next call and lose it. The socket ends when the worker does.
    this.server.keepAliveTimeout = 0
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject)
      this.server.listen(0, '127.0.0.1', () => resolve())
    })
  }

  /** Registers an instance; returns the value of its `AWS_LAMBDA_RUNTIME_API`. */
  attach(target: RuntimeApiTarget): { runtimeApi: string; detach: () => void } {
    const secret = randomUUID()
    this.targets.set(secret, target)
    const { port } = this.server.address() as AddressInfo
    return {
      runtimeApi: `127.0.0.1:${port}/rt/${secret}`,
      detach: () => this.targets.delete(secret),
    }
  }

  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()))
    this.server.closeAllConnections()
    await closed
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const match = ROUTES.exec(req.url ?? '')
    const target = match?.[1] === undefined ? undefined : this.targets.get(match[1])
    if (match === null || target === undefined) return reply(res, 404, 'UnknownResource')

    const action = match[2] ?? ''
    if (action === 'invocation/next') {
      if (req.method !== 'GET') return reply(res, 405, 'MethodNotAllowed')
      return target.next(res)
    }
    if (req.method !== 'POST') return reply(res, 405, 'MethodNotAllowed')

    const requestId = match[3] ?? ''
    const body = await readBody(req, MAX_PAYLOAD_BYTES)
    if (body === null) {
      // Our bootstrap checks the size before posting; this guards any other runtime client.
      if (match[4] === 'response') target.fail(requestId, OVERSIZE_ERROR)
      res.setHeader('connection', 'close')
      return reply(res, 413, 'RequestEntityTooLarge')
    }
    const text = body.toString('utf8')
    if (action === 'init/error') {
      target.initFailed(text)
      return reply(res, 202, 'OK')
    }
    const known =
      match[4] === 'response' ? target.respond(requestId, text) : target.fail(requestId, text)
    reply(res, known ? 202 : 400, known ? 'OK' : 'InvalidRequestID')
  }
}

function reply(res: ServerResponse, status: number, word: string): void {
  res.writeHead(status, { 'content-type': 'application/json' })
  res.end(JSON.stringify(status < 300 ? { status: word } : { errorType: word, errorMessage: word }))
}
