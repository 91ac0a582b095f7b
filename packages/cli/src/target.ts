import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { CliError } from './diagnostics.js'

export interface Target {
  file: string
  exportName: string
  fn: Function
}

/** Loads `<file>#<export>` and returns the exported function, or explains what is wrong. */
export async function loadTarget(spec: string): Promise<Target> {
  const hash = spec.lastIndexOf('#')
  const file = resolve(hash === -1 ? spec : spec.slice(0, hash))
  const exportName = hash === -1 ? 'default' : spec.slice(hash + 1) || 'default'

  if (!existsSync(file)) {
    throw new CliError(`file not found: ${spec}`, 'give the path of a .js, .mjs or .cjs file')
  }
  if (/\.[mc]?tsx?$/.test(file)) {
    throw new CliError(
      `${spec} is TypeScript, which Node 20 cannot load directly`,
      'compile it to JavaScript first, or mount it from a script run with a TypeScript loader',
    )
  }

  const namespace = (await import(pathToFileURL(file).href)) as Record<string, unknown>
  const module = exportsOf(namespace, file)
  const fn = module[exportName]
  if (typeof fn !== 'function') {
    const exported = Object.keys(module).filter((k) => typeof module[k] === 'function')
    throw new CliError(
      `${spec}: export "${exportName}" is ${fn === undefined ? 'missing' : `a ${typeof fn}, not a function`}`,
      `exported functions: ${exported.join(', ') || 'none'}`,
    )
  }
  return { file, exportName, fn }
}

/**
 * The exports to pick from. For a CommonJS file Node names only the exports it can find by
 * reading the source (`module.exports = { fn }`, not `{ fn: () => ... }`), so the members of
 * its `module.exports` count too.
 */
function exportsOf(namespace: Record<string, unknown>, file: string): Record<string, unknown> {
  const commonJs = createRequire(file).cache[file]?.exports as unknown
  if (typeof commonJs !== 'object' || commonJs === null) return namespace
  return { ...(commonJs as Record<string, unknown>), ...namespace }
}
