/** JavaScript source text for a primitive, exact for -0, NaN, ±Infinity and bigint. */
export function primitiveLiteral(value: unknown): string {
  if (value === undefined) return 'undefined'
  if (value === null) return 'null'
  if (typeof value === 'bigint') return `${value}n`
  if (typeof value === 'number') return numberLiteral(value)
  if (typeof value === 'string') return JSON.stringify(value)
  if (typeof value === 'boolean') return String(value)
  throw new Error(`not a primitive literal: ${typeof value}`)
}

function numberLiteral(value: number): string {
  if (Object.is(value, -0)) return '-0'
  if (Number.isNaN(value)) return 'NaN'
  if (value === Infinity) return 'Infinity'
  if (value === -Infinity) return '-Infinity'
  return String(value)
}

/** A property key as written in an object literal or after a dot. */
export function propertyKey(key: string): string {
  return isIdentifierName(key) || /^(0|[1-9]\d*)$/.test(key) ? key : JSON.stringify(key)
}

export function memberAccess(target: string, key: string): string {
  return isIdentifierName(key) ? `${target}.${key}` : `${target}[${JSON.stringify(key)}]`
}

export function isIdentifierName(name: string): boolean {
  return /^[A-Za-z_$][\w$]*$/.test(name)
}
