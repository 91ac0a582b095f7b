import { isAbsolute, relative, sep } from 'node:path'
import MagicString from 'magic-string'
import type { FunctionCapture } from '../walk/captures.js'

/**
 * The text of each captured function as a MagicString whose positions map back to the function's
 * original script. Functions of one script share one rebuilt "original": the script's text is
 * not read from disk, only the function texts are laid at their real line and column, so the
 * map points at the right place and magic-string sees one content per script.
 */
export class FunctionSources {
  private readonly scripts = new Map<string, { text: MagicString; filename: string }>()
  private readonly starts = new Map<FunctionCapture, number>()

  constructor(functions: FunctionCapture[], resolveDir: string) {
    const byScript = new Map<string, FunctionCapture[]>()
    for (const fn of functions) {
      if (!fn.location) continue
      const group = byScript.get(fn.location.script) ?? []
      group.push(fn)
      byScript.set(fn.location.script, group)
    }
    for (const [script, members] of byScript) this.layOut(script, members, resolveDir)
  }

  /** The function's source, mapped when its location is known. */
  sourceOf(fn: FunctionCapture): MagicString {
    const start = this.starts.get(fn)
    const script = fn.location && this.scripts.get(fn.location.script)
    if (start === undefined || !script) return new MagicString(fn.source)

    const snippet = script.text.snip(start, start + fn.source.length)
    return Object.assign(snippet, { filename: script.filename })
  }

  /** The name of the file the map points `fn` at, when its source is mapped (as `sourceOf`). */
  filenameOf(fn: FunctionCapture): string | undefined {
    if (!this.starts.has(fn) || !fn.location) return undefined
    return this.scripts.get(fn.location.script)?.filename
  }

  /** Where `fn.source` starts inside the shared original of its script. */
  startOf(fn: FunctionCapture): number | undefined {
    return this.starts.get(fn)
  }

  private layOut(script: string, functions: FunctionCapture[], resolveDir: string): void {
    const lines: string[] = []
    const placed = functions.map((fn) => ({ fn, ...sourceStart(fn) }))
    for (const { fn, line, column } of placed) writeAt(lines, line, column, fn.source)

    const text = lines.join('\n')
    const lineStarts = offsetsOfLines(lines)
    for (const { fn, line, column } of placed) {
      const start = (lineStarts[line] ?? 0) + column
      // Overlapping texts that disagree cannot share one original; such a function stays unmapped.
      if (text.slice(start, start + fn.source.length) === fn.source) this.starts.set(fn, start)
    }
    this.scripts.set(script, {
      text: new MagicString(text),
      filename: sourceName(script, resolveDir),
    })
  }
}

/**
 * V8's `[[FunctionLocation]]` points at the parameter list `(` of a function or method, and at
 * the very start of an arrow function; the source text starts earlier for the former.
 */
function sourceStart(fn: FunctionCapture): { line: number; column: number } {
  const location = fn.location!
  const before = fn.source.slice(0, parameterListOffset(fn))
  const newlines = before.split('\n').length - 1
  if (newlines === 0)
    return { line: location.line, column: Math.max(0, location.column - before.length) }
  // The first line's column is unknown when the head spans lines; column 0 is close enough.
  return { line: Math.max(0, location.line - newlines), column: 0 }
}

function parameterListOffset(fn: FunctionCapture): number {
  const { parsed } = fn
  if (parsed.form === 'arrow' || !('params' in parsed.node)) return 0
  const firstParam = parsed.node.params[0]
  const bound = firstParam?.start ?? parsed.node.body.start ?? 0
  return Math.max(0, parsed.wrapped.lastIndexOf('(', bound - 1) - parsed.offset)
}

function writeAt(lines: string[], line: number, column: number, text: string): void {
  for (const [index, part] of text.split('\n').entries()) {
    const at = index === 0 ? column : 0
    const current = (lines[line + index] ?? '').padEnd(at, ' ')
    lines[line + index] = current.slice(0, at) + part + current.slice(at + part.length)
  }
  for (let i = 0; i < lines.length; i++) lines[i] ??= ''
}

function offsetsOfLines(lines: string[]): number[] {
  const starts: number[] = []
  let offset = 0
  for (const line of lines) {
    starts.push(offset)
    offset += line.length + 1
  }
  return starts
}

/** Source names in the map are relative to the resolve directory, never absolute. */
function sourceName(script: string, resolveDir: string): string {
  if (!isAbsolute(script)) return script
  return relative(resolveDir, script).split(sep).join('/')
}
