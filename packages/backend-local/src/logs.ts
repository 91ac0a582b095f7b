import type { Readable } from 'node:stream'

/** How many lines each function keeps; older ones fall off the front. */
const LOG_LINES_KEPT = 1000

// Read once: echoing costs nothing when the channel is off.
const echo = (process.env.DEBUG ?? '').split(/[\s,]+/).some(isLocalChannel)

function isLocalChannel(pattern: string): boolean {
  return pattern === 'portkey:local' || pattern === 'portkey:*' || pattern === '*'
}

/** The last lines a function's instances printed, plus the gateway's own lines about them. */
export class FunctionLog {
  private readonly lines: string[] = []
  private readonly followers = new Set<(line: string) => void>()

  constructor(private readonly functionName: string) {}

  /**
   * Adds one line under `tag` (the instance, e.g. `hello#2`). The runtime turns line breaks
   * inside one console call into `\r`, as Lambda does; they become real ones here again.
   */
  append(tag: string, line: string): void {
    const entry = `[${tag}] ${line.replaceAll('\r', '\n')}`
    this.lines.push(entry)
    if (this.lines.length > LOG_LINES_KEPT) this.lines.shift()
    if (echo) process.stderr.write(`portkey:local ${this.functionName} ${entry}\n`)
    for (const follower of this.followers) follower(entry)
  }

  snapshot(): string[] {
    return [...this.lines]
  }

  /** Calls `onLine` for each line appended from now on, until the returned function is called. */
  follow(onLine: (line: string) => void): () => void {
    this.followers.add(onLine)
    return () => this.followers.delete(onLine)
  }
}

/** Splits a child's output stream into lines, flushing a last unterminated line at the end. */
export function forEachLine(stream: Readable, onLine: (line: string) => void): void {
  let pending = ''
  stream.setEncoding('utf8')

  stream.on('data', (chunk: string) => {
    const parts = (pending + chunk).split('\n')
    pending = parts.pop() ?? ''
    for (const part of parts) onLine(part.replace(/\r$/, ''))
  })

  stream.on('end', () => {
    if (pending !== '') onLine(pending)
    pending = ''
  })
}
