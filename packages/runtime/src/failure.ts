/**
 * A thrown error -> a JSON error response. The stack goes to the logs only: a response body is
 * read by strangers, a log by the owner.
 */
import { createRequire } from 'node:module'
import { jsonResult } from './response.js'
import type { ProxyResult } from './types.js'

export function failureResult(error: unknown, requestId: string): ProxyResult {
  const status = declaredStatus(error)
  console.error(`[portkey] request ${requestId} failed with ${status}:`, error)

  if (status >= 500) {
    const reason = status === 500 ? 'Internal Server Error' : (reasonPhrase(status) ?? 'Error')
    return jsonResult(status, { error: reason, requestId })
  }
  // A 4xx is the caller's fault, so the caller may read why. Only the message is sent, never the
  // stack or other properties of the error.
  return jsonResult(status, { error: clientMessage(error, status), requestId })
}

/** The error's own `status` or `statusCode` when it is an HTTP error status, else 500. */
function declaredStatus(error: unknown): number {
  if (typeof error !== 'object' || error === null) return 500

  const { status, statusCode } = error as { status?: unknown; statusCode?: unknown }
  for (const candidate of [status, statusCode]) {
    if (Number.isInteger(candidate) && Number(candidate) >= 400 && Number(candidate) <= 599) {
      return Number(candidate)
    }
  }
  return 500
}

function clientMessage(error: unknown, status: number): string {
  const message = (error as { message?: unknown }).message
  if (typeof message === 'string' && message !== '') return message
  return reasonPhrase(status) ?? 'Error'
}

// Loaded on first use, not imported: importing node:http costs about 3 ms of every cold start
// (Node 20, measured here), and only an error with an unusual status needs a reason phrase.
function reasonPhrase(status: number): string | undefined {
  const http = createRequire(import.meta.url)('node:http') as typeof import('node:http')
  return http.STATUS_CODES[status]
}
