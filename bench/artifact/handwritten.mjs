// The baseline: the same logic written by hand as a handler file, bundled by esbuild with the
// settings pack() uses, and zipped by the same deterministic zipper.
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { zipFiles } from '@portkey/packager'

const DIRECTORY = fileURLToPath(new URL('./handwritten/', import.meta.url))

// The banner pack() adds (packages/packager/src/cjs-globals.ts), so CommonJS packages can
// require node built-ins in both bundles.
const REQUIRE_BANNER = `const require = (await import('node:module')).createRequire(import.meta.url)`

export async function packHandwritten(name, { minify, sourceMap }) {
  const result = await build({
    entryPoints: [join(DIRECTORY, `${name}.mjs`)],
    absWorkingDir: DIRECTORY,
    outfile: join(DIRECTORY, 'index.mjs'),
    write: false,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    treeShaking: true,
    minify,
    external: ['@aws-sdk/*'],
    sourcemap: sourceMap ? 'linked' : false,
    sourcesContent: false,
    charset: 'utf8',
    banner: { js: REQUIRE_BANNER },
    logLevel: 'silent',
  })
  const files = {}
  for (const file of result.outputFiles) files[file.path.slice(DIRECTORY.length)] = file.contents
  return zipFiles(files)
}
