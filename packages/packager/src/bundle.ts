/**
 * esbuild: the user's module + the runtime adapter -> one ES module `index.mjs` exporting
 * `handler`. Everything is in memory; nothing is written to disk.
 */
import { isBuiltin } from 'node:module'
import { join } from 'node:path'
import { build, type BuildFailure, type BuildResult, type Metafile } from 'esbuild'
import { builtinNotFound, bundleCrashed, formatMessage, fromEsbuildErrors } from './diagnostics.js'
import { relativeSourceMap } from './source-map.js'
import type { ResolvedPackInput } from './types.js'
import { ENTRY, virtualModules } from './virtual-modules.js'

// Bundled CommonJS packages call require() (for node built-ins, or lazily for their own files);
// ESM has no require, so the bundle makes one. Known shortcoming: a top-level binding named
// `require` in the function module collides with this one and the bundle fails to load with a
// SyntaxError. `__dirname` and `__filename` are not defined either: a CommonJS package that uses
// them fails at run time with a ReferenceError naming the variable.
const BANNER = [
  `import { createRequire as __portkeyCreateRequire } from 'node:module'`,
  `const require = __portkeyCreateRequire(import.meta.url)`,
].join('\n')

// Known shortcoming: a package reached through a symlink (pnpm's node_modules/.pnpm store) is named
// by its real path relative to resolveDir, e.g. `../../node_modules/.pnpm/x@1.0.0/node_modules/x`.
// Such names contain no absolute path, but they change with the project's depth below the store,
// so the same function packed from two differently nested projects gives different bytes.

export interface Bundle {
  code: string
  map: string | undefined
  /** Bundle input names (relative to resolveDir, or `portkey:...`), sorted. */
  inputs: string[]
  /** Text of the in-memory inputs, by name. */
  virtualContents: Map<string, string>
  warnings: string[]
}

export async function bundle(input: ResolvedPackInput): Promise<Bundle> {
  const virtualContents = new Map<string, string>()
  const map = input.map && relativeSourceMap(input.map, input.resolveDir)
  const plugin = virtualModules({ ...input, map }, virtualContents)

  let result: BuildResult<{ write: false; metafile: true }>
  try {
    result = await build({
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
      minify: input.minify,
      // The map costs about a third of a small zip; without source text it stays far smaller
      // than the code. Node applies it to stack traces only under --enable-source-maps.
      sourcemap: input.sourceMap ? 'linked' : false,
      sourcesContent: false,
      charset: 'utf8',
      banner: { js: BANNER },
      metafile: true,
      logLevel: 'silent',
      plugins: [plugin],
    })
  } catch (error: unknown) {
    if (isBuildFailure(error)) throw fromEsbuildErrors(error.errors, input.resolveDir)
    throw bundleCrashed(input.resolveDir, error)
  }

  checkBuiltins(result.metafile)
  return {
    code: outputText(result, '.mjs') ?? '',
    map: outputText(result, '.mjs.map'),
    inputs: inputNames(result.metafile),
    virtualContents,
    warnings: result.warnings.map(formatMessage),
  }
}

function outputText(result: BuildResult<{ write: false }>, extension: string) {
  return result.outputFiles.find((file) => file.path.endsWith(`index${extension}`))?.text
}

function inputNames(metafile: Metafile): string[] {
  return Object.keys(metafile.inputs).sort()
}

// esbuild keeps every `node:` import external without checking that Node has such a module;
// without this check a typo would only fail when the artifact loads.
function checkBuiltins(metafile: Metafile): void {
  for (const output of Object.values(metafile.outputs)) {
    for (const { path, external } of output.imports) {
      if (external && path.startsWith('node:') && !isBuiltin(path)) throw builtinNotFound(path)
    }
  }
}

function isBuildFailure(error: unknown): error is BuildFailure {
  return error instanceof Error && Array.isArray((error as Partial<BuildFailure>).errors)
}
