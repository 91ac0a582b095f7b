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

function measure(tool, graph, size, mode = 'cold') {
  const result = spawnSync(process.execPath, [MEASURE, tool, graph, String(size), mode], {
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
      row[`${tool}Warm`] = row[tool].ms ? measure(tool, graph, size, 'warm') : { error: '-' }
    }
    row.growth =
      previous.portkey?.ms && row.portkey.ms ? row.portkey.ms / previous.portkey.ms : null
    previous = row
    rows.push(row)
    console.error(
      `${graph} ${size}: portkey ${fmt(row.portkey)} (warm ${fmt(row.portkeyWarm)}) | pulumi ${fmt(row.pulumi)} (warm ${fmt(row.pulumiWarm)})`,
    )
  }
}

function fmt(m) {
  return m.error ? m.error : `${m.ms.toFixed(0)} ms, ${m.bytes} B`
}

const header =
  '| graph | nodes | portkey ms | pulumi ms | speedup | warm: portkey ms | warm: pulumi ms | warm speedup | portkey time growth | portkey bytes | pulumi bytes | portkey bytes / JSON |'
const lines = [
  header,
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
]
for (const row of rows) {
  const { graph, size, portkey, pulumi, portkeyWarm, pulumiWarm, growth } = row
  const json = portkey.jsonBytes ? `${(portkey.bytes / portkey.jsonBytes).toFixed(2)}x` : '-'
  const cells = [
    graph,
    graph === 'package' ? '-' : size.toLocaleString('en'),
    ms(portkey),
    ms(pulumi),
    speedup(portkey, pulumi),
    ms(portkeyWarm),
    ms(pulumiWarm),
    speedup(portkeyWarm, pulumiWarm),
    growth ? `${growth.toFixed(1)}x for 10x nodes` : '-',
    portkey.bytes ?? '-',
    pulumi.bytes ?? '-',
    json,
  ]
  lines.push(`| ${cells.join(' | ')} |`)
}

function ms(m) {
  return m.ms?.toFixed(0) ?? m.error
}

function speedup(ours, theirs) {
  return ours.ms && theirs.ms ? `${(theirs.ms / ours.ms).toFixed(1)}x` : 'n/a'
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
at the size before are skipped. "warm" columns time a second capture in the same process (after
one of a 10-node graph of the same kind), which leaves out each tool's once-per-process work.

${table}

Where the time goes (target: 10x faster than the baseline at every size; not met, see the
speedup columns; each cell is one measurement, so expect noise of 20-30%).
Cold, most of Pulumi's time at 1,000 nodes is its once-per-process work (loading TypeScript to
parse functions); Portkey's is about 50 ms (indexing Node's built-in modules so values from them
are imported by name, about 25 ms, because every built-in is loaded to keep the chosen import
independent of what happened to be loaded; comparing the built-ins with a fresh realm; the first
script lookup). Warm, per function: three inspector round trips (hand the function over, read
[[Scopes]] and [[FunctionLocation]], take the scope objects back), 15-45 us each on this machine,
so a chain of functions cannot go below about 0.1 ms per function, while Pulumi spends about
1 ms. Data takes no inspector call; the rest of a large capture is allocation (a capture record,
path step and graph node per object) and writing the module with its source map. The package
graph's cold time includes loading lodash-es once more in a separate process, to compare the
package with the copy in this process (a package configured before mount is refused).
`,
)
