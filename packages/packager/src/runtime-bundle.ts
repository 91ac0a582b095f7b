/**
 * The runtime adapter as it goes into every artifact: the artifact entry of `@portkey/runtime`
 * (a handler started from a plan made at pack time, the converters and the path matcher; no route
 * parser) bundled into one module and minified once per process. The bundle of each artifact then
 * keeps only the exports its entry imports. The adapter's readable form would buy nothing in the
 * user's stack traces (their own frames keep their names and lines through the source map) while
 * it made up most of a small function's zip.
 */
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { build } from 'esbuild'

const require = createRequire(import.meta.url)
// The package exports only its index; the artifact entry is the file beside it.
const RUNTIME_ENTRY = join(dirname(require.resolve('@portkey/runtime')), 'artifact.js')

let bundled: Promise<string> | undefined

export function runtimeBundle(): Promise<string> {
  bundled ??= bundleRuntime()
  return bundled
}

async function bundleRuntime(): Promise<string> {
  const result = await build({
    entryPoints: [RUNTIME_ENTRY],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    // The adapter uses nothing newer than ES2022, so one build serves every Lambda runtime.
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    logLevel: 'silent',
  })
  const output = result.outputFiles[0]
  if (!output) throw new Error('esbuild produced no output for @portkey/runtime')
  return output.text
}
