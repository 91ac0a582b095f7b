import type { LambdaHandler } from './handler.js'

/** How one invocation ended from the function's side: a value to post, or an error. */
export type Completion = { ok: true; value: unknown } | { ok: false; error: unknown }

/** The context fields the completion rules read and the legacy methods they provide. */
export interface CompletionContext {
  callbackWaitsForEmptyEventLoop: boolean
  [key: string]: unknown
}

/**
 * Calls a handler and settles by the Node.js Lambda runtime's rules:
 *
 * - A returned promise settles the invocation when it settles; the event loop is not awaited.
 * - `callback(error, value)` settles it once the event loop is empty, or at once when the
 *   handler set `context.callbackWaitsForEmptyEventLoop = false`. The first call wins.
 * - A plain (non-promise) return value is ignored, as Lambda ignores it.
 * - If the event loop empties before any of these, the invocation answers `null`: this is what
 *   Lambda does for a forgotten callback or a promise nothing can resolve any more.
 * - A synchronous throw fails the invocation.
 *
 * Known shortcoming: with `callbackWaitsForEmptyEventLoop = false`, Lambda freezes the process
 * right after answering, so leftover timers run only on the next invocation. Here they keep
 * running between invocations.
 */
export function complete(
  handler: LambdaHandler,
  event: unknown,
  context: CompletionContext,
): Promise<Completion> {
  return new Promise((resolve) => {
    let settled = false
    let viaCallback: Completion | null = null
    const finish = (completion: Completion) => {
      if (settled) return
      settled = true
      process.off('beforeExit', onEmptyLoop)
      resolve(completion)
    }
    // Node emits `beforeExit` whenever the loop runs dry; our own work then revives it.
    const onEmptyLoop = () => finish(viaCallback ?? { ok: true, value: null })
    process.on('beforeExit', onEmptyLoop)

    const callback = (error: unknown, value?: unknown) => {
      const completion: Completion = error ? { ok: false, error } : { ok: true, value }
      if (context.callbackWaitsForEmptyEventLoop === false) finish(completion)
      else viaCallback ??= completion
    }
    Object.assign(context, legacyMethods(callback))

    let returned: unknown
    try {
      returned = handler(event, context, callback)
    } catch (error: unknown) {
      return finish({ ok: false, error })
    }
    if (isThenable(returned)) {
      returned.then(
        (value) => finish({ ok: true, value }),
        (error: unknown) => finish({ ok: false, error }),
      )
    }
  })
}

/** `context.done/succeed/fail`, which old handlers still call; they behave like the callback. */
function legacyMethods(callback: (error: unknown, value?: unknown) => void) {
  return {
    done: (error: unknown, value?: unknown) => callback(error, value),
    succeed: (value: unknown) => callback(null, value),
    fail: (error: unknown) => callback(error ?? new Error('handled')),
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function'
}
