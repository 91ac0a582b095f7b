import { vi } from 'vitest'

/**
 * Runs `work` with setTimeout faked and time pushed forward until it settles: the SDK's Lambda
 * waiters sleep with setTimeout between polls, and tests must not wait for real seconds.
 */
export async function withFakeTimers<T>(work: () => Promise<T>): Promise<T> {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
  try {
    const running = work()
    let settled = false
    running.then(
      () => (settled = true),
      () => (settled = true),
    )
    for (let step = 0; step < 10_000 && !settled; step += 1)
      await vi.advanceTimersByTimeAsync(1_000)
    return await running
  } finally {
    vi.useRealTimers()
  }
}
