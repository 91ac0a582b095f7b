// bench/gateway: requests per second and p50/p99 latency of Portkey's local gateway serving a
// trivial function, against a bare node:http server calling the same function in-process,
// measured in the same run with the same load generator on 127.0.0.1.
//
// serverless-offline is not measured: its current release needs the Serverless Framework v4,
// which will not run without logging in to a Serverless account, and nothing here may use one.
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { machine, writeSection } from '../results.mjs'
import { load } from './load.mjs'

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5)
const WARMUP_SECONDS = 1
const SCENARIOS = [
  { label: '1 connection', connections: 1 },
  { label: '8 connections', connections: 8 },
]
const SERVERS = [
  { name: 'bare node:http (in-process call)', script: 'bare-server.mjs', baseline: true },
  { name: 'portkey local gateway', script: 'portkey-server.mjs' },
]

async function startServer(script) {
  const path = fileURLToPath(new URL(script, import.meta.url))
  const child = spawn(process.execPath, [path], { stdio: ['ignore', 'pipe', 'inherit'] })
  const [line] = await once(createInterface({ input: child.stdout }), 'line')
  return { child, url: `${line}?name=bench` }
}

async function stopServer(child) {
  child.kill('SIGTERM')
  await once(child, 'exit')
}

async function measure(server) {
  const { child, url } = await startServer(server.script)
  const rows = []
  try {
    for (const scenario of SCENARIOS) {
      await load(url, { connections: scenario.connections, seconds: WARMUP_SECONDS })
      const result = await load(url, { connections: scenario.connections, seconds: SECONDS })
      rows.push({ server, scenario, ...result })
      process.stderr.write(`  ${server.name}, ${scenario.label}: ${Math.round(result.rps)} req/s\n`)
    }
  } finally {
    await stopServer(child)
  }
  return rows
}

function table(rows) {
  const lines = [
    '| server | load | req/s | p50 (ms) | p99 (ms) | req/s vs bare | p50 over bare (ms) | errors |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ]
  for (const row of rows) {
    const base = rows.find((r) => r.server.baseline && r.scenario === row.scenario)
    const ratio = row.rps / base.rps
    const over = (row.p50 - base.p50) / 1000
    lines.push(
      `| ${row.server.name} | ${row.scenario.label} | ${Math.round(row.rps)} | ${(row.p50 / 1000).toFixed(3)} | ${(row.p99 / 1000).toFixed(3)} | ${ratio.toFixed(2)}x | ${row.server.baseline ? '-' : over.toFixed(3)} | ${row.errors} |`,
    )
  }
  return lines.join('\n')
}

process.stderr.write(`bench/gateway: ${SECONDS} s per measurement\n`)
const rows = []
for (const server of SERVERS) rows.push(...(await measure(server)))
rows.sort((a, b) => a.scenario.connections - b.scenario.connections)

const markdown = `## gateway

${machine()}. Load: keep-alive clients on 127.0.0.1, each sending its next request when the last
answer arrived, ${SECONDS} s per row after ${WARMUP_SECONDS} s of warm-up; the bare server is
the baseline of the same run. Portkey runs the packed function in worker processes through the
Lambda Runtime API (up to one instance per connection). serverless-offline: not measured (its
current release needs the Serverless Framework v4, which requires an account login).

${table(rows)}
`
console.log(table(rows))
writeSection('gateway', markdown)
