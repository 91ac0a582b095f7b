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

  constructor(private readonly functionName: string) {}

  append(tag: string, line: string): void {
    const entry = `[${tag}] ${line}`
    this.lines.push(entry)
    if (this.lines.length > LOG_LINES_KEPT) this.lines.shift()
    if (echo) process.stderr.write(`portkey:local ${this.functionName} ${entry}\n`)
  }

  snapshot(): string[] {
    return [...this.lines]
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
