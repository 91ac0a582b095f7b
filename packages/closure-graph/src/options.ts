import { invalidOptions } from './diagnostics.js'
import type { SerializeOptions } from './types.js'

export interface ResolvedSerializeOptions {
  name: string
}

const VALID_KEYS = ['name']

export function resolveSerializeOptions(
  fn: Function,
  options: SerializeOptions = {},
): ResolvedSerializeOptions {
  for (const key of Object.keys(options)) {
    if (!VALID_KEYS.includes(key)) throw invalidOptions(key, VALID_KEYS)
  }
  return { name: options.name ?? (fn.name || 'function') }
}
