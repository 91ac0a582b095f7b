/**
 * Every error the packager raises: a PackError with a stable UPPER_SNAKE `code` and a message that
 * says what went wrong, where, and how to fix it. esbuild failures are translated here too.
 */
import { relative } from 'node:path'
import type { Message } from 'esbuild'
import { packageOfPath } from './package-info.js'

export class PackError extends Error {
  override name = 'PackError'
  code: string
  /** The npm package the problem is about, when there is one. */
  packageName?: string
  /** The directory imports resolve from, relative to the current directory. */
  resolveDir?: string
  /** One line on what to do, also contained in the message. */
  hint?: string
  /** The offending source line with a caret under the column, when esbuild gave a location. */
  frame?: string

  constructor(code: string, message: string, details: PackErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause })
    this.code = code
    if (details.packageName !== undefined) this.packageName = details.packageName
    if (details.resolveDir !== undefined) this.resolveDir = details.resolveDir
    if (details.hint !== undefined) this.hint = details.hint
    if (details.frame !== undefined) this.frame = details.frame
  }
}

interface PackErrorDetails {
  packageName?: string
  resolveDir?: string
  hint?: string
  frame?: string
  cause?: unknown
}

/** The directory as a user would type it from where they are. */
export function displayDir(directory: string): string {
  return relative(process.cwd(), directory) || '.'
}

export function inputInvalid(what: string, fix: string) {
  return new PackError('PACK_INPUT_INVALID', `pack() input is invalid: ${what}. ${fix}.`)
}

export function unknownInputKeys(keys: string[], valid: readonly string[]) {
  const what = `unknown option${keys.length > 1 ? 's' : ''} ${keys.map((key) => `'${key}'`).join(', ')}`
  return inputInvalid(what, `Valid options are ${valid.join(', ')}`)
}

export function handlerConfigInvalid(error: { code?: unknown; message: string }) {
  const code = typeof error.code === 'string' ? error.code : 'HANDLER_CONFIG_INVALID'
  return new PackError(code, error.message, { cause: error })
}

export function zipPathInvalid(path: string) {
  const message = `Zip entry path '${path}' is invalid: it must be relative, use / as separator and contain no '.' or '..' segments. Pass a path such as 'index.mjs' or 'lib/util.js'.`
  return new PackError('ZIP_PATH_INVALID', message)
}

export function bundleCrashed(resolveDir: string, cause: unknown) {
  const reason = cause instanceof Error ? cause.message : String(cause)
  const message = `Bundling the function from ${displayDir(resolveDir)} failed unexpectedly: ${reason}. This is a bug in Portkey or esbuild; please report it with the function that triggers it.`
  return new PackError('BUNDLE_CRASHED', message, { cause })
}

const UNRESOLVED = /^Could not resolve "([^"]+)"/
const NO_DEFAULT = /^No matching export in "portkey:function" for import "default"/
const NO_LOADER = /^No loader is configured for "([^"]+)" files/

/** Turns the first esbuild error into a PackError; the rest are listed in the message. */
export function fromEsbuildErrors(errors: Message[], resolveDir: string): PackError {
  const [first, ...rest] = errors
  if (!first) return bundleCrashed(resolveDir, new Error('esbuild failed without an error message'))

  const error = translate(first, resolveDir)
  if (rest.length > 0) {
    error.message += `\n${rest.length} more error(s):\n${rest.map(formatMessage).join('\n')}`
  }
  return error
}

function translate(error: Message, resolveDir: string): PackError {
  const where = describeLocation(error)
  const frame = codeFrame(error)
  const unresolved = UNRESOLVED.exec(error.text)
  if (unresolved?.[1]) return unresolvedImport(unresolved[1], where, resolveDir, frame)

  if (NO_DEFAULT.test(error.text)) {
    const message = `The function module has no default export. Emit it with 'export default <function>' (serialize() from @portkey/closure-graph does this).`
    return new PackError('NO_DEFAULT_EXPORT', message, { frame })
  }
  const noLoader = NO_LOADER.exec(error.text)
  if (noLoader?.[1] === '.node') {
    const packageName = error.location && packageOfPath(error.location.file)?.name
    const message = `A native addon (.node file) is imported ${where}; a bundle cannot carry compiled binaries. Keep its package external (external: ['${packageName ?? '<package>'}'], allowNativeAddons: true) with a binary built for Lambda's Linux, or use a pure JavaScript alternative.`
    return new PackError('NATIVE_ADDON', message, packageName ? { frame, packageName } : { frame })
  }
  const message = `Bundling the function failed ${where}: ${error.text}. Fix the module at that location and pack again.`
  return new PackError('BUNDLE_FAILED', message, { frame })
}

function unresolvedImport(specifier: string, where: string, resolveDir: string, frame?: string) {
  const directory = displayDir(resolveDir)
  if (specifier.startsWith('node:'))
    return builtinNotFound(specifier, ` (imported ${where})`, frame)
  if (specifier.startsWith('.') || specifier.startsWith('/')) {
    const message = `File '${specifier}' (imported ${where}) was not found from ${directory}. The function module should import only node built-ins and packages; check the path.`
    return new PackError('FILE_NOT_FOUND', message, { frame, resolveDir: directory })
  }

  const packageName = packageNameOf(specifier)
  const hint = `install it with npm i ${packageName} in ${directory}`
  const message = `Package '${packageName}' (imported ${where}) cannot be resolved from ${directory}: ${hint}.`
  return new PackError('PACKAGE_NOT_FOUND', message, {
    packageName,
    resolveDir: directory,
    hint,
    frame,
  })
}

export function builtinNotFound(specifier: string, where = '', frame?: string) {
  const message = `Node has no built-in module '${specifier}'${where}. Check the name against the Node.js API docs; the packing Node is ${process.versions.node}.`
  return new PackError('BUILTIN_NOT_FOUND', message, frame === undefined ? {} : { frame })
}

/** `@scope/name/sub/path` -> `@scope/name`; `name/sub` -> `name`. */
export function packageNameOf(specifier: string): string {
  const parts = specifier.split('/')
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier)
}

function describeLocation(error: Message): string {
  const location = error.location
  if (!location) return 'in the bundle'
  const file = location.file === 'portkey:function' ? 'the function module' : location.file
  return `at ${file}:${location.line}:${location.column + 1}`
}

function codeFrame(error: Message): string | undefined {
  const location = error.location
  if (!location?.lineText) return undefined
  return `${location.lineText}\n${' '.repeat(location.column)}^`
}

/** `file:line:column: text`, the form warnings are reported in. */
export function formatMessage(message: Message): string {
  const location = message.location
  if (!location) return message.text
  return `${location.file}:${location.line}:${location.column + 1}: ${message.text}`
}

export function forbiddenFile(path: string, reason: string) {
  const message = `Refusing to pack '${path}': ${reason}. Secrets must not travel in an artifact; remove the file from the package or stop importing it, and pass secrets to the function as environment variables at mount time.`
  return new PackError('FORBIDDEN_FILE', message)
}

export function nativeAddonRefused(packageName: string, addon: string, external: boolean) {
  const where = `node_modules/${packageName}/${addon}`
  const fix = external
    ? `If that binary was built for Lambda's Linux and architecture, pass allowNativeAddons: true; otherwise use a pure JavaScript alternative`
    : `Keep it out of the bundle with external: ['${packageName}'] and, if its binary was built for Lambda's Linux and architecture, pass allowNativeAddons: true; otherwise use a pure JavaScript alternative`
  const message = `Package '${packageName}' contains a native addon (${where}). A binary built on this machine does not load on Lambda unless it matches Lambda's Linux and architecture. ${fix}.`
  return new PackError('NATIVE_ADDON', message, { packageName, hint: fix })
}

export function externalNotFound(packageName: string, requiredBy: string, resolveDir: string) {
  const directory = displayDir(resolveDir)
  const why = requiredBy === '' ? 'listed in external' : `a dependency of external '${requiredBy}'`
  const hint = `install it with npm i ${packageName} in ${directory}`
  const message = `Package '${packageName}' (${why}) is not installed where Node would find it from ${directory}: ${hint}.`
  return new PackError('PACKAGE_NOT_FOUND', message, { packageName, resolveDir: directory, hint })
}

export function externalVersionConflict(packageName: string, first: string, second: string) {
  const message = `External packages need two different copies of '${packageName}' (${displayDir(first)} and ${displayDir(second)}), but the zip's node_modules holds one copy of each package. Align the versions (npm dedupe), or bundle the package that needs the other copy instead of keeping it external.`
  return new PackError('EXTERNAL_VERSION_CONFLICT', message, { packageName })
}

export function sizeLimitExceeded(
  kind: 'zipped' | 'unzipped',
  size: number,
  limit: number,
  contributors: Array<{ name: string; bytes: number }>,
) {
  const what =
    kind === 'zipped'
      ? "Lambda's limit for a zip uploaded directly"
      : "Lambda's limit for unzipped code"
  const biggest = contributors
    .slice(0, 5)
    .map((contributor) => `${contributor.name} ${formatBytes(contributor.bytes)}`)
    .join(', ')
  const message = `The artifact is ${formatBytes(size)} ${kind}, ${formatBytes(size - limit)} over ${what} (${formatBytes(limit)}). Biggest contributors (unzipped): ${biggest}. Make big packages smaller or leave them out (awsSdk: 'runtime' for @aws-sdk/*, a lighter alternative, or minify: true).`
  return new PackError(`SIZE_LIMIT_${kind.toUpperCase()}`, message)
}

/** Bytes as a person reads them: `812 B`, `14.2 KiB`, `3.07 MiB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 2 ** 20) return `${(bytes / 1024).toFixed(1)} KiB`
  return `${(bytes / 2 ** 20).toFixed(2)} MiB`
}

export function manifestMissing() {
  const message = `The zip has no portkey.json, so it was not made by pack(). Pack the function with Portkey, or read the zip as a plain Lambda artifact.`
  return new PackError('MANIFEST_MISSING', message)
}
