import { writeFileSync } from 'node:fs'
import { relative } from 'node:path'
import { buildArtifact, suggestRoute } from '@portkey/core'
import { loadTarget } from '../target.js'

export interface PackArgs {
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

  const { name, artifact } = await buildArtifact(fn, route)
  const out = args.out ?? `${name}.zip`
  writeFileSync(out, artifact.zip)
  const ms = Date.now() - started

  if (args.json) {
    const { zip: _bytes, ...summary } = artifact
    process.stdout.write(`${JSON.stringify({ name, route, out, ms, ...summary }, null, 2)}\n`)
    return 0
  }

  for (const entry of artifact.entries) {
    process.stderr.write(`  ${String(entry.size).padStart(9)}  ${entry.path}\n`)
  }
  process.stderr.write(`  sha256 ${artifact.sha256}\n`)
  process.stdout.write(
    `${relative(process.cwd(), out) || out}: ${artifact.size} bytes in ${ms} ms\n`,
  )
  return 0
}
