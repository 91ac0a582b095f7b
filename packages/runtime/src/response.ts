/** The function's result -> a REST proxy response. */
import { resultUnsupported } from './diagnostics.js'
import type { ProxyResult } from './types.js'

const TEXT = 'text/plain; charset=utf-8'
const JSON_TYPE = 'application/json'
const BINARY = 'application/octet-stream'

// Bodies API Gateway should pass as text; everything else travels base64-encoded.
const TEXTUAL_TYPE = /^text\/|[/+](json|xml)\b|javascript|x-www-form-urlencoded|charset=/i

export async function toProxyResult(result: unknown): Promise<ProxyResult> {
  if (result === undefined) return { statusCode: 204, headers: {}, body: '' }
  if (typeof result === 'string') return textResult(200, TEXT, result)

  const bytes = asBytes(result)
  if (bytes) return bytesResult(200, { 'content-type': BINARY }, bytes)
  if (isFetchResponse(result)) return fromFetchResponse(result)

  return textResult(200, JSON_TYPE, toJson(result))
}

export function jsonResult(statusCode: number, body: unknown): ProxyResult {
  return textResult(statusCode, JSON_TYPE, JSON.stringify(body))
}

function textResult(statusCode: number, contentType: string, body: string): ProxyResult {
  return { statusCode, headers: { 'content-type': contentType }, body }
}

function bytesResult(statusCode: number, headers: Record<string, string>, bytes: Uint8Array) {
  const body = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')
  return { statusCode, headers, body, isBase64Encoded: true }
}

/** Buffer, Uint8Array, any other typed array or DataView, and ArrayBuffer. */
function asBytes(value: unknown): Uint8Array | undefined {
  if (value instanceof ArrayBuffer) return new Uint8Array(value)
  if (ArrayBuffer.isView(value)) {
    return new Uint8Array(value.buffer, value.byteOffset, value.byteLength)
  }
  return undefined
}

function toJson(value: unknown): string {
  if (typeof value === 'bigint') {
    throw resultUnsupported('a bigint', 'Return it as a string or number instead')
  }
  if (value instanceof Map || value instanceof Set) {
    // JSON.stringify would turn these into {} and silently lose every entry.
    const kind = value instanceof Map ? 'a Map' : 'a Set'
    throw resultUnsupported(kind, 'Convert it first, e.g. Object.fromEntries(map) or [...set]')
  }
  // Known shortcoming: a Map or Set nested inside the result still becomes {} in the JSON.
  const text = JSON.stringify(value)
  if (text === undefined) {
    throw resultUnsupported(`a ${typeof value}`, 'Return a string, JSON value, bytes or Response')
  }
  return text
}

// Duck-typed only: a Response made by another copy of undici or by a fetch polyfill is not an
// instance of the global class, and on Node 20 merely reading the global `Response` loads undici,
// which costs about 24 ms of every cold start even for functions that never return one.
function isFetchResponse(value: unknown): value is Response {
  if (typeof value !== 'object' || value === null) return false
  const candidate = value as Partial<Response>
  return (
    typeof candidate.status === 'number' &&
    typeof candidate.arrayBuffer === 'function' &&
    typeof candidate.headers?.forEach === 'function'
  )
}

async function fromFetchResponse(response: Response): Promise<ProxyResult> {
  const headers: Record<string, string> = {}
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers[name] = value
  })
  const bytes = new Uint8Array(await response.arrayBuffer())
  const contentType = response.headers.get('content-type') ?? ''

  const isText = bytes.byteLength === 0 || TEXTUAL_TYPE.test(contentType)
  const result: ProxyResult = isText
    ? { statusCode: response.status, headers, body: new TextDecoder().decode(bytes) }
    : bytesResult(response.status, headers, bytes)

  // Headers joins repeated Set-Cookie values with commas, which breaks cookies whose expiry date
  // contains one; multiValueHeaders keeps each cookie separate.
  const cookies = response.headers.getSetCookie?.() ?? []
  if (cookies.length > 0) result.multiValueHeaders = { 'set-cookie': cookies }
  return result
}
