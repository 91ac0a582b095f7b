/** Every way a capture can fail, with a stable code per kind of failure. */
export type CaptureErrorCode =
  | 'CAPTURE_INVALID_OPTIONS'
  | 'CAPTURE_UNSUPPORTED_VALUE'
  | 'CAPTURE_UNSUPPORTED_PROPERTY'
  | 'CAPTURE_UNSUPPORTED_FUNCTION'
  | 'CAPTURE_NATIVE_FUNCTION'
  | 'CAPTURE_LEXICAL_THIS'
  | 'CAPTURE_PARSE_FAILED'
  | 'CAPTURE_INSPECTOR_FAILED'

/** A value reachable from the function cannot be rebuilt in another process. */
export class CaptureError extends Error {
  readonly code: string
  readonly capturePath: string[]
  readonly hint: string

  constructor(code: CaptureErrorCode, capturePath: string[], problem: string, hint: string) {
    const where = capturePath.length > 0 ? ` at ${formatCapturePath(capturePath)}` : ''
    super(`${problem}${where}. ${hint}`)
    this.name = 'CaptureError'
    this.code = code
    this.capturePath = capturePath
    this.hint = hint
  }
}

export function formatCapturePath(capturePath: string[]): string {
  return capturePath.join(' -> ')
}

const CREATE_INSIDE =
  'Create it inside the function (or behind a lazy initialiser the function calls), or pass the data it holds instead'

export function unsupportedValue(capturePath: string[], what: string): CaptureError {
  return new CaptureError(
    'CAPTURE_UNSUPPORTED_VALUE',
    capturePath,
    `Cannot capture ${what}`,
    `${CREATE_INSIDE}.`,
  )
}

export function unsupportedProperty(
  capturePath: string[],
  key: string,
  what: string,
): CaptureError {
  return new CaptureError(
    'CAPTURE_UNSUPPORTED_PROPERTY',
    capturePath,
    `Cannot capture property ${key} (${what})`,
    'Only own enumerable string-keyed data properties travel; turn the property into a plain value, or build the object inside the function.',
  )
}

export function unsupportedFunction(capturePath: string[], what: string): CaptureError {
  return new CaptureError(
    'CAPTURE_UNSUPPORTED_FUNCTION',
    capturePath,
    `Cannot capture ${what}`,
    'Wrap it in a plain function, or import it from a package or node built-in so it travels by reference.',
  )
}

export function nativeFunction(capturePath: string[], name: string): CaptureError {
  return new CaptureError(
    'CAPTURE_NATIVE_FUNCTION',
    capturePath,
    `Cannot capture native function ${name || '(anonymous)'}: it is neither a standard global nor exported by a node built-in`,
    'Call it through its global or built-in module name inside the function instead of capturing the value.',
  )
}

export function lexicalThis(capturePath: string[], keyword: string): CaptureError {
  return new CaptureError(
    'CAPTURE_LEXICAL_THIS',
    capturePath,
    `Cannot capture an arrow function that uses the enclosing \`${keyword}\``,
    'Read what you need from `' +
      keyword +
      '` into a variable outside the arrow function and use that variable instead.',
  )
}

export function parseFailed(capturePath: string[], reason: string): CaptureError {
  return new CaptureError(
    'CAPTURE_PARSE_FAILED',
    capturePath,
    `Cannot parse the function's source (${reason})`,
    'Serialize a plain function, arrow function or method; report the source text if it is valid JavaScript.',
  )
}

export function inspectorFailed(capturePath: string[], reason: string): CaptureError {
  return new CaptureError(
    'CAPTURE_INSPECTOR_FAILED',
    capturePath,
    `The V8 inspector could not read the function (${reason})`,
    'Make sure no other debugger is attached to this process and try again.',
  )
}

export function invalidOptions(key: string, valid: string[]): CaptureError {
  return new CaptureError(
    'CAPTURE_INVALID_OPTIONS',
    [],
    `Unknown option \`${key}\` passed to serialize`,
    `Valid options are: ${valid.join(', ')}.`,
  )
}
