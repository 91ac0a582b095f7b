/** How many steps are kept at each end when a long path is written out. */
const HEAD = 4

/**
 * A capture path (`handler -> config -> db`) stored as a link to its parent, so a chain of
 * 10,000 functions costs 10,000 links rather than 10,000 growing arrays, and a step into one of
 * 100,000 keys costs one small object. Text is made only when asked for.
 */
export class CapturePath {
  /** The step at depth HEAD on the way here (or this one, when shallower): where text begins. */
  private readonly anchor: CapturePath

  private constructor(
    readonly parent: CapturePath | undefined,
    /** The last step: a binding name, a property key, `[[BoundThis]]`, ... */
    readonly segment: string,
    readonly depth: number,
  ) {
    this.anchor = depth <= HEAD || !parent ? this : parent.anchor
  }

  static root(name: string): CapturePath {
    return new CapturePath(undefined, name, 1)
  }

  child(segment: string): CapturePath {
    return new CapturePath(this, segment, this.depth + 1)
  }

  /** Every step, root first. */
  get segments(): string[] {
    const segments = new Array<string>(this.depth)
    let at: CapturePath | undefined = this
    for (let index = this.depth - 1; at; index--, at = at.parent) segments[index] = at.segment
    return segments
  }

  /** True when this path leads to `other` or to something inside it. */
  isPrefixOf(other: string[]): boolean {
    return this.depth <= other.length && this.segments.every((s, i) => other[i] === s)
  }

  /**
   * `a -> b -> c`, with the middle of very long paths left out so text stays small. Costs a few
   * steps whatever the depth: every function of a chain of 100,000 is labelled with its path.
   */
  toString(): string {
    if (this.depth <= 3 * HEAD) return this.segments.join(' -> ')
    const skipped = this.depth - 2 * HEAD
    const tail = lastSteps(this, HEAD)
    return `${this.anchor.segments.join(' -> ')} -> ... (${skipped} more) -> ${tail.join(' -> ')}`
  }
}

function lastSteps(path: CapturePath, count: number): string[] {
  const steps: string[] = []
  for (let at: CapturePath | undefined = path; at && steps.length < count; at = at.parent)
    steps.unshift(at.segment)
  return steps
}
