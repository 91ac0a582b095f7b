// Processes 2 and 3 of a corpus case: calls either the original function (`original FILE`) or the
// rebuilt module (`rebuilt FILE CALLS_JSON`) with the case's calls, in order, and prints the results.
import { pathToFileURL } from 'node:url'
import { canon } from './canon.mjs'
import { loadCase } from './load.mjs'

const [mode, file, callsJson] = process.argv.slice(2)
const entry = mode === 'original' ? await loadCase(file) : undefined
const fn = entry ? entry.fn : (await import(pathToFileURL(file).href)).default
const calls = entry ? (entry.calls ?? [[]]) : JSON.parse(callsJson)
const results = []
for (const args of calls) {
  try {
    results.push(canon(await fn(...args)))
  } catch (error) {
    results.push(`throws ${canon(error)}`)
  }
}
process.stdout.write(JSON.stringify(results))
