/** How one invocation ended, as the gateway needs to know it. */
export type InvocationOutcome =
  /** The function answered; `payload` is the JSON text it posted. */
  | { kind: 'response'; payload: string }
  /** The function reported an error through the Runtime API (a throw, or a failed init). */
  | { kind: 'error'; errorType: string; errorMessage: string }
  /** The instance died, or was stopped, before answering. */
  | { kind: 'crash'; errorMessage: string }
  /** The function ran past its timeout and its instance was killed. */
  | { kind: 'timeout'; errorMessage: string }
  /** Every instance was busy and the queue was full; the function never saw the event. */
  | { kind: 'throttled'; errorMessage: string }

/** Reads a Runtime API error document, tolerating a body that is not one. */
export function errorOutcome(body: string): InvocationOutcome {
  try {
    const parsed = JSON.parse(body) as { errorType?: unknown; errorMessage?: unknown }
    return {
      kind: 'error',
      errorType: typeof parsed.errorType === 'string' ? parsed.errorType : 'Error',
      errorMessage: typeof parsed.errorMessage === 'string' ? parsed.errorMessage : body,
    }
  } catch {
    // Not JSON: the runtime sent free text, which still is the best message there is.
    return { kind: 'error', errorType: 'Error', errorMessage: body }
  }
}
