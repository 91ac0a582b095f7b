import { Buffer } from 'node:buffer'
import { types } from 'node:util'
import type { AtomCapture, Ref } from './captures.js'
import type { CapturePath } from './path.js'
import type { Walker } from './walker.js'

type Atom = Pick<AtomCapture, 'kind' | 'expression'>

/** A value whose contents live in an ArrayBuffer: the ArrayBuffer itself, or a view of it. */
type Resident = ArrayBuffer | NodeJS.TypedArray | DataView

/** A captured resident, with the byte range it covers in its ArrayBuffer. */
interface Tenant {
  value: Resident
  path: CapturePath
  form: 'arraybuffer' | 'buffer' | 'view'
  /** The view's constructor (`Uint8Array`, `DataView`); unused for the other forms. */
  name: string
  start: number
  end: number
  /** What the constructor takes as its length: elements of a typed array, bytes otherwise. */
  count: number
  /** Position among the tenants of its memory, which is the order their captures are emitted. */
  order: number
}

/** A range of bytes copied once into the rebuilt module; its first tenant creates it. */
interface Block {
  start: number
  end: number
  tenants: Tenant[]
}

/** The memories each walk has met, by the live ArrayBuffer. */
const memories = new WeakMap<Walker, Map<ArrayBufferLike, Memory>>()

/**
 * The atom of an ArrayBuffer reached as a value, or of a typed array, DataView or Node Buffer
 * (`name` is the view's constructor). The caller has already refused what cannot travel.
 */
export function memoryAtom(walker: Walker, value: Resident, path: CapturePath, name: string): Atom {
  const buffer = types.isArrayBuffer(value) ? value : value.buffer
  let byBuffer = memories.get(walker)
  if (!byBuffer) memories.set(walker, (byBuffer = new Map()))
  let memory = byBuffer.get(buffer)
  if (!memory) byBuffer.set(buffer, (memory = new Memory(walker, buffer)))
  return memory.add(value, path, name)
}

/**
 * Every captured value that lives in one ArrayBuffer. Which of them share a copy of the bytes is
 * decided only when the module is written, once the walk has found them all, so the bytes are
 * read then too, not when each value is reached.
 *
 * - The ArrayBuffer was reached as a value, or only typed arrays and DataViews live in it: it is
 *   copied whole, and every view is rebuilt over that copy at its own offset, as it was.
 * - A Node Buffer lives in it: it may be Node's shared pool of small Buffers, which holds
 *   unrelated bytes, so only the views' bytes are copied: one copy for each run of overlapping
 *   ranges, each view rebuilt over its run's copy. Views that do not overlap get copies of
 *   their own, and offsets within the ArrayBuffer are not kept.
 */
class Memory {
  private readonly tenants: Tenant[] = []
  private blocks: Map<Tenant, Block> | undefined

  constructor(
    private readonly walker: Walker,
    private readonly buffer: ArrayBufferLike,
  ) {}

  add(value: Resident, path: CapturePath, name: string): Atom {
    const tenant = tenantOf(value, path, name, this.tenants.length)
    this.tenants.push(tenant)
    const kind =
      tenant.form === 'arraybuffer' ? 'buffer' : tenant.form === 'buffer' ? 'bytes' : 'view'
    return { kind, expression: (text) => this.expressionOf(tenant, text) }
  }

  private expressionOf(tenant: Tenant, text: (ref: Ref) => string): string {
    const block = this.blockOf(tenant)
    if (block.tenants.length === 1 && tenant.form === 'buffer')
      return `Buffer.from(${this.base64(block)}, 'base64')`

    const backing = this.backingOf(tenant, block, text)
    const offset = tenant.start - block.start
    if (tenant.form === 'arraybuffer') return backing
    if (tenant.form === 'buffer') return `Buffer.from(${backing}, ${offset}, ${tenant.count})`
    return `new ${tenant.name}(${backing}, ${offset}, ${tenant.count})`
  }

  /**
   * The block's first tenant copies its bytes; the others reach that copy through it. The first
   * is registered first, so its capture is declared before theirs in the emitted module.
   */
  private backingOf(tenant: Tenant, block: Block, text: (ref: Ref) => string): string {
    const anchor = block.tenants[0]!
    // A fresh Uint8Array has an ArrayBuffer of exactly its size (Buffer.from may use the pool).
    if (tenant === anchor)
      return `new Uint8Array(Buffer.from(${this.base64(block)}, 'base64')).buffer`
    const anchorText = text(this.refOf(anchor))
    return anchor.form === 'arraybuffer' ? anchorText : `${anchorText}.buffer`
  }

  private blockOf(tenant: Tenant): Block {
    this.blocks ??= this.plan()
    return this.blocks.get(tenant)!
  }

  private plan(): Map<Tenant, Block> {
    const whole =
      this.tenants.some((t) => t.form === 'arraybuffer') ||
      !this.tenants.some((t) => t.form === 'buffer')
    const blocks = whole
      ? [{ start: 0, end: this.buffer.byteLength, tenants: this.tenants }]
      : overlappingRuns(this.tenants)
    const byTenant = new Map<Tenant, Block>()
    for (const block of blocks) for (const tenant of block.tenants) byTenant.set(tenant, block)
    return byTenant
  }

  private base64(block: Block): string {
    const bytes = Buffer.from(this.buffer, block.start, block.end - block.start)
    return JSON.stringify(bytes.toString('base64'))
  }

  /** The capture of a tenant, which the walk has registered (so this only looks it up). */
  private refOf(tenant: Tenant): Ref {
    return this.walker.captureData(tenant.value, tenant.path)
  }
}

function tenantOf(value: Resident, path: CapturePath, name: string, order: number): Tenant {
  if (types.isArrayBuffer(value)) {
    const end = value.byteLength
    return { value, path, form: 'arraybuffer', name, start: 0, end, count: end, order }
  }
  const start = value.byteOffset
  const end = start + value.byteLength
  const form = Buffer.isBuffer(value) ? 'buffer' : 'view'
  const count = types.isDataView(value) ? value.byteLength : (value as NodeJS.TypedArray).length
  return { value, path, form, name, start, end, count, order }
}

/** Groups tenants whose byte ranges overlap (transitively); each group keeps emission order. */
function overlappingRuns(tenants: Tenant[]): Block[] {
  const byStart = [...tenants].sort((a, b) => a.start - b.start || a.order - b.order)
  const blocks: Block[] = []
  let current: Block | undefined
  for (const tenant of byStart) {
    if (current && tenant.start < current.end) {
      current.end = Math.max(current.end, tenant.end)
      current.tenants.push(tenant)
    } else {
      current = { start: tenant.start, end: tenant.end, tenants: [tenant] }
      blocks.push(current)
    }
  }
  for (const block of blocks) block.tenants.sort((a, b) => a.order - b.order)
  return blocks
}
