/**
 * The modules that exist only in memory: the entry, the user's function module and the runtime
 * adapter. They live in the `portkey:` namespace, so the bundle names them `portkey:function` or
 * `portkey:runtime` wherever this packager is installed, instead of by a path on disk
 * that differs between machines.
 */
import type { Plugin } from 'esbuild'
import { CONVERTER_EXPORTS, planHandler } from '@portkey/runtime'
import type { HandlerConfig, PlaceholderType } from '@portkey/runtime'
import { CJS_GLOBALS_MODULE, CJS_GLOBALS_TEXT } from './cjs-globals.js'
import { runtimeBundle } from './runtime-bundle.js'

export const NAMESPACE = 'portkey'
export const ENTRY = `${NAMESPACE}:entry`

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
      build.onLoad({ filter: /.*/, namespace: NAMESPACE }, async (args) => {
        const text = texts[args.path]?.() ?? (await runtimeBundle())
        contents.set(`${NAMESPACE}:${args.path}`, text)
        // Bare imports of the function module resolve from resolveDir; the others import only
        // each other and node built-ins.
        return { contents: text, loader: 'js', resolveDir: options.resolveDir }
      })
    },
  }
  return plugin
}

/**
 * The route is parsed and checked against the call shape here, at pack time, and the entry
 * imports only the converters its placeholder types need and the path matcher only when a
 * placeholder comes from the path, so the bundle leaves the rest of the adapter out.
 */
function entryText(handler: HandlerConfig): string {
  const plan = planHandler(handler)
  const placeholders = plan.slots.flatMap((slot) => (slot.placeholder ? [slot.placeholder] : []))
  const types = [...new Set(placeholders.map((placeholder) => placeholder.type))].sort()
  const converters = types.map((type: PlaceholderType) => `${type}: ${CONVERTER_EXPORTS[type]}`)
  const match = placeholders.some((placeholder) => placeholder.source === 'path')

  const imports = ['servePlan', ...types.map((type) => CONVERTER_EXPORTS[type])]
  if (match) imports.push('matchRoute')
  const args = [JSON.stringify(plan), `{ ${converters.join(', ')} }`]
  if (match) args.push('matchRoute')
  return [
    `import fn from 'portkey:function'`,
    `import { ${imports.join(', ')} } from 'portkey:runtime'`,
    `export const handler = servePlan(fn, ${args.join(', ')})`,
    '',
  ].join('\n')
}

/** The user's module, with its source map inlined so esbuild chains it into the bundle's map. */
function functionText(options: VirtualModulesOptions): string {
  if (!options.map) return options.code
  const base64 = Buffer.from(JSON.stringify(options.map)).toString('base64')
  return `${options.code}\n//# sourceMappingURL=data:application/json;base64,${base64}\n`
}
