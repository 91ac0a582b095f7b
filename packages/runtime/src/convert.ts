/** Converts the text of a path segment or query value to a placeholder's declared type. */
import type { PlaceholderType } from './types.js'

export type Conversion = { ok: true; value: unknown } | { ok: false; expected: string }

// Plain decimal notation only: Number() alone would also accept '', ' ', '0x1f' and 'Infinity'.
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/
const INTEGER = /^[+-]?\d+$/
const BOOLEANS = new Map([
  ['true', true],
  ['false', false],
  ['1', true],
  ['0', false],
])

export function convertValue(text: string, type: PlaceholderType): Conversion {
  switch (type) {
    case 'string':
      return { ok: true, value: text }
    case 'number':
      return toNumber(text)
    case 'integer':
      return toInteger(text)
    case 'boolean':
      return toBoolean(text)
  }
}

function toNumber(text: string): Conversion {
  const value = Number(text)
  if (DECIMAL.test(text) && Number.isFinite(value)) return { ok: true, value }
  return { ok: false, expected: 'a number such as 42 or -1.5' }
}

function toInteger(text: string): Conversion {
  const value = Number(text)
  if (INTEGER.test(text) && Number.isSafeInteger(value)) return { ok: true, value }
  return { ok: false, expected: 'an integer such as 42 (at most 2^53 - 1 in size)' }
}

function toBoolean(text: string): Conversion {
  const value = BOOLEANS.get(text.toLowerCase())
  if (value !== undefined) return { ok: true, value }
  return { ok: false, expected: 'true or false (or 1 or 0)' }
}
