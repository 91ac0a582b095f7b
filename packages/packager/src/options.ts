/** Validates pack() input once and fills the defaults; everything downstream sees the result. */
import { realpathSync, statSync } from 'node:fs'
import { isAbsolute } from 'node:path'
import { checkHandlerConfig } from '@portkey/runtime'
import { handlerConfigInvalid, inputInvalid, unknownInputKeys } from './diagnostics.js'
import type { AwsSdkSource, LambdaRuntime, PackInput, ResolvedPackInput } from './types.js'

const INPUT_KEYS = [
  'code',
  'map',
  'resolveDir',
  'handler',
  'runtime',
  'minify',
  'sourceMap',
  'external',
  'awsSdk',
  'allowNativeAddons',
  'sizeLimits',
]
const RUNTIMES: readonly LambdaRuntime[] = ['nodejs20.x', 'nodejs22.x']
const AWS_SDK_SOURCES: readonly AwsSdkSource[] = ['runtime', 'bundle']

// Lambda quotas (docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html): 50 MB for a
// zip uploaded directly, 250 MB unzipped. The API enforces them in MiB (262144000 bytes).
export const LAMBDA_LIMITS = { zipped: 50 * 2 ** 20, unzipped: 250 * 2 ** 20 }

// npm's rules for a package name, scoped or not; anything else cannot be a directory under
// node_modules and is a typo.
const PACKAGE_NAME = /^(@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*$/

export function resolvePackInput(input: PackInput): ResolvedPackInput {
  if (typeof input !== 'object' || input === null) {
    throw inputInvalid('expected an object', 'Pass { code, resolveDir, handler }')
  }
  const unknown = Object.keys(input).filter((key) => !INPUT_KEYS.includes(key))
  if (unknown.length > 0) throw unknownInputKeys(unknown, INPUT_KEYS)

  checkCode(input)
  checkResolveDir(input.resolveDir)
  checkHandler(input)
  checkPackOptions(input)
  const runtime = input.runtime ?? defaultRuntime()
  if (!RUNTIMES.includes(runtime)) {
    throw inputInvalid(
      `runtime '${String(runtime)}' is not supported`,
      `Use ${RUNTIMES.join(' or ')}`,
    )
  }

  return {
    code: input.code,
    map: input.map,
    // esbuild names inputs by their real path; relative names come out right (no `../` detours)
    // only when the working directory is a real path too, e.g. /private/tmp rather than /tmp.
    resolveDir: realpathSync(input.resolveDir),
    handler: input.handler,
    runtime,
    minify: input.minify ?? false,
    sourceMap: input.sourceMap ?? true,
    external: [...new Set(input.external ?? [])].sort(),
    awsSdk: input.awsSdk ?? 'runtime',
    allowNativeAddons: input.allowNativeAddons ?? false,
    sizeLimits: { ...LAMBDA_LIMITS, ...input.sizeLimits },
  }
}

function checkPackOptions(input: PackInput): void {
  const external: unknown = input.external ?? []
  if (!Array.isArray(external) || external.some((name) => !isPackageName(name))) {
    const what = `\`external\` must be a list of package names, got ${JSON.stringify(external)}`
    throw inputInvalid(what, "Pass names as in package.json, e.g. ['sharp', '@scope/name']")
  }
  if (input.awsSdk !== undefined && !AWS_SDK_SOURCES.includes(input.awsSdk)) {
    const what = `awsSdk '${String(input.awsSdk)}' is not supported`
    throw inputInvalid(what, `Use ${AWS_SDK_SOURCES.map((value) => `'${value}'`).join(' or ')}`)
  }
  for (const key of ['minify', 'sourceMap', 'allowNativeAddons'] as const) {
    if (input[key] !== undefined && typeof input[key] !== 'boolean') {
      throw inputInvalid(`\`${key}\` must be a boolean`, `Pass true or false`)
    }
  }
  checkSizeLimits(input.sizeLimits)
}

function isPackageName(name: unknown): boolean {
  return typeof name === 'string' && PACKAGE_NAME.test(name)
}

function checkSizeLimits(limits: PackInput['sizeLimits']): void {
  if (limits === undefined) return
  for (const [key, value] of Object.entries(limits)) {
    const valid =
      (key === 'zipped' || key === 'unzipped') && Number.isSafeInteger(value) && value > 0
    if (!valid) {
      const what = `sizeLimits.${key} must be a positive number of bytes, got ${JSON.stringify(value)}`
      throw inputInvalid(
        what,
        'Pass { zipped, unzipped } in bytes, or leave it out for the Lambda limits',
      )
    }
  }
}

/** The Lambda runtime matching the Node that packs, so local runs and Lambda agree. */
function defaultRuntime(): LambdaRuntime {
  const major = Number(process.versions.node.split('.')[0])
  return major >= 22 ? 'nodejs22.x' : 'nodejs20.x'
}

function checkCode(input: PackInput): void {
  if (typeof input.code !== 'string' || input.code.trim() === '') {
    throw inputInvalid('`code` must be a non-empty module text', 'Pass the code from serialize()')
  }
  if (input.map !== undefined && (typeof input.map !== 'object' || input.map === null)) {
    throw inputInvalid('`map` must be a source map v3 object', 'Pass the map from serialize()')
  }
}

function checkResolveDir(resolveDir: unknown): void {
  if (typeof resolveDir !== 'string' || !isAbsolute(resolveDir)) {
    const what = `\`resolveDir\` must be an absolute path, got ${JSON.stringify(resolveDir)}`
    throw inputInvalid(what, 'Pass path.resolve(dir) of the project whose node_modules to use')
  }
  const stats = statSync(resolveDir, { throwIfNoEntry: false })
  if (!stats?.isDirectory()) {
    throw inputInvalid(
      `\`resolveDir\` ${resolveDir} is not a directory`,
      'Create it or fix the path',
    )
  }
}

function checkHandler(input: PackInput): void {
  if (typeof input.handler !== 'object' || input.handler === null) {
    throw inputInvalid('`handler` must be { route, call }', 'Pass the route and call shape')
  }
  try {
    checkHandlerConfig(input.handler)
  } catch (error: unknown) {
    if (error instanceof Error) throw handlerConfigInvalid(error)
    throw error
  }
}
