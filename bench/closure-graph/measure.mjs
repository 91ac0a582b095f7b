// One measurement in its own process: `node measure.mjs <tool> <graph> <size> [warm]` captures and
// emits the graph with one tool and prints { ms, bytes, jsonBytes } (or { error }) as JSON. With
// `warm`, the tool first captures a 10-node graph of the same kind, so the time excludes what a
// tool does once per process (lazy loading, indexes, the first script lookups).
import { createRequire } from 'node:module'
import { performance } from 'node:perf_hooks'
import { serialize } from '@portkey/closure-graph'
import { GRAPHS } from './graphs.mjs'

const require = createRequire(import.meta.url)
const [tool, graph, size, mode] = process.argv.slice(2)
const { fn, data } = await GRAPHS[graph](Number(size))
const warmUp = mode === 'warm' ? (await GRAPHS[graph](10)).fn : undefined

const tools = {
  portkey: async (f) => (await serialize(f)).code,
  pulumi: async (f) => {
    const pulumi = require('@pulumi/pulumi')
    return (await pulumi.runtime.serializeFunction(f)).text
  },
}

try {
  // Load each tool once before timing, so only capture and emit are measured.
  if (tool === 'pulumi') require('@pulumi/pulumi')
  if (warmUp) await tools[tool](warmUp)
  const start = performance.now()
  const code = await tools[tool](fn)
  const ms = performance.now() - start
  const jsonBytes = data === undefined ? null : jsonSize(data)
  process.stdout.write(JSON.stringify({ ms, bytes: Buffer.byteLength(code), jsonBytes }))
} catch (error) {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
  process.stdout.write(JSON.stringify({ error: message.split('\n')[0].slice(0, 120) }))
}

/** JSON.stringify is recursive: past a few thousand levels it overflows, and there is no size. */
function jsonSize(data) {
  try {
    return Buffer.byteLength(JSON.stringify(data))
  } catch {
    return null
  }
}
