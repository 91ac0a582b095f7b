import { serialize, type CaptureGraph } from '@portkey/closure-graph'
import { pack, type Artifact } from '@portkey/packager'
import { parseRoute } from '@portkey/runtime'
import { callShapeFor } from './call-shape.js'
import { createDebug } from './debug.js'
import { invalidFunction } from './diagnostics.js'
import { checkMountName, deriveMountName } from './names.js'
import type { MountStep, PackOptions } from './types.js'

const debug = createDebug('portkey:core')

export interface BuildOptions {
  /** Mount name. @default derived from the function or the route */
  name?: string
  /** Called as each step starts. @default none */
  onProgress?: (step: MountStep, elapsedMs: number) => void
  /** Packing options (runtime, minify, external packages, ...). @default the packager's */
  pack?: PackOptions
}

export interface Build {
  name: string
  artifact: Artifact
  graph: CaptureGraph
}

/**
 * Captures a function and packs it for `route`, without deploying: what `mount()` deploys and
 * what `portkey pack` writes to disk.
 */
export async function buildArtifact(
  fn: Function,
  route: string,
  options: BuildOptions = {},
): Promise<Build> {
  if (typeof fn !== 'function') throw invalidFunction(fn)
  const parsed = parseRoute(route)
  const name = checkMountName(options.name ?? deriveMountName(fn, parsed))
  const call = callShapeFor(fn, parsed, name)
  const progress = options.onProgress ?? (() => {})
  const started = Date.now()

  progress('capture', 0)
  const { code, map, graph } = await serialize(fn, { name })
  debug(`${name}: captured ${graph.nodes.length} values, ${graph.modules.length} modules`)

  progress('pack', Date.now() - started)
  const artifact = await pack({
    ...options.pack,
    code,
    map,
    resolveDir: graph.resolveDir,
    handler: { route, call },
  })
  debug(`${name}: packed ${artifact.size} bytes, sha256 ${artifact.sha256}`)

  return { name, artifact, graph }
}
