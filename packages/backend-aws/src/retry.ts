/**
 * Backoff for the failures AWS documents as temporary. Every wait goes through the injected
 * `sleep`, and the budget counts slept time rather than the clock, so tests with a fake sleep run
 * in milliseconds and still exercise the real limits.
 */
import { errorName, errorText, httpStatus, retriesExhausted } from './diagnostics.js'

/** The kinds of failure worth another attempt. */
export type RetryReason = 'throttling' | 'conflict' | 'network' | 'role-propagation'

export interface RetryPolicy {
  /** Which failures this call may retry; anything else is thrown at once. */
  retry: readonly RetryReason[]
  sleep: (ms: number) => Promise<void>
  log?: (line: string) => void
}

const BASE_DELAY_MS = 500
const MAX_DELAY_MS = 20_000

// Per reason: attempts allowed, and the most time to spend sleeping. A new role can take well over
// ten seconds to reach Lambda (IAM is eventually consistent), so it gets minutes, not attempts.
const BUDGET: Record<RetryReason, { attempts: number; sleptMs: number }> = {
  // DeleteRestApi is limited to one call per 30 s per account, so throttling gets several minutes.
  throttling: { attempts: 12, sleptMs: 180_000 },
  conflict: { attempts: 12, sleptMs: 180_000 },
  network: { attempts: 4, sleptMs: 30_000 },
  'role-propagation': { attempts: 30, sleptMs: 180_000 },
}

const THROTTLING_NAMES = new Set([
  'TooManyRequestsException',
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'RequestLimitExceeded',
  'SlowDown',
])

const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN'])

/** What kind of temporary failure `error` is, or undefined when it is not one. */
export function classifyFailure(error: unknown): RetryReason | undefined {
  const name = errorName(error)
  if (THROTTLING_NAMES.has(name) || httpStatus(error) === 429) return 'throttling'
  if (name === 'ResourceConflictException') return 'conflict'
  if (isRolePropagation(error)) return 'role-propagation'
  if (isNetworkFailure(error)) return 'network'
  return undefined
}

// Lambda's wording when the role exists in IAM but has not reached Lambda yet.
function isRolePropagation(error: unknown): boolean {
  return (
    errorName(error) === 'InvalidParameterValueException' &&
    /role defined for the function cannot be assumed/i.test(errorText(error))
  )
}

function isNetworkFailure(error: unknown): boolean {
  const name = errorName(error)
  if (name === 'TimeoutError' || name === 'NetworkingError' || name === 'RequestTimeout')
    return true
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' && NETWORK_CODES.has(code)
}

/** Runs `attempt` until it succeeds, fails for good, or its reason's budget is spent. */
export async function withRetry<T>(
  action: string,
  policy: RetryPolicy,
  attempt: () => Promise<T>,
): Promise<T> {
  let attempts = 0
  let sleptMs = 0
  for (;;) {
    attempts += 1
    try {
      return await attempt()
    } catch (error: unknown) {
      const reason = classifyFailure(error)
      if (reason === undefined || !policy.retry.includes(reason)) throw error

      const budget = BUDGET[reason]
      const delay = backoffDelay(attempts)
      if (attempts >= budget.attempts || sleptMs + delay > budget.sleptMs) {
        throw retriesExhausted(action, attempts, error)
      }

      policy.log?.(`${action}: ${reason}, retrying in ${Math.round(delay)} ms`)
      await policy.sleep(delay)
      sleptMs += delay
    }
  }
}

/** Exponential with "equal jitter": at least half the step, so retries never bunch at zero. */
export function backoffDelay(attempt: number): number {
  const step = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (attempt - 1))
  return step / 2 + Math.random() * (step / 2)
}
