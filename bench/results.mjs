// Shared by every benchmark: each one owns a section of bench/RESULTS.md, between markers, and
// rewrites only that section, so benchmarks can run in any order without losing each other's
// tables.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { arch, cpus, totalmem } from 'node:os'
import { fileURLToPath } from 'node:url'

const FILE = fileURLToPath(new URL('./RESULTS.md', import.meta.url))
const HEADER = `# Benchmark results

Each section is rewritten by its benchmark (\`node bench/<name>/run.mjs\`); the numbers come from
one run on the machine it names. Ratios compare against a baseline measured in the same run.
`

/** One line naming the machine and Node version, for the top of a section. */
export function machine() {
  const cpu = cpus()[0]?.model ?? 'unknown cpu'
  const gib = Math.round(totalmem() / 2 ** 30)
  return `Node ${process.version}, ${arch()}, ${cpus().length} x ${cpu}, ${gib} GiB`
}

/** Replaces (or appends) the section `name` of bench/RESULTS.md with `markdown`. */
export function writeSection(name, markdown) {
  const start = `<!-- bench:${name} -->`
  const end = `<!-- /bench:${name} -->`
  const block = `${start}\n${markdown.trim()}\n${end}`
  const current = existsSync(FILE) ? readFileSync(FILE, 'utf8') : HEADER

  const from = current.indexOf(start)
  const to = current.indexOf(end)
  const next =
    from !== -1 && to > from
      ? current.slice(0, from) + block + current.slice(to + end.length)
      : `${current.trimEnd()}\n\n${block}\n`

  // Write beside, then rename: an interrupted run never leaves half a file.
  writeFileSync(`${FILE}.tmp`, next)
  renameSync(`${FILE}.tmp`, FILE)
}
