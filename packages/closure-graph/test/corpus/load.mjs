// Loads a corpus case, whichever form it is written in (ES module, CommonJS, or REPL: a vm script).
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'

const require = createRequire(import.meta.url)

export async function loadCase(file) {
  if (file.endsWith('.cjs')) return require(file)
  const loaded = await import(pathToFileURL(file).href)
  return loaded.default ?? loaded
}
