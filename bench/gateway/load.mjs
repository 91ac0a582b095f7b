// A bounded loopback load generator: `connections` keep-alive clients, each sending its next
// request as soon as the previous answer arrived, for `seconds`. Latency in microseconds.
import { Agent, request } from 'node:http'

export async function load(url, { connections, seconds }) {
  const agent = new Agent({ keepAlive: true, maxSockets: connections })
  const latencies = []
  let errors = 0
  const until = Date.now() + seconds * 1000

  const client = async () => {
    while (Date.now() < until) {
      const start = process.hrtime.bigint()
      const status = await get(url, agent)
      latencies.push(Number(process.hrtime.bigint() - start) / 1000)
      if (status !== 200) errors++
    }
  }
  const started = process.hrtime.bigint()
  await Promise.all(Array.from({ length: connections }, client))
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9
  agent.destroy()

  latencies.sort((a, b) => a - b)
  return {
    requests: latencies.length,
    errors,
    rps: latencies.length / elapsed,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
  }
}

function get(url, agent) {
  return new Promise((resolve) => {
    const req = request(url, { agent }, (res) => {
      res.resume()
      res.on('end', () => resolve(res.statusCode))
    })
    req.on('error', () => resolve(0))
    req.end()
  })
}

function percentile(sorted, q) {
  if (sorted.length === 0) return NaN
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]
}
