/**
 * Every error @portkey/core raises: a stable code, a message that says what went wrong and
 * where, and a hint that says how to fix it.
 */

export type CoreErrorCode =
  | 'MOUNT_INVALID_FUNCTION'
  | 'MOUNT_INVALID_NAME'
  | 'MOUNT_INVALID_OPTION'
  | 'MOUNT_ROUTE_MISMATCH'
  | 'MOUNT_NOT_FOUND'

export class PortkeyError extends Error {
  readonly code: CoreErrorCode
  readonly hint: string

  constructor(code: CoreErrorCode, message: string, hint: string) {
    super(`${message}\n  hint: ${hint}`)
    this.name = 'PortkeyError'
    this.code = code
    this.hint = hint
  }
}

export function invalidFunction(value: unknown): PortkeyError {
  const got = value === null ? 'null' : typeof value
  return new PortkeyError(
    'MOUNT_INVALID_FUNCTION',
    `mount() expects a function as its first argument, got ${got}`,
    'pass the function itself, e.g. mount(flatter, "/hello?name={name}")',
  )
}

export function invalidName(name: string): PortkeyError {
  return new PortkeyError(
    'MOUNT_INVALID_NAME',
    `mount name "${name}" is not valid: use 1 to 64 letters, digits, "-" or "_"`,
    'choose another `name` option, or leave it out to derive one from the function name',
  )
}

export function invalidOption(
  key: string,
  problem: string,
  valid: readonly string[],
): PortkeyError {
  return new PortkeyError(
    'MOUNT_INVALID_OPTION',
    `mount option \`${key}\` ${problem}`,
    `valid options are: ${valid.join(', ')}`,
  )
}

export function routeMismatch(name: string, problem: string, hint: string): PortkeyError {
  return new PortkeyError('MOUNT_ROUTE_MISMATCH', `cannot mount ${name}: ${problem}`, hint)
}

export function mountNotFound(name: string, known: string[]): PortkeyError {
  const list = known.length > 0 ? `mounted now: ${known.join(', ')}` : 'nothing is mounted'
  return new PortkeyError(
    'MOUNT_NOT_FOUND',
    `no mount named "${name}" (${list})`,
    'call list() to see the mounts, and pass one of their names to unmount()',
  )
}

export function invalidUnmountTarget(target: unknown): PortkeyError {
  const got = target === null ? 'null' : typeof target
  return new PortkeyError(
    'MOUNT_NOT_FOUND',
    `unmount() expects a mount name or the object mount() returned, got ${got}`,
    'pass the mount itself, e.g. const m = await mount(fn, route); await unmount(m)',
  )
}
