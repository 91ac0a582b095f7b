import { writeFileSync } from 'node:fs'
import { relative } from 'node:path'
import { buildArtifact, suggestRoute } from '@portkey/core'
import type { Artifact } from '@portkey/packager'
import { packOptions, type SettingFlags } from '../settings.js'
import { loadTarget } from '../target.js'

export interface PackArgs extends SettingFlags {
  target: string
  route?: string
  out?: string
  json: boolean
}

/** `portkey pack`: writes the zip a mount would deploy and reports its entries and hash. */
export async function packCommand(args: PackArgs): Promise<number> {
  const { fn, exportName } = await loadTarget(args.target)
  const route =
    args.route ?? suggestRoute(fn, `/${exportName === 'default' ? 'function' : exportName}`)
  const started = Date.now()

  const built = await buildArtifact(fn, route, { pack: packOptions(args) })
  const { artifact } = built
  const out = args.out ?? `${built.name}.zip`
  writeFileSync(out, artifact.zip)
  const ms = Date.now() - started

  if (args.json) {
    const { zip: _bytes, ...summary } = artifact
    const result = { name: built.name, route, out, ms, ...summary }
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`)
    return 0
  }
  printSummary(artifact)
  process.stdout.write(
    `${relative(process.cwd(), out) || out}: ${artifact.size} bytes zipped (${artifact.unzippedSize} unzipped) in ${ms} ms\n`,
  )
  return 0
}

/** Entries, the biggest contributors, the hashes and warnings, on stderr for humans. */
function printSummary(artifact: Artifact): void {
  const write = (line: string) => process.stderr.write(`${line}\n`)
  for (const entry of artifact.entries) write(`  ${String(entry.size).padStart(9)}  ${entry.path}`)

  const biggest = artifact.contributors.slice(0, 5)
  write(`  biggest: ${biggest.map((c) => `${c.name} ${c.bytes} B`).join(', ')}`)
  write(`  sha256 ${artifact.sha256} (hex ${artifact.hex})`)
  for (const warning of artifact.warnings) write(`  warning: ${warning}`)
}
