import type { ServerResponse } from 'node:http'

/** A proxy result after checking, ready to be written. */
export interface CheckedResult {
  statusCode: number
  headers: Array<[string, string]>
  body: Buffer
}

/**
 * Reads the function's JSON answer as API Gateway reads a proxy result. Anything that is not one
 * (not an object, a non-integer status, a body that is not a string, a header that is neither a
 * primitive nor a list of them) yields null, which the gateway turns into a 502.
 */
export function checkProxyResult(payload: string): CheckedResult | null {
  let value: unknown
  try {
    value = JSON.parse(payload)
  } catch {
    // Invalid JSON from the runtime is a malformed answer like any other.
    return null
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null

  const result = value as Record<string, unknown>
  const status = result.statusCode
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599) {
    return null
  }
  // API Gateway accepts a missing body as an empty one, but not a body of another type.
  const body = result.body ?? ''
  if (typeof body !== 'string') return null

  const headers = collectHeaders(result.headers, result.multiValueHeaders)
  if (headers === null) return null
  const bytes = result.isBase64Encoded === true ? Buffer.from(body, 'base64') : Buffer.from(body)
  return { statusCode: status, headers, body: bytes }
}

function collectHeaders(single: unknown, multi: unknown): Array<[string, string]> | null {
  const headers: Array<[string, string]> = []
  const seen = new Set<string>()

  // Like API Gateway, a name in both maps takes its values from `multiValueHeaders`.
  for (const [name, values] of entries(multi)) {
    if (!Array.isArray(values) || !values.every(isPrimitive)) return null
    for (const value of values) headers.push([name, String(value)])
    seen.add(name.toLowerCase())
  }
  for (const [name, value] of entries(single)) {
    if (!isPrimitive(value)) return null
    if (!seen.has(name.toLowerCase())) headers.push([name, String(value)])
  }
  return headers
}

function entries(map: unknown): Array<[string, unknown]> {
  if (typeof map !== 'object' || map === null) return []
  return Object.entries(map)
}

function isPrimitive(value: unknown): boolean {
  return ['string', 'number', 'boolean'].includes(typeof value)
}

/** Writes a checked result; REST APIs default the content type to JSON when none is given. */
export function writeResult(res: ServerResponse, result: CheckedResult, requestId: string): void {
  const names = new Set(result.headers.map(([name]) => name.toLowerCase()))
  const headers: string[] = []
  for (const [name, value] of result.headers) {
    // Node computes these for the body it writes; copying them could contradict it.
    if (name.toLowerCase() === 'content-length' || name.toLowerCase() === 'transfer-encoding') {
      continue
    }
    headers.push(name, value)
  }
  if (!names.has('content-type')) headers.push('Content-Type', 'application/json')
  headers.push('x-amzn-RequestId', requestId, 'Content-Length', String(result.body.length))
  res.writeHead(result.statusCode, headers)
  res.end(result.body)
}

/** A gateway-made answer: `{"message": ...}` in JSON, as API Gateway words its own errors. */
export function writeMessage(
  res: ServerResponse,
  statusCode: number,
  message: string,
  requestId: string,
): void {
  const body = JSON.stringify({ message })
  res.writeHead(statusCode, {
    'Content-Type': 'application/json',
    'Content-Length': String(Buffer.byteLength(body)),
    'x-amzn-RequestId': requestId,
  })
  res.end(body)
}
