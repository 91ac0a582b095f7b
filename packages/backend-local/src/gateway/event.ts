import type { IncomingMessage } from 'node:http'
import type { ProxyEvent } from '@portkey/runtime'

export interface EventInput {
  req: IncomingMessage
  /** Request path, still percent-encoded, without the query. */
  path: string
  query: string
  resource: string
  pathParameters: Record<string, string>
  body: Buffer
  requestId: string
}

// With no binary media types configured API Gateway would mangle binary bodies as text; we pass
// everything that is not plainly text as base64, as a `*/*` binary media type setting does.
const TEXT_TYPES =
  /^(text\/|application\/(json|xml|javascript|x-www-form-urlencoded|graphql)|[^;]*\+(json|xml))/i

/** The REST API (payload 1.0) proxy event for one request, as API Gateway builds it. */
export function buildProxyEvent(input: EventInput): ProxyEvent {
  const { req, path } = input
  const method = req.method ?? 'GET'
  const [headers, multiValueHeaders] = collectHeaders(req.rawHeaders)
  const [query, multiValueQuery] = collectQuery(input.query)
  const body = encodeBody(input.body, req.headers['content-type'])

  return {
    resource: input.resource,
    path,
    httpMethod: method,
    headers,
    multiValueHeaders,
    queryStringParameters: query,
    multiValueQueryStringParameters: multiValueQuery,
    pathParameters: Object.keys(input.pathParameters).length > 0 ? input.pathParameters : null,
    stageVariables: null,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      resourceId: 'local',
      resourcePath: input.resource,
      httpMethod: method,
      // The local gateway has no stage prefix in its URLs, so the path is the request path as is.
      path,
      stage: 'local',
      protocol: `HTTP/${req.httpVersion}`,
      requestId: input.requestId,
      requestTime: new Date().toUTCString(),
      requestTimeEpoch: Date.now(),
      domainName: req.headers.host ?? '127.0.0.1',
      identity: {
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        userAgent: req.headers['user-agent'] ?? null,
      },
    },
    ...body,
  }
}

type Single = Record<string, string> | null
type Multi = Record<string, string[]> | null

/** Header names keep the client's spelling; the single-value map holds the last value. */
function collectHeaders(raw: string[]): [Single, Multi] {
  const single: Record<string, string> = {}
  const multi: Record<string, string[]> = {}
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i] as string
    const value = raw[i + 1] as string
    single[name] = value
    ;(multi[name] ??= []).push(value)
  }
  return Object.keys(single).length > 0 ? [single, multi] : [null, null]
}

/** Decoded keys and values; the single-value map holds the last value, as API Gateway does. */
function collectQuery(query: string): [Single, Multi] {
  const single: Record<string, string> = {}
  const multi: Record<string, string[]> = {}
  for (const [key, value] of new URLSearchParams(query)) {
    single[key] = value
    ;(multi[key] ??= []).push(value)
  }
  return Object.keys(single).length > 0 ? [single, multi] : [null, null]
}

function encodeBody(
  body: Buffer,
  contentType: string | undefined,
): Pick<ProxyEvent, 'body' | 'isBase64Encoded'> {
  if (body.length === 0) return { body: null, isBase64Encoded: false }
  if (contentType === undefined || TEXT_TYPES.test(contentType)) {
    return { body: body.toString('utf8'), isBase64Encoded: false }
  }
  return { body: body.toString('base64'), isBase64Encoded: true }
}
