/**
 * Lambda's size limits, checked before anything is uploaded, with the packages that take the
 * most room, so a failure says what to cut.
 */
import type { Bundle } from './bundle.js'
import { sizeLimitExceeded } from './diagnostics.js'
import type { CopiedPackage } from './external.js'
import { packageOfPath } from './package-info.js'
import type { SizeContributor } from './types.js'

/** Unzipped bytes by package (bundled or copied), then the artifact's own parts; biggest first. */
export function sizeContributors(
  bundled: Bundle,
  copied: CopiedPackage[],
  otherFiles: Record<string, number>,
): SizeContributor[] {
  const totals = new Map<string, number>()
  const add = (name: string, bytes: number) => totals.set(name, (totals.get(name) ?? 0) + bytes)

  let attributed = 0
  for (const [input, bytes] of bundled.bytesInOutput) {
    add(contributorOf(input), bytes)
    attributed += bytes
  }
  // esbuild's helpers, the banner and the comments belong to no input.
  add('(bundle glue)', Buffer.byteLength(bundled.code) - attributed)
  for (const pkg of copied) {
    for (const bytes of pkg.files.values()) add(pkg.name, bytes.byteLength)
  }
  for (const [name, bytes] of Object.entries(otherFiles)) add(name, bytes)

  return [...totals]
    .filter(([, bytes]) => bytes > 0)
    .map(([name, bytes]) => ({ name, bytes }))
    .sort((a, b) => b.bytes - a.bytes || (a.name < b.name ? -1 : 1))
}

function contributorOf(input: string): string {
  if (input === 'portkey:function') return '(function)'
  if (input.startsWith('portkey:')) return '(portkey runtime)'
  return packageOfPath(input)?.name ?? '(project files)'
}

export function checkSizeLimit(
  kind: 'zipped' | 'unzipped',
  size: number,
  limit: number,
  contributors: SizeContributor[],
): void {
  if (size > limit) throw sizeLimitExceeded(kind, size, limit, contributors)
}
