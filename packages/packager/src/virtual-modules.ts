/**
 * The modules that exist only in memory: the entry, the user's function module and the runtime
 * adapter. They live in the `portkey:` namespace, so the bundle names them `portkey:function` or
 * `portkey:runtime/route.js` wherever this packager is installed, instead of by a path on disk
 * that differs between machines.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, posix } from 'node:path'
import type { Plugin } from 'esbuild'
import type { HandlerConfig } from '@portkey/runtime'
import { CJS_GLOBALS_MODULE, CJS_GLOBALS_TEXT } from './cjs-globals.js'

export const NAMESPACE = 'portkey'
export const ENTRY = `${NAMESPACE}:entry`

const require = createRequire(import.meta.url)
// The runtime's built files; resolved once, from this package's own dependencies.
const RUNTIME_DIST = dirname(require.resolve('@portkey/runtime'))

// The runtime's .js files end with a link to their own .js.map; the bundle does not need the
// runtime's TypeScript positions, and the link could not be followed from a virtual module.
const MAP_LINK = /\n\/\/# sourceMappingURL=\S+\s*$/

export interface VirtualModulesOptions {
  code: string
  map: object | undefined
  resolveDir: string
  handler: HandlerConfig
}

/** Also records each virtual module's text, so the manifest can hash what was bundled. */
export function virtualModules(options: VirtualModulesOptions, contents: Map<string, string>) {
  const texts: Record<string, () => string> = {
    entry: () => entryText(options.handler),
    function: () => functionText(options),
    'cjs-globals': () => CJS_GLOBALS_TEXT,
  }

  const plugin: Plugin = {
    name: 'portkey-virtual-modules',
    setup(build) {
      build.onResolve({ filter: /^portkey:/ }, (args) => ({
        path: args.path.slice(NAMESPACE.length + 1),
        namespace: NAMESPACE,
        // Lets esbuild drop the injected CommonJS globals from bundles that never use them.
        sideEffects: args.path !== CJS_GLOBALS_MODULE,
      }))
      // Relative imports between the runtime's own files.
      build.onResolve({ filter: /^\./, namespace: NAMESPACE }, (args) => {
        if (!args.importer.startsWith('runtime/')) return undefined
        return { path: posix.join(posix.dirname(args.importer), args.path), namespace: NAMESPACE }
      })

      build.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => {
        const text = texts[args.path]?.() ?? runtimeText(args.path)
        contents.set(`${NAMESPACE}:${args.path}`, text)
        // Bare imports of the function module resolve from resolveDir; the others import only
        // each other and node built-ins.
        return { contents: text, loader: 'js', resolveDir: options.resolveDir }
      })
    },
  }
  return plugin
}

function entryText(handler: HandlerConfig): string {
  return [
    `import fn from 'portkey:function'`,
    `import { createHandler } from 'portkey:runtime/index.js'`,
    `export const handler = createHandler(fn, ${JSON.stringify(handler)})`,
    '',
  ].join('\n')
}

/** The user's module, with its source map inlined so esbuild chains it into the bundle's map. */
function functionText(options: VirtualModulesOptions): string {
  if (!options.map) return options.code
  const base64 = Buffer.from(JSON.stringify(options.map)).toString('base64')
  return `${options.code}\n//# sourceMappingURL=data:application/json;base64,${base64}\n`
}

function runtimeText(path: string): string {
  const file = join(RUNTIME_DIST, path.slice('runtime/'.length))
  return readFileSync(file, 'utf8').replace(MAP_LINK, '\n')
}
