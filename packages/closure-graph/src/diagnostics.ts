/** A capture path as segments, or anything that can list them. */
export type PathLike = string[] | { readonly segments: string[] }

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
  | 'CAPTURE_SHARED_SCOPE_UNKNOWN'
  | 'CAPTURE_CLASS_STATIC_INIT'
  | 'CAPTURE_BUILTIN_EXTENDED'
  | 'CAPTURE_PACKAGE_CONFIGURED'

/** A value reachable from the function cannot be rebuilt in another process. */
export class CaptureError extends Error {
  readonly code: string
  readonly capturePath: string[]
  readonly hint: string
  /** Where the function that captured the value is defined (file or script, 1-based line). */
  location?: { file: string; line: number; column: number }
  /** A few lines of that function's source, the first one marked. */
  frame?: string

  constructor(code: CaptureErrorCode, path: PathLike, problem: string, hint: string) {
    const capturePath = Array.isArray(path) ? path : path.segments
    const where = capturePath.length > 0 ? ` at ${formatCapturePath(capturePath)}` : ''
    super(`${problem}${where}. ${hint}`)
    this.name = 'CaptureError'
    this.code = code
    this.capturePath = capturePath
    this.hint = hint
  }

  /** Adds where the capturing function is defined, once (the innermost function wins). */
  locate(file: string, line: number, column: number, source: string): this {
    if (this.location) return this
    this.location = { file, line, column }
    this.frame = codeFrame(source, line)
    this.message += `\n  defined at ${file}:${line}:${column}\n${this.frame}`
    return this
  }
}

/** The first lines of a function's source, numbered from its real line, first one marked. */
function codeFrame(source: string, firstLine: number): string {
  const lines = source.split('\n').slice(0, 3)
  const width = String(firstLine + lines.length).length
  return lines
    .map((text, i) => `${i === 0 ? '>' : ' '} ${String(firstLine + i).padStart(width)} | ${text}`)
    .join('\n')
}

export function formatCapturePath(capturePath: string[]): string {
  return capturePath.join(' -> ')
}

const CREATE_INSIDE =
  'Create it inside the function (or behind a lazy initialiser the function calls), or pass the data it holds instead'

export function unsupportedValue(
  capturePath: PathLike,
  what: string,
  hint = `${CREATE_INSIDE}.`,
): CaptureError {
  return new CaptureError('CAPTURE_UNSUPPORTED_VALUE', capturePath, `Cannot capture ${what}`, hint)
}

export function unsupportedProperty(
  capturePath: PathLike,
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

export function commonJsModule(capturePath: PathLike): CaptureError {
  return unsupportedValue(
    capturePath,
    "a CommonJS `module` object (it holds the loader's state and absolute file paths; only reads of `module.exports.<name>` can travel)",
    'Read what you need through `module.exports.<name>`, or keep it in a variable outside the function and use that variable instead.',
  )
}

export function replacedMethod(
  capturePath: PathLike,
  className: string,
  owner: string,
  key: string,
): CaptureError {
  return new CaptureError(
    'CAPTURE_UNSUPPORTED_PROPERTY',
    capturePath,
    `Cannot capture method ${key} of class ${className}: it was replaced after the class was defined (\`${owner}.${key} = ...\`), and replaced class methods are not rebuilt yet`,
    `Put the new method in the class body (or a subclass that overrides it), or add it under a name the class body does not define.`,
  )
}

/**
 * A class whose definition reads captured bindings: the rebuilt module evaluates the class text
 * before it assigns them, and would repeat side effects the original already had.
 */
export function classStaticInit(
  capturePath: PathLike,
  className: string,
  names: string[],
): CaptureError {
  const list = names.map((name) => `\`${name}\``).join(', ')
  return new CaptureError(
    'CAPTURE_CLASS_STATIC_INIT',
    capturePath,
    `Cannot capture class ${className || '(anonymous)'}: a static block, static field initialiser or computed member key uses ${list} from outside the class, and rebuilding the class would run that code again (repeating its side effects) before the rebuilt module has assigned ${list}`,
    'Move that code below the class body (register the class after defining it, for example), or make the static initialisers use only literals and the class itself.',
  )
}

/**
 * A function uses a member added to a standard prototype or constructor: the rebuilt module runs
 * in a fresh realm where that member does not exist.
 */
export function builtinExtended(capturePath: PathLike, members: string[]): CaptureError {
  const list = members.map((member) => `\`${member}\``).join(', ')
  const name = members[0]?.split('.').pop() ?? 'helper'
  return new CaptureError(
    'CAPTURE_BUILTIN_EXTENDED',
    capturePath,
    `Cannot capture a function that uses ${list} (added to a built-in outside the function; the rebuilt function runs with fresh built-ins that lack it)`,
    `Use a plain helper function instead (\`${name}(value)\` rather than \`value.${name}()\`), or set the member up inside the function before using it.`,
  )
}

/**
 * A direct `eval` of code built at run time may read any binding its function sees, and one of
 * them cannot travel.
 */
export function dynamicEval(capturePath: PathLike, reason: string): CaptureError {
  return new CaptureError(
    'CAPTURE_UNSUPPORTED_FUNCTION',
    capturePath,
    `Cannot capture a function that calls \`eval\` on code built at run time: ${reason}`,
    'Give `eval` a string literal (the names it uses are then captured like the rest of the function), or replace it with a function that takes what the code needs as parameters.',
  )
}

/**
 * A function uses a standard function the user replaced (`Date.now = () => 42`) or a built-in
 * setting the user changed (`Error.stackTraceLimit`): the rebuilt module runs with fresh built-ins,
 * so it would silently get the standard behaviour back.
 */
export function builtinReplaced(
  capturePath: PathLike,
  replaced: string[],
  settings: string[],
): CaptureError {
  const list = [...replaced, ...settings].map((member) => `\`${member}\``).join(', ')
  const fixes: string[] = []
  if (replaced[0]) {
    const name = replaced[0].split('.').pop() ?? 'helper'
    const own = `my${name.charAt(0).toUpperCase()}${name.slice(1)}`
    fixes.push(
      `Call your version by its own name instead of patching the built-in (\`const ${own} = ...\`, then \`${own}()\`; leave \`${replaced[0]}\` standard)`,
    )
  }
  if (settings[0]) {
    fixes.push(`${fixes.length > 0 ? 'set' : 'Set'} \`${settings[0]}\` inside the function instead`)
  }
  return new CaptureError(
    'CAPTURE_BUILTIN_EXTENDED',
    capturePath,
    `Cannot capture a function that uses ${list} (replaced on a built-in outside the function; the rebuilt function runs with fresh built-ins, where it is the standard one again)`,
    `${fixes.join(', and ')}.`,
  )
}

/**
 * A package's exports were changed after it loaded: the rebuilt module imports the package fresh,
 * so the changes would be lost.
 */
export function packageConfigured(
  capturePath: PathLike,
  specifier: string,
  changed: string[],
): CaptureError {
  const list = changed.map((key) => `\`${key}\``).join(', ')
  return new CaptureError(
    'CAPTURE_PACKAGE_CONFIGURED',
    capturePath,
    `Cannot capture package \`${specifier}\` (its exports differ from a fresh load: ${list} added or changed after it loaded; the rebuilt function imports the package fresh and would lose that)`,
    'Configure it inside the function (once, behind a flag, before first use), or pass the settings explicitly where the package accepts them (`_.template(text, { interpolate })` rather than `_.templateSettings.interpolate = ...`).',
  )
}

export function unsupportedFunction(capturePath: PathLike, what: string): CaptureError {
  return new CaptureError(
    'CAPTURE_UNSUPPORTED_FUNCTION',
    capturePath,
    `Cannot capture ${what}`,
    'Wrap it in a plain function, or import it from a package or node built-in so it travels by reference.',
  )
}

/** A function body loads one of the user's own files: the rebuilt function would not have it. */
export function localModuleCall(capturePath: PathLike, specifier: string): CaptureError {
  return new CaptureError(
    'CAPTURE_UNSUPPORTED_FUNCTION',
    capturePath,
    `Cannot capture a function that loads the local file ${JSON.stringify(specifier)} inside its body (the call stays in the rebuilt function, where that file is not deployed, and a fresh load would also lose the state the module has in this process)`,
    `Load it once outside the function (\`const helper = require(${JSON.stringify(specifier)})\` or an import declaration) and use that binding inside: its values are then captured like any other.`,
  )
}

/** A function Node made internally (`promisify(readFile)`, a bound internal): no module exports it. */
export function nodeInternalFunction(capturePath: PathLike, name: string): CaptureError {
  return new CaptureError(
    'CAPTURE_UNSUPPORTED_FUNCTION',
    capturePath,
    `Cannot capture ${name || 'a function'}: it was made inside Node.js (by \`util.promisify\`, \`util.callbackify\`, a stream or the like), and no built-in module exports this very function`,
    'Make it inside the function from what the built-in exports (`promisify(readFile)` in the body, or `readFile` from `node:fs/promises`).',
  )
}

/** A function body loads a module by a name computed at run time: nothing could bundle it. */
export function computedModuleCall(capturePath: PathLike): CaptureError {
  return new CaptureError(
    'CAPTURE_UNSUPPORTED_FUNCTION',
    capturePath,
    'Cannot capture a function that calls `require(...)` or `import(...)` with a name computed at run time, or hands `require` on as a value (the call stays in the rebuilt function, and the module it would load is not deployed with it)',
    "Load the modules it may need outside the function (`const parsers = { csv: require('csv-parse') }`) and pick one inside; or write the name as a string literal so the module is bundled.",
  )
}

export function nativeFunction(capturePath: PathLike, name: string): CaptureError {
  return new CaptureError(
    'CAPTURE_NATIVE_FUNCTION',
    capturePath,
    `Cannot capture native function ${name || '(anonymous)'}: it is neither a standard global nor exported by a node built-in`,
    'Call it through its global or built-in module name inside the function instead of capturing the value.',
  )
}

export function lexicalThis(capturePath: PathLike, keyword: string): CaptureError {
  return new CaptureError(
    'CAPTURE_LEXICAL_THIS',
    capturePath,
    `Cannot capture an arrow function that uses the enclosing \`${keyword}\``,
    'Read what you need from `' +
      keyword +
      '` into a variable outside the arrow function and use that variable instead.',
  )
}

/** `import.meta` describes the file a function is written in; the rebuilt one lives elsewhere. */
export function importMeta(capturePath: PathLike): CaptureError {
  return new CaptureError(
    'CAPTURE_UNSUPPORTED_FUNCTION',
    capturePath,
    'Cannot capture a function that uses `import.meta`: it describes the module the function is written in, and the rebuilt function lives in another module',
    'Read what you need outside the function (`const here = import.meta.url`, `const dir = import.meta.dirname`) and use that binding inside.',
  )
}

export function parseFailed(capturePath: PathLike, reason: string): CaptureError {
  return new CaptureError(
    'CAPTURE_PARSE_FAILED',
    capturePath,
    `Cannot parse the function's source (${reason})`,
    'Serialize a plain function, arrow function or method; report the source text if it is valid JavaScript.',
  )
}

export function inspectorFailed(capturePath: PathLike, reason: string): CaptureError {
  return new CaptureError(
    'CAPTURE_INSPECTOR_FAILED',
    capturePath,
    `The V8 inspector could not read the function (${reason})`,
    'Make sure no other debugger is attached to this process and try again.',
  )
}

export function sharedScopeUnknown(capturePath: PathLike): CaptureError {
  return new CaptureError(
    'CAPTURE_SHARED_SCOPE_UNKNOWN',
    capturePath,
    'Cannot tell which captured functions share a mutable variable: the heap snapshot does not match the scopes V8 reports',
    'Move the shared variable into an object the functions both capture (`const state = { count: 0 }`), so sharing is carried by identity.',
  )
}

/** Telling shared scopes apart needs a heap snapshot, and this process's heap is too big for one. */
export function sharedScopeTooCostly(capturePath: PathLike, reason: string): CaptureError {
  return new CaptureError(
    'CAPTURE_SHARED_SCOPE_UNKNOWN',
    capturePath,
    `Cannot tell which captured functions share a mutable variable: that takes a heap snapshot, and ${reason}`,
    'Move the shared variable into an object the functions both capture (`const state = { count: 0 }`), so sharing is carried by identity; or mount from a process that holds less data.',
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
