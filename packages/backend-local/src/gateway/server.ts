import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { gatewayStartFailed } from '../diagnostics.js'
import type { PoolInvocation } from '../instances/pool.js'
import { readBody } from './body.js'
import { buildProxyEvent } from './event.js'
import { checkProxyResult, writeMessage, writeResult } from './result.js'
import type { RouteTable } from './routes.js'
// `URL` from node:url, not the global: a REPL's top-level `const URL = ...` shadows the global
// for every module of the process, this one included.
import { URL } from 'node:url'

// API Gateway's payload limit for REST APIs.
const MAX_REQUEST_BYTES = 10 * 1024 * 1024

/** Runs one event through the named mount; the backend knows which code is current. */
export type Invoker = (name: string, event: string) => Promise<PoolInvocation | null>

/** The public side: HTTP on 127.0.0.1, every request matched against the mounted routes. */
export class GatewayServer {
  private readonly server: Server

  constructor(
    private readonly routes: RouteTable,
    private readonly invoke: Invoker,
  ) {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => this.failed(res, error))
    })
  }

  /** Listens on `host` (127.0.0.1 unless the user chose otherwise) and resolves to the base URL. */
  async listen(port: number, host: string): Promise<string> {
    try {
      await new Promise<void>((resolve, reject) => {
        this.server.once('error', reject)
        this.server.listen(port, host, () => resolve())
      })
    } catch (cause: unknown) {
      throw gatewayStartFailed(host, port, cause)
    }
    const address = this.server.address() as AddressInfo
    return `http://${urlHost(host)}:${address.port}`
  }

  async close(): Promise<void> {
    if (!this.server.listening) return
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()))
    this.server.closeAllConnections()
    await closed
  }

  get httpServer(): Server {
    return this.server
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const gatewayRequestId = randomUUID()
    // WHATWG URL parsing resolves `.` and `..` segments before matching; API Gateway would pass
    // such a path through unresolved, so a route can be reached by a path it does not spell.
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const match = this.routes.match(url.pathname)
    if (match === null) return writeMessage(res, 404, 'Not Found', gatewayRequestId)

    const body = await readBody(req, MAX_REQUEST_BYTES)
    if (body === null) {
      res.setHeader('Connection', 'close')
      return writeMessage(res, 413, 'Request Too Long', gatewayRequestId)
    }

    const event = buildProxyEvent({
      req,
      path: url.pathname,
      query: url.search,
      resource: match.route.resource,
      pathParameters: match.params,
      body,
      requestId: gatewayRequestId,
    })
    const invocation = await this.invoke(match.name, JSON.stringify(event))
    this.answer(res, invocation, gatewayRequestId)
  }

  private answer(res: ServerResponse, invocation: PoolInvocation | null, requestId: string): void {
    // The mount was removed while the request waited.
    if (invocation === null) return writeMessage(res, 404, 'Not Found', requestId)
    const { outcome } = invocation
    // What API Gateway answers when Lambda throttles the function.
    if (outcome.kind === 'throttled') return writeMessage(res, 429, 'Too Many Requests', requestId)
    const result = outcome.kind === 'response' ? checkProxyResult(outcome.payload) : null
    if (result === null) return writeMessage(res, 502, 'Internal server error', requestId)
    try {
      writeResult(res, result, requestId)
    } catch {
      // Node refused a header name or value: API Gateway also rejects such a result with a 502.
      if (!res.headersSent) writeMessage(res, 502, 'Internal server error', requestId)
    }
  }

  private failed(res: ServerResponse, error: unknown): void {
    process.emitWarning(`portkey local gateway: ${String(error)}`)
    if (!res.headersSent) writeMessage(res, 500, 'Internal server error', randomUUID())
    else res.destroy()
  }
}

/** A wildcard address is no place to send a request to; loopback reaches it from here. */
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1'
  return host.includes(':') ? `[${host}]` : host
}
