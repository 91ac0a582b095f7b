/**
 * A result that is ready at once, or a promise of it. Only functions can need a promise (telling
 * whether a package owns one may import it); data never does, so a graph of data is walked
 * without creating a promise per value.
 */
export type Pending<T> = T | Promise<T>

/**
 * Runs `step` on each item in order: synchronously until a step returns a promise, after which
 * the rest waits for it. Order is kept either way.
 */
export function eachInOrder<T>(
  items: readonly T[],
  step: (item: T, index: number) => Pending<void>,
  from = 0,
): Pending<void> {
  for (let index = from; index < items.length; index++) {
    const waiting = step(items[index]!, index)
    if (waiting) return waiting.then(() => eachInOrder(items, step, index + 1))
  }
}

/** Hands a pending value to `use` as soon as it is ready. */
export function whenReady<T>(value: Pending<T>, use: (value: T) => Pending<void>): Pending<void> {
  return value instanceof Promise ? value.then(use) : use(value)
}
