import { existsSync } from 'node:fs'
// `URL` from node:url, not the global: a REPL's top-level `const URL = ...` shadows the global
// for every module of the process, this one included.
import { fileURLToPath, URL } from 'node:url'
import { bootstrapMissing } from './diagnostics.js'

/**
 * The compiled worker bootstrap, spawned once per instance. Normally it sits beside this file in
 * `dist/`. When this package runs from its TypeScript sources (under vitest), the `.js` file
 * only exists in `dist/`, so the package must have been built first.
 */
export function bootstrapPath(): string {
  const beside = fileURLToPath(new URL('./worker/bootstrap.js', import.meta.url))
  if (existsSync(beside)) return beside
  const built = fileURLToPath(new URL('../dist/worker/bootstrap.js', import.meta.url))
  if (existsSync(built)) return built
  throw bootstrapMissing([beside, built])
}
