import { types } from 'node:util'
import { unsupportedValue } from '../diagnostics.js'
import { globalPathOf } from '../globals.js'
import type { Inspector } from '../inspector.js'
import { PackageReferences } from '../modules/packages.js'
import type { CaptureGraph } from '../types.js'
import type { Capture, Ref } from './captures.js'
import { classify } from './classify.js'
import { primitiveLiteral } from './literals.js'

type GraphNode = CaptureGraph['nodes'][number]

/**
 * The fixpoint walk: `capture` classifies a value and registers it at once (so cycles and shared
 * values resolve to the same capture), queueing the work of looking inside it; `walk` drains
 * that queue until nothing new turns up. Captures and ids come out in walk order, which makes
 * the emitted module deterministic.
 */
export class Walker {
  readonly captures: Capture[] = []
  readonly nodes: GraphNode[] = []
  /** Global objects of the realms the walked functions live in (a `vm` context has its own). */
  readonly realms = new Set<object>([globalThis])
  readonly packages = new PackageReferences()
  private readonly seen = new Map<unknown, Capture>()
  private readonly pending: Array<() => Promise<void>> = []

  constructor(readonly inspector: Inspector) {}

  async walk(root: Function, name: string): Promise<Ref> {
    const ref = await this.capture(root, [name])
    for (let task = this.pending.shift(); task; task = this.pending.shift()) await task()
    return ref
  }

  async capture(value: unknown, path: string[]): Promise<Ref> {
    if (typeof value === 'symbol') throw unsupportedValue(path, `a symbol (${String(value)})`)
    if (!isObjectLike(value)) {
      this.node('primitive', path)
      return { inline: primitiveLiteral(value) }
    }

    const known = this.seen.get(value)
    if (known) return { capture: known }
    if (types.isProxy(value)) throw unsupportedValue(path, 'a Proxy')

    const globalPath = this.globalPathOf(value)
    if (globalPath) {
      this.node('global', path)
      return { inline: globalPath }
    }
    return { capture: await classify(this, value, path) }
  }

  /** Records a new capture for `value`; its id follows walk order. */
  register<T extends Capture>(value: object, capture: Omit<T, 'id'>): T {
    const registered = { ...capture, id: this.node(capture.kind, capture.path) } as T
    this.seen.set(value, registered)
    this.captures.push(registered)
    return registered
  }

  /** Queues looking inside a registered capture. */
  later(task: () => Promise<void>): void {
    this.pending.push(task)
  }

  private node(kind: string, path: string[]): string {
    const id = `n${this.nodes.length + 1}`
    this.nodes.push({ id, kind, path: path.join(' -> ') })
    return id
  }

  private globalPathOf(value: object): string | undefined {
    for (const realm of this.realms) {
      const path = globalPathOf(value, realm)
      if (path) return path
    }
    return undefined
  }
}

export function isObjectLike(value: unknown): value is object {
  return typeof value === 'function' || (typeof value === 'object' && value !== null)
}
