import { inspect } from '@portkey/closure-graph'
import { loadTarget } from '../target.js'

export interface InspectArgs {
  target: string
  json: boolean
}

/**
 * `portkey inspect`: what a mount of this function would capture, as a tree: each binding, the
 * path that reached it, whether it travels by value, as a module reference or as a global, and
 * how much it adds to the emitted module.
 */
export async function inspectCommand(args: InspectArgs): Promise<number> {
  const { fn, exportName } = await loadTarget(args.target)
  const inspection = await inspect(fn, {
    name: exportName === 'default' ? fn.name || 'default' : exportName,
  })

  process.stdout.write(args.json ? `${inspection.json}\n` : `${inspection.text}\n`)
  return 0
}
