import { Agent, request, type AgentOptions } from 'node:http'

/** One invocation as `GET .../invocation/next` hands it over. */
export interface NextInvocation {
  requestId: string
  deadlineMs: number
  functionArn: string
  traceId: string | undefined
  event: unknown
}

/**
 * A client for the Lambda Runtime API at `AWS_LAMBDA_RUNTIME_API` (`host:port` plus an optional
 * path prefix, which is why URLs are built by concatenation). It uses `node:http` rather than
 * fetch because the `next` call is a long poll that must never time out.
 *
 * One kept-alive connection carries every call: a new TCP connection per call cost about a
 * millisecond per invocation. The Runtime API server never closes idle connections, so a
 * reused socket cannot be closed under us between calls. Node unrefs an idle kept-alive socket,
 * so it does not count when the completion rules wait for an empty event loop.
 */
export class RuntimeClient {
  private readonly base: string

  constructor(runtimeApi: string) {
    this.base = `http://${runtimeApi}/2018-06-01/runtime`
  }

  async next(): Promise<NextInvocation> {
    const { headers, body } = await send('GET', `${this.base}/invocation/next`)
    const requestId = headerText(headers['lambda-runtime-aws-request-id'])
    if (requestId === undefined) throw new Error('Runtime API answered next without a request id')
    return {
      requestId,
      deadlineMs: Number(headerText(headers['lambda-runtime-deadline-ms'])),
      functionArn: headerText(headers['lambda-runtime-invoked-function-arn']) ?? '',
      traceId: headerText(headers['lambda-runtime-trace-id']),
      event: JSON.parse(body),
    }
  }

  async respond(requestId: string, payload: string): Promise<void> {
    await send('POST', `${this.base}/invocation/${requestId}/response`, payload)
  }

  async fail(requestId: string, error: unknown): Promise<void> {
    await send('POST', `${this.base}/invocation/${requestId}/error`, errorBody(error))
  }

  async initFailed(error: unknown): Promise<void> {
    await send('POST', `${this.base}/init/error`, errorBody(error))
  }
}

/** The Runtime API's error document: `{ errorType, errorMessage, trace }`. */
export function errorBody(error: unknown): string {
  if (error instanceof Error) {
    const trace = (error.stack ?? '').split('\n')
    return JSON.stringify({ errorType: error.name, errorMessage: error.message, trace })
  }
  return JSON.stringify({ errorType: typeof error, errorMessage: String(error), trace: [] })
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value
}

interface Reply {
  headers: Record<string, string | string[] | undefined>
  body: string
}

// Small writes go out at once: Nagle would hold a response back waiting for an ACK.
const agent = new Agent({ keepAlive: true, noDelay: true } as AgentOptions)

function send(method: string, url: string, body?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, agent }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (text += chunk))
      res.on('end', () => {
        const status = res.statusCode ?? 0
        if (status >= 200 && status < 300) resolve({ headers: res.headers, body: text })
        else reject(new Error(`Runtime API ${method} ${url} answered ${status}: ${text}`))
      })
      res.on('error', reject)
    })
    req.on('error', reject)
    if (body !== undefined) req.setHeader('content-type', 'application/json')
    req.end(body)
  })
}
