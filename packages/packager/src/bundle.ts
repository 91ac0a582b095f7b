/**
 * esbuild: the user's module + the runtime adapter -> one ES module `index.mjs` exporting
 * `handler`. Everything is in memory; nothing is written to disk.
 */
import { join } from 'node:path'
import { build, type BuildFailure, type BuildResult, type Metafile } from 'esbuild'
import { CJS_GLOBALS_MODULE, REQUIRE_BANNER } from './cjs-globals.js'
import { bundleCrashed, formatMessage, fromEsbuildErrors } from './diagnostics.js'
import { checkBundledFiles } from './bundled-files.js'
import { relativeSourceMap } from './source-map.js'
import { renameInSourceMap, renameInText, stableNames } from './stable-names.js'
import type { ResolvedPackInput } from './types.js'
import { ENTRY, virtualModules } from './virtual-modules.js'

export interface BundleInput {
  /** Stable name: relative to resolveDir, `node_modules/<package>/...`, or `portkey:...`. */
  name: string
  /** Absolute path to read the content from; undefined for in-memory modules. */
  path: string | undefined
}

export interface Bundle {
  code: string
  map: string | undefined
  /** Every input, sorted by stable name. */
  inputs: BundleInput[]
  /** Bytes each input (by stable name) left in `code`. */
  bytesInOutput: Map<string, number>
  /** Text of the in-memory inputs, by name. */
  virtualContents: Map<string, string>
  warnings: string[]
}

type Result = BuildResult<{ write: false; metafile: true }>

export async function bundle(input: ResolvedPackInput): Promise<Bundle> {
  const virtualContents = new Map<string, string>()
  const map = input.map && relativeSourceMap(input.map, input.resolveDir)
  const result = await runEsbuild(input, virtualModules({ ...input, map }, virtualContents))

  const warnings = checkBundledFiles(result.metafile, input)
  const names = stableNames(Object.keys(result.metafile.inputs), input.resolveDir)
  const rename = (name: string) => names.get(name) ?? name
  const mapText = outputText(result, '.mjs.map')

  return {
    code: renameInText(outputText(result, '.mjs') ?? '', names),
    map: mapText === undefined ? undefined : renameInSourceMap(mapText, names),
    inputs: bundleInputs(result.metafile, input.resolveDir, rename),
    bytesInOutput: bytesInOutput(result.metafile, rename),
    virtualContents,
    warnings: [
      ...result.warnings.map((warning) => renameInText(formatMessage(warning), names)),
      ...warnings,
    ],
  }
}

async function runEsbuild(input: ResolvedPackInput, plugin: ReturnType<typeof virtualModules>) {
  try {
    return await build({
      entryPoints: [ENTRY],
      // Paths in the bundle's comments and source map are relative to this directory.
      absWorkingDir: input.resolveDir,
      outfile: join(input.resolveDir, 'index.mjs'),
      write: false,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: input.runtime === 'nodejs22.x' ? 'node22' : 'node20',
      treeShaking: true,
      // esbuild renames bindings that collide in the bundle (`handler` -> `handler2`) and minifying
      // renames everything; the user's functions and classes must keep their `.name`, which code
      // reads (error names, logs, dispatch on constructor.name).
      keepNames: true,
      minify: input.minify,
      external: externalPatterns(input),
      // The map costs about a third of a small zip; without source text it stays far smaller
      // than the code. Node applies it to stack traces only under --enable-source-maps.
      sourcemap: input.sourceMap ? 'linked' : false,
      sourcesContent: false,
      charset: 'utf8',
      banner: { js: REQUIRE_BANNER },
      inject: [CJS_GLOBALS_MODULE],
      metafile: true,
      logLevel: 'silent',
      plugins: [plugin],
    })
  } catch (error: unknown) {
    if (isBuildFailure(error)) throw fromEsbuildErrors(error.errors, input.resolveDir)
    throw bundleCrashed(input.resolveDir, error)
  }
}

/** External packages and their subpaths; `@aws-sdk/*` too when Lambda provides it. */
function externalPatterns(input: ResolvedPackInput): string[] {
  const patterns = input.external.flatMap((name) => [name, `${name}/*`])
  if (input.awsSdk === 'runtime') patterns.push('@aws-sdk/*')
  return patterns
}

function outputText(result: Result, extension: string) {
  return result.outputFiles.find((file) => file.path.endsWith(`index${extension}`))?.text
}

function bundleInputs(metafile: Metafile, resolveDir: string, rename: (name: string) => string) {
  return Object.keys(metafile.inputs)
    .map((name) => ({
      name: rename(name),
      path: name.startsWith('portkey:') ? undefined : join(resolveDir, name),
    }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
}

function bytesInOutput(metafile: Metafile, rename: (name: string) => string) {
  const bytes = new Map<string, number>()
  for (const output of Object.values(metafile.outputs)) {
    for (const [name, { bytesInOutput }] of Object.entries(output.inputs)) {
      bytes.set(rename(name), (bytes.get(rename(name)) ?? 0) + bytesInOutput)
    }
  }
  return bytes
}

function isBuildFailure(error: unknown): error is BuildFailure {
  return error instanceof Error && Array.isArray((error as Partial<BuildFailure>).errors)
}
