/**
 * Every error this package throws, in one place. Each has a stable UPPER_SNAKE `code` that callers
 * can test, and a message that says what went wrong, where, and how to fix it.
 */

export type LocalBackendErrorCode =
  | 'UNKNOWN_OPTION'
  | 'INVALID_OPTION'
  | 'INVALID_MOUNT_NAME'
  | 'INVALID_DEPLOY_INPUT'
  | 'RESERVED_ENVIRONMENT_KEY'
  | 'ARTIFACT_HASH_MISMATCH'
  | 'UNSAFE_ZIP_ENTRY'
  | 'INVALID_ZIP'
  | 'ROUTE_CONFLICT'
  | 'MOUNT_NOT_FOUND'
  | 'GATEWAY_START_FAILED'
  | 'BACKEND_DISPOSED'
  | 'BOOTSTRAP_MISSING'
  | 'STATE_CORRUPTED'
  | 'STATE_ARTIFACT_MISSING'
  | 'CONTROL_UNAUTHORIZED'
  | 'CONTROL_FAILED'
  | 'SERVE_NOT_RUNNING'
  | 'SERVE_ALREADY_RUNNING'

export class LocalBackendError extends Error {
  readonly code: LocalBackendErrorCode

  constructor(code: LocalBackendErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'LocalBackendError'
    this.code = code
  }
}

export function unknownOption(key: string, valid: readonly string[]): LocalBackendError {
  return new LocalBackendError(
    'UNKNOWN_OPTION',
    `createLocalBackend(): unknown option \`${key}\`. Valid options are: ${valid.map((name) => `\`${name}\``).join(', ')}.`,
  )
}

export function invalidOption(
  where: string,
  key: string,
  rule: string,
  value: unknown,
): LocalBackendError {
  return new LocalBackendError(
    'INVALID_OPTION',
    `${where}: \`${key}\` must be ${rule}, got ${describe(value)}.`,
  )
}

export function invalidMountName(name: unknown): LocalBackendError {
  return new LocalBackendError(
    'INVALID_MOUNT_NAME',
    `deploy(): mount name ${describe(name)} is not valid. Use 1 to 64 letters, digits, \`-\` or \`_\` (Lambda's rule for function names).`,
  )
}

export function invalidDeployInput(name: string, problem: string): LocalBackendError {
  return new LocalBackendError('INVALID_DEPLOY_INPUT', `deploy('${name}'): ${problem}.`)
}

export function reservedEnvironmentKey(name: string, key: string): LocalBackendError {
  return new LocalBackendError(
    'RESERVED_ENVIRONMENT_KEY',
    `deploy('${name}'): environment variable \`${key}\` is reserved by the Lambda runtime and cannot be set. Rename it (for example \`APP_${key}\`).`,
  )
}

export function artifactHashMismatch(
  name: string,
  declared: string,
  actual: string,
): LocalBackendError {
  return new LocalBackendError(
    'ARTIFACT_HASH_MISMATCH',
    `deploy('${name}'): the artifact says its sha256 is ${declared} but its zip hashes to ${actual}. Pass the hash the packager computed for these exact bytes.`,
  )
}

export function unsafeZipEntry(name: string, entry: string): LocalBackendError {
  return new LocalBackendError(
    'UNSAFE_ZIP_ENTRY',
    `deploy('${name}'): zip entry \`${entry}\` is absolute or climbs out of the artifact with \`..\`, so it was refused. Rebuild the zip with relative paths only.`,
  )
}

export function invalidZip(name: string, cause: unknown): LocalBackendError {
  return new LocalBackendError(
    'INVALID_ZIP',
    `deploy('${name}'): the artifact is not a readable zip (${errorText(cause)}). Rebuild it with the packager.`,
    { cause },
  )
}

export function routeConflict(
  name: string,
  resource: string,
  holder: string,
  held: string,
): LocalBackendError {
  return new LocalBackendError(
    'ROUTE_CONFLICT',
    `deploy('${name}'): route \`${resource}\` matches the same paths as \`${held}\`, already served by mount '${holder}'. Remove '${holder}' first or choose another path.`,
  )
}

export function mountNotFound(name: string, known: readonly string[]): LocalBackendError {
  const list = known.length > 0 ? `Known mounts: ${known.join(', ')}.` : 'There are no mounts.'
  return new LocalBackendError(
    'MOUNT_NOT_FOUND',
    `No mount named '${name}' on the local backend. ${list}`,
  )
}

export function gatewayStartFailed(host: string, port: number, cause: unknown): LocalBackendError {
  return new LocalBackendError(
    'GATEWAY_START_FAILED',
    `The local gateway could not listen on ${host}:${port} (${errorText(cause)}). Choose another \`port\`, or 0 for any free port.`,
    { cause },
  )
}

export function backendDisposed(method: string): LocalBackendError {
  return new LocalBackendError(
    'BACKEND_DISPOSED',
    `${method}(): this local backend was disposed. Create a new one with createLocalBackend().`,
  )
}

export function bootstrapMissing(paths: readonly string[]): LocalBackendError {
  return new LocalBackendError(
    'BOOTSTRAP_MISSING',
    `The worker bootstrap of @portkey/backend-local is missing (looked for ${paths.join(' and ')}). Build the package with \`pnpm exec turbo run build\`.`,
  )
}

export function stateCorrupted(path: string, problem: string): LocalBackendError {
  return new LocalBackendError(
    'STATE_CORRUPTED',
    `State file ${path} cannot be used: ${problem}. It was left untouched and every other mount was still restored. Move it aside (or deploy that mount again, which rewrites it).`,
  )
}

export function stateArtifactMissing(
  name: string,
  zipPath: string,
  recordPath: string,
): LocalBackendError {
  return new LocalBackendError(
    'STATE_ARTIFACT_MISSING',
    `Mount '${name}' (recorded in ${recordPath}) needs ${zipPath}, which is missing. Deploy '${name}' again, or delete its record.`,
  )
}

export function controlUnauthorized(): LocalBackendError {
  return new LocalBackendError(
    'CONTROL_UNAUTHORIZED',
    'The running `portkey serve` refused the control token. Use the same --state-dir as the server (its token is in <state-dir>/serve.json), or restart the server.',
  )
}

export function controlFailed(what: string, cause: unknown): LocalBackendError {
  return new LocalBackendError(
    'CONTROL_FAILED',
    `${what}: the running \`portkey serve\` could not be reached (${errorText(cause)}). Check that it is still running, or stop it and start it again.`,
    { cause },
  )
}

export function serveNotRunning(stateDir: string): LocalBackendError {
  return new LocalBackendError(
    'SERVE_NOT_RUNNING',
    `No \`portkey serve\` is running for state directory ${stateDir}. Start one with \`portkey serve --state-dir ${stateDir}\`.`,
  )
}

export function serveAlreadyRunning(stateDir: string, pid: number, url: string): LocalBackendError {
  return new LocalBackendError(
    'SERVE_ALREADY_RUNNING',
    `\`portkey serve\` is already running for ${stateDir} (pid ${pid}, gateway ${url}). Use that one (portkey mount/ls/rm/logs talk to it), stop it first, or pick another --state-dir.`,
  )
}

/** Rebuilds an error a running server reported, keeping its code, so callers can test it. */
export function remoteError(code: string, message: string): LocalBackendError {
  return new LocalBackendError(code as LocalBackendErrorCode, message)
}

function describe(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`
  if (value === null || typeof value !== 'object') return String(value)
  return Array.isArray(value) ? 'an array' : 'an object'
}

export function errorText(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause)
}
