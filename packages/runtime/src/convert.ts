/**
 * Converts the text of a path segment or query value to a placeholder's declared type. One
 * converter per type, so an artifact bundles only those its route uses.
 */
import type { PlaceholderType } from './types.js'

export type Conversion = { ok: true; value: unknown } | { ok: false; expected: string }

export type Converter = (text: string) => Conversion

export type Converters = Partial<Record<PlaceholderType, Converter>>

// Plain decimal notation only: Number() alone would also accept '', ' ', '0x1f' and 'Infinity'.
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/
const INTEGER = /^[+-]?\d+$/

export function toText(text: string): Conversion {
  return { ok: true, value: text }
}

export function toNumber(text: string): Conversion {
  const value = Number(text)
  if (DECIMAL.test(text) && Number.isFinite(value)) return { ok: true, value }
  return { ok: false, expected: 'a number such as 42 or -1.5' }
}

export function toInteger(text: string): Conversion {
  const value = Number(text)
  if (INTEGER.test(text) && Number.isSafeInteger(value)) return { ok: true, value }
  return { ok: false, expected: 'an integer such as 42 (at most 2^53 - 1 in size)' }
}

export function toBoolean(text: string): Conversion {
  switch (text.toLowerCase()) {
    case 'true':
    case '1':
      return { ok: true, value: true }
    case 'false':
    case '0':
      return { ok: true, value: false }
  }
  return { ok: false, expected: 'true or false (or 1 or 0)' }
}

/** Every converter, for handlers created at run time from an unparsed config. */
export const CONVERTERS: Required<Converters> = {
  string: toText,
  number: toNumber,
  integer: toInteger,
  boolean: toBoolean,
}

/** The name each converter is exported under, for code that imports only the ones it needs. */
export const CONVERTER_EXPORTS: Record<PlaceholderType, string> = {
  string: 'toText',
  number: 'toNumber',
  integer: 'toInteger',
  boolean: 'toBoolean',
}
