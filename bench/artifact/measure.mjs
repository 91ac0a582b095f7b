// Cold start, measured as Lambda pays it: a fresh node process imports the unzipped index.mjs
// and answers one event. Timed inside the process from just before the import to the answer,
// so node's own start-up (the same for both sides) does not dilute the ratio.
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { unzipSync } from 'fflate'

const COLD_START = `
const [url, eventJson] = process.argv.slice(1)
const event = JSON.parse(eventJson)
const context = { awsRequestId: 'bench', functionName: 'bench', getRemainingTimeInMillis: () => 3000 }
const started = performance.now()
const { handler } = await import(url)
const result = await handler(event, context)
const ms = performance.now() - started
process.stdout.write(JSON.stringify({ ms, statusCode: result.statusCode, body: result.body }))
`

/** Unzips into a fresh directory (no node_modules above it in the temp dir) and returns it. */
export function unzipToTemp(zip, label) {
  const directory = mkdtempSync(join(tmpdir(), `portkey-bench-${label}-`))
  for (const [path, bytes] of Object.entries(unzipSync(zip))) {
    mkdirSync(dirname(join(directory, path)), { recursive: true })
    writeFileSync(join(directory, path), bytes)
  }
  return directory
}

/** One cold start: `{ ms, statusCode, body }`. */
export function coldStart(directory, event) {
  const url = pathToFileURL(join(directory, 'index.mjs')).href
  const args = ['--input-type=module', '-e', COLD_START, url, JSON.stringify(event)]
  const run = spawnSync(process.execPath, args, { cwd: directory, encoding: 'utf8' })
  if (run.status !== 0) throw new Error(`cold start in ${directory} failed: ${run.stderr}`)
  return JSON.parse(run.stdout)
}

/** Alternates the two sides run by run, so drift on the machine hits both equally. */
export function compareColdStarts(portkeyDir, handDir, event, runs) {
  const portkey = []
  const hand = []
  for (let run = 0; run < runs; run++) {
    portkey.push(coldStart(portkeyDir, event).ms)
    hand.push(coldStart(handDir, event).ms)
  }
  return { portkey: median(portkey), hand: median(hand) }
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}
