/** Validates pack() input once and fills the defaults; everything downstream sees the result. */
import { realpathSync, statSync } from 'node:fs'
import { isAbsolute } from 'node:path'
import { checkHandlerConfig } from '@portkey/runtime'
import { handlerConfigInvalid, inputInvalid, unknownInputKeys } from './diagnostics.js'
import type { LambdaRuntime, PackInput, ResolvedPackInput } from './types.js'

const INPUT_KEYS = ['code', 'map', 'resolveDir', 'handler', 'runtime', 'minify', 'sourceMap']
const RUNTIMES: readonly LambdaRuntime[] = ['nodejs20.x', 'nodejs22.x']

export function resolvePackInput(input: PackInput): ResolvedPackInput {
  if (typeof input !== 'object' || input === null) {
    throw inputInvalid('expected an object', 'Pass { code, resolveDir, handler }')
  }
  const unknown = Object.keys(input).filter((key) => !INPUT_KEYS.includes(key))
  if (unknown.length > 0) throw unknownInputKeys(unknown, INPUT_KEYS)

  checkCode(input)
  checkResolveDir(input.resolveDir)
  checkHandler(input)
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
