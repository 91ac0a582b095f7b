import type { InvokeResult } from '@portkey/backend'
import type { PoolInvocation } from './instances/pool.js'

/** A pool invocation as `Backend.invoke` reports it, in the words Lambda's Invoke API uses. */
export function directResult({ requestId, outcome }: PoolInvocation): InvokeResult {
  switch (outcome.kind) {
    case 'response':
      return { requestId, payload: parsePayload(outcome.payload) }
    case 'error':
      return {
        requestId,
        payload: null,
        error: { errorType: outcome.errorType, errorMessage: outcome.errorMessage },
      }
    case 'crash':
      return {
        requestId,
        payload: null,
        error: { errorType: 'Runtime.ExitError', errorMessage: outcome.errorMessage },
      }
    case 'throttled':
      return {
        requestId,
        payload: null,
        error: { errorType: 'TooManyRequestsException', errorMessage: outcome.errorMessage },
      }
    case 'timeout':
      return {
        requestId,
        payload: null,
        error: { errorType: 'Sandbox.Timedout', errorMessage: outcome.errorMessage },
      }
  }
}

function parsePayload(payload: string): unknown {
  try {
    return JSON.parse(payload)
  } catch {
    // The runtime posted something that is not JSON; hand it over as the text it is.
    return payload
  }
}
