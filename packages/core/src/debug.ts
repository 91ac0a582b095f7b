/**
 * Debug channels by area (`DEBUG=portkey:core`, `DEBUG=portkey:*`). A disabled channel is a
 * no-op function, so calls cost nothing beyond the argument evaluation.
 */

export type DebugLog = (message: string) => void

export function createDebug(area: string): DebugLog {
  const patterns = (process.env.DEBUG ?? '').split(',').map((p) => p.trim())
  const enabled = patterns.some(
    (p) => p === area || (p.endsWith('*') && area.startsWith(p.slice(0, -1))),
  )
  if (!enabled) return () => {}

  return (message) => process.stderr.write(`${area} ${message}\n`)
}
