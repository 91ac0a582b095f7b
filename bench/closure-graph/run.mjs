// Capture+emit time and output size of @portkey/closure-graph against serializeFunction from
// @pulumi/pulumi, on the same graphs, in the same run. Every measurement runs in a fresh process.
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { machine, writeSection } from '../results.mjs'

const MEASURE = fileURLToPath(new URL('./measure.mjs', import.meta.url))
const SIZES = [1_000, 10_000, 100_000]
/** A tool that needs longer than this at one size is not run at the next, larger size. */
const GIVE_UP_MS = 20_000
const TIMEOUT_MS = 150_000

const plan = [
  ['chain', SIZES],
  ['wide', SIZES],
  ['deep', SIZES],
  ['mix', SIZES],
  ['package', [1]],
]

function measure(tool, graph, size) {
  const result = spawnSync(process.execPath, [MEASURE, tool, graph, String(size)], {
    encoding: 'utf8',
    timeout: TIMEOUT_MS,
    maxBuffer: 2 ** 26,
  })
  if (result.error)
    return { error: result.error.code === 'ETIMEDOUT' ? 'timed out' : result.error.message }
  try {
    return JSON.parse(result.stdout)
  } catch {
    return {
      error: (
        result.stderr
          .trim()
          .split('\n')
          .find((l) => /Error/.test(l)) ?? 'crashed'
      ).slice(0, 120),
    }
  }
}

const rows = []
for (const [graph, sizes] of plan) {
  const slow = new Set()
  let previous = {}
  for (const size of sizes) {
    const row = { graph, size }
    for (const tool of ['portkey', 'pulumi']) {
      row[tool] = slow.has(tool)
        ? { error: `skipped (over ${GIVE_UP_MS / 1000} s at the size before)` }
        : measure(tool, graph, size)
      if ((row[tool].ms ?? 0) > GIVE_UP_MS || row[tool].error) slow.add(tool)
    }
    row.growth =
      previous.portkey?.ms && row.portkey.ms ? row.portkey.ms / previous.portkey.ms : null
    previous = row
    rows.push(row)
    console.error(`${graph} ${size}: portkey ${fmt(row.portkey)} | pulumi ${fmt(row.pulumi)}`)
  }
}

function fmt(m) {
  return m.error ? m.error : `${m.ms.toFixed(0)} ms, ${m.bytes} B`
}

const header =
  '| graph | nodes | portkey ms | pulumi ms | speedup | portkey time growth | portkey bytes | pulumi bytes | portkey bytes / JSON |'
const lines = [header, '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |']
for (const { graph, size, portkey, pulumi, growth } of rows) {
  const speedup = portkey.ms && pulumi.ms ? `${(pulumi.ms / portkey.ms).toFixed(1)}x` : 'n/a'
  const json = portkey.jsonBytes ? `${(portkey.bytes / portkey.jsonBytes).toFixed(2)}x` : '-'
  lines.push(
    `| ${graph} | ${graph === 'package' ? '-' : size.toLocaleString('en')} | ${portkey.ms?.toFixed(0) ?? portkey.error} | ${pulumi.ms?.toFixed(0) ?? pulumi.error} | ${speedup} | ${growth ? `${growth.toFixed(1)}x for 10x nodes` : '-'} | ${portkey.bytes ?? '-'} | ${pulumi.bytes ?? '-'} | ${json} |`,
  )
}
const table = lines.join('\n')
console.log(table)

writeSection(
  'closure-graph',
  `## closure-graph: capture + emit

${machine()}. Baseline: \`serializeFunction\` from \`@pulumi/pulumi\` 3.200.0 (the last line that
supports Node 20), on the same graphs in the same run, each measurement in a fresh process.
"speedup" is pulumi time / portkey time; "time growth" is portkey's time at this size over the
size before (linear growth is about 10x). Sizes a tool could not reach within ${GIVE_UP_MS / 1000} s
at the size before are skipped.

${table}
`,
)
