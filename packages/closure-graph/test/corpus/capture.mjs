// Process 1 of a corpus case: loads the case, serializes its function, then applies the case's
// mutation (the rebuilt function must not see it). Prints { code, graph } or { error }.
import { serialize } from '../../dist/index.js'
import { loadCase } from './load.mjs'

const entry = await loadCase(process.argv[2])
try {
  const { code, graph } = await serialize(entry.fn, entry.options)
  entry.mutate?.()
  process.stdout.write(JSON.stringify({ code, graph, calls: entry.calls ?? [[]] }))
} catch (error) {
  const { name, code, message, capturePath, location } = error
  process.stdout.write(JSON.stringify({ error: { name, code, message, capturePath, location } }))
}
