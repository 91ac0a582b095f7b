/**
 * What bundled CommonJS code expects from Node's module wrapper, recreated for an ES module
 * bundle: `require`, `__filename` and `__dirname`.
 */

export const CJS_GLOBALS_MODULE = 'portkey:cjs-globals'

// esbuild turns a CommonJS `require('x')` it cannot inline (node built-ins, externals) into a
// helper that calls the global `require`, which ES modules do not have, so the banner defines one.
// It adds no other top-level name: the user's own top-level `require`, `createRequire` or
// `__portkey...` bindings cannot collide with it, and esbuild renames any user binding called
// `require` because it reserves that name for exactly this use.
export const REQUIRE_BANNER = `const require = (await import('node:module')).createRequire(import.meta.url)`

// Injected (not a banner) so esbuild knows these bindings: only modules that use `__filename`
// or `__dirname` pull them in, they are renamed around user bindings like any symbol, and a
// bundle that never uses them carries none of this. Both name the bundle file, because that is
// the only file a bundled package still has at run time. Known shortcoming: a bundled package
// that reads its own files relative to `__dirname` finds them missing (ENOENT) on Lambda; keep
// such a package `external` so that its files are copied next to the bundle.
export const CJS_GLOBALS_TEXT = [
  `import { fileURLToPath } from 'node:url'`,
  `import { dirname } from 'node:path'`,
  `const filename = /* @__PURE__ */ fileURLToPath(import.meta.url)`,
  `const directory = /* @__PURE__ */ dirname(filename)`,
  `export { filename as __filename, directory as __dirname }`,
  '',
].join('\n')
