import type MagicString from 'magic-string'
import type { FunctionCapture } from '../walk/captures.js'

/**
 * The function's text as an expression whose value is the function with its own `name`:
 * anonymous functions take the name of what they were assigned to, and methods are read back
 * from an object literal (which keeps them methods: no `prototype`, `super` home object).
 */
export function functionExpression(
  fn: FunctionCapture,
  declaredAs: string,
  source: MagicString,
  sourceStart: number,
): { prefix: string; suffix: string } {
  const { parsed } = fn
  const superClass = (
    parsed.node as { superClass?: { start?: number | null; end?: number | null } }
  ).superClass
  if (parsed.form === 'class' && superClass && fn.heritage) {
    const start = sourceStart + (superClass.start ?? 0) - parsed.offset
    source.overwrite(start, sourceStart + (superClass.end ?? 0) - parsed.offset, 'Object')
  }
  if (parsed.method) {
    const key = methodKey(fn)
    const computed = parsed.method.computedKey
    if (computed) {
      source.overwrite(
        sourceStart + computed.start,
        sourceStart + computed.end,
        JSON.stringify(key),
      )
    }
    const slot = parsed.method.slot
    return {
      prefix: 'Object.getOwnPropertyDescriptor({ ',
      suffix: ` }, ${JSON.stringify(key)}).${slot}`,
    }
  }
  if (!parsed.anonymous || fn.name === declaredAs) return { prefix: '', suffix: '' }
  if (fn.name === '') return { prefix: '(0, ', suffix: ')' }
  const key = JSON.stringify(fn.name)
  return { prefix: `{ ${key}: `, suffix: ` }[${key}]` }
}

function methodKey(fn: FunctionCapture): string {
  const { method } = fn.parsed
  if (method?.key !== undefined) return method.key
  return fn.name.replace(/^(get|set) /, '')
}

/** A comment naming the function's capture path and, when known, its file and line. */
export function functionComment(fn: FunctionCapture, filename: string | undefined): string {
  const where = filename && fn.location ? ` (${filename}:${fn.location.line + 1})` : ''
  return lineComment(`${fn.path.toString()}${where}`)
}

/**
 * A `//` comment of any text. Paths hold the user's property keys and file names, which may
 * contain line breaks: written raw, the rest of a key would become code of the module.
 */
export function lineComment(text: string): string {
  const escaped = text.replace(
    /[\n\r\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )
  return `// ${escaped}`
}
