import type { Integrity } from './captures.js'

/** How far `value` was locked (`Object.freeze`, `seal`, `preventExtensions`), if at all. */
export function integrityOf(value: object): Integrity | undefined {
  if (Object.isExtensible(value)) return undefined
  if (Object.isFrozen(value)) return 'freeze'
  return Object.isSealed(value) ? 'seal' : 'preventExtensions'
}
