import { getHeapStatistics } from 'node:v8'
import type { Inspector } from './inspector.js'

/**
 * Above this much heap in use, no snapshot is taken: its JSON grows with the whole heap (a 220 MB
 * heap took 40 s and gigabytes of memory, a 585 MB one failed), and the capture would seem hung.
 */
const SNAPSHOT_HEAP_LIMIT = 96 * 1024 * 1024

/** Why a snapshot cannot be taken now, or undefined when it can. */
export function snapshotRefusal(): string | undefined {
  const used = getHeapStatistics().used_heap_size
  if (used <= SNAPSHOT_HEAP_LIMIT) return undefined
  const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`
  return `this process's heap holds ${mb(used)} (the limit is ${mb(SNAPSHOT_HEAP_LIMIT)}: a snapshot of more would take minutes)`
}

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; edge_fields: string[]; edge_types: [string[]] } }
  nodes: number[]
  edges: number[]
  strings: string[]
}

/** A class name nothing else in the heap uses, so its one instance is easy to find. */
class PortkeyHeapProbe {
  [slot: string]: Function
}

/**
 * The V8 contexts each function closes over, innermost first, as heap-snapshot node ids (the
 * native context left out). Two functions share a binding exactly when the context holding it
 * is the same node. The inspector cannot tell this (its scope objects are fresh copies), so this
 * is asked only when copies would be ambiguous.
 */
export function contextChains(inspector: Inspector, functions: Function[]): number[][] {
  const probe = new PortkeyHeapProbe()
  for (const [index, fn] of functions.entries()) probe[`f${index}`] = fn
  const holder = globalThis as Record<string, unknown>
  holder.__portkeyHeapProbe = probe
  let snapshot: Snapshot
  try {
    snapshot = JSON.parse(inspector.heapSnapshot()) as Snapshot
  } finally {
    delete holder.__portkeyHeapProbe
  }
  return readChains(snapshot, functions.length)
}

function readChains(snapshot: Snapshot, count: number): number[][] {
  const graph = new HeapGraph(snapshot)
  const probe = graph.findObject(PortkeyHeapProbe.name)
  if (probe === undefined) throw new Error('the heap probe is missing from the snapshot')

  const chains: number[][] = Array.from({ length: count }, () => [])
  for (const edge of graph.edgesOf(probe)) {
    const index = /^f(\d+)$/.exec(edge.name)?.[1]
    if (edge.type !== 'property' || index === undefined) continue
    chains[Number(index)] = graph.contextChain(edge.to)
  }
  return chains
}

/** Just enough of the snapshot format to follow property, `context` and `previous` edges. */
class HeapGraph {
  private readonly nodeFields: number
  private readonly edgeFields: number
  private readonly firstEdge: number[] = []
  private readonly field: (name: string) => number

  constructor(private readonly snap: Snapshot) {
    const meta = snap.snapshot.meta
    this.nodeFields = meta.node_fields.length
    this.edgeFields = meta.edge_fields.length
    this.field = (name) => meta.node_fields.indexOf(name)
    const edgeCount = this.field('edge_count')
    let edge = 0
    for (let node = 0; node < snap.nodes.length; node += this.nodeFields) {
      this.firstEdge.push(edge)
      edge += (snap.nodes[node + edgeCount] ?? 0) * this.edgeFields
    }
  }

  findObject(name: string): number | undefined {
    const nameField = this.field('name')
    for (let node = 0; node < this.snap.nodes.length; node += this.nodeFields) {
      if (this.snap.strings[this.snap.nodes[node + nameField] ?? -1] === name) return node
    }
    return undefined
  }

  edgesOf(node: number): Array<{ type: string; name: string; to: number }> {
    const types = this.snap.snapshot.meta.edge_types[0]
    const start = this.firstEdge[node / this.nodeFields] ?? 0
    const count = this.snap.nodes[node + this.field('edge_count')] ?? 0
    const edges = []
    for (let k = 0; k < count; k++) {
      const at = start + k * this.edgeFields
      const type = types[this.snap.edges[at] ?? 0] ?? ''
      const nameOrIndex = this.snap.edges[at + 1] ?? 0
      const named = type !== 'element' && type !== 'hidden'
      const name = named ? (this.snap.strings[nameOrIndex] ?? '') : String(nameOrIndex)
      edges.push({ type, name, to: this.snap.edges[at + 2] ?? 0 })
    }
    return edges
  }

  contextChain(fn: number): number[] {
    const chain: number[] = []
    const nameField = this.field('name')
    const idField = this.field('id')
    let context = this.edgesOf(fn).find((e) => e.name === 'context')?.to
    while (context !== undefined) {
      if (
        this.snap.strings[this.snap.nodes[context + nameField] ?? -1] === 'system / NativeContext'
      )
        break
      chain.push(this.snap.nodes[context + idField] ?? -1)
      context = this.edgesOf(context).find((e) => e.name === 'previous')?.to
    }
    return chain
  }
}
