import { randomUUID } from 'node:crypto'
import { Instance, type InstanceConfig } from './instance.js'
import type { InvocationOutcome } from './outcome.js'

export interface PoolConfig extends InstanceConfig {
  idleMs: number
  /** Most instances running at once; more simultaneous requests wait in line. */
  concurrency: number
  /** Most requests waiting for an instance; one more is refused as throttled (HTTP 429). */
  queueLimit: number
}

export interface PoolInvocation {
  requestId: string
  outcome: InvocationOutcome
}

/** A request waiting for an instance; null means the pool stopped before one was free. */
type Waiter = (instance: Instance | null) => void

/**
 * The warm instances of one deployment. Each instance serves one request at a time; a request
 * finding none free starts another, up to the limit, then queues. Idle instances are stopped
 * after `idleMs`. A draining pool (its code was replaced or removed) finishes what it has, then
 * stops every instance.
 */
export class FunctionPool {
  private readonly all = new Set<Instance>()
  private readonly idle: Instance[] = []
  private readonly idleTimers = new Map<Instance, NodeJS.Timeout>()
  private readonly waiters: Waiter[] = []
  private draining = false
  private started = 0
  private onDrained: (() => void) | null = null

  constructor(private readonly config: PoolConfig) {}

  async invoke(event: string): Promise<PoolInvocation> {
    const requestId = randomUUID()
    const instance = await this.acquire()
    if (instance === 'throttled') {
      const errorMessage = `Rate exceeded: ${this.config.concurrency} instances busy and ${this.config.queueLimit} requests waiting`
      this.config.log.append(this.config.functionName, errorMessage)
      return { requestId, outcome: { kind: 'throttled', errorMessage } }
    }
    if (instance === null) {
      return { requestId, outcome: { kind: 'crash', errorMessage: 'The backend stopped' } }
    }
    const outcome = await instance.invoke(requestId, event)
    this.release(instance)
    return { requestId, outcome }
  }

  /** Lets in-flight and queued requests finish, then stops every instance. */
  drain(): Promise<void> {
    this.draining = true
    for (const instance of this.idle.splice(0)) this.stopIdle(instance)
    return new Promise((resolve) => {
      this.onDrained = resolve
      this.checkDrained()
    })
  }

  /** Stops everything now: queued requests and requests in flight fail. */
  async stopNow(): Promise<void> {
    this.draining = true
    for (const waiter of this.waiters.splice(0)) waiter(null)
    for (const timer of this.idleTimers.values()) clearTimeout(timer)
    this.idleTimers.clear()
    this.idle.length = 0
    await Promise.all([...this.all].map((instance) => instance.stop()))
  }

  private acquire(): Promise<Instance | null | 'throttled'> {
    const warm = this.idle.pop()
    if (warm !== undefined) {
      this.clearIdleTimer(warm)
      return Promise.resolve(warm)
    }
    if (this.all.size < this.config.concurrency) return Promise.resolve(this.startInstance())
    if (this.waiters.length >= this.config.queueLimit) return Promise.resolve('throttled')
    return new Promise((resolve) => this.waiters.push(resolve))
  }

  private release(instance: Instance): void {
    if (!instance.usable) return
    const waiter = this.waiters.shift()
    if (waiter !== undefined) return waiter(instance)
    if (this.draining) return this.stopIdle(instance)

    this.idle.push(instance)
    const timer = setTimeout(() => this.expire(instance), this.config.idleMs)
    // An idle instance must never keep the parent process alive on its own.
    timer.unref()
    this.idleTimers.set(instance, timer)
  }

  private startInstance(): Instance {
    const tag = `${this.config.functionName}#${++this.started}`
    const instance = new Instance(this.config, tag, (gone) => this.forget(gone))
    this.all.add(instance)
    return instance
  }

  /** An instance ended (crash, timeout, idle, stop): free its slot for whoever waits. */
  private forget(instance: Instance): void {
    this.all.delete(instance)
    this.clearIdleTimer(instance)
    const index = this.idle.indexOf(instance)
    if (index >= 0) this.idle.splice(index, 1)

    const waiter = this.waiters.shift()
    if (waiter !== undefined) waiter(this.startInstance())
    this.checkDrained()
  }

  private expire(instance: Instance): void {
    const index = this.idle.indexOf(instance)
    if (index < 0) return
    this.idle.splice(index, 1)
    this.stopIdle(instance)
  }

  private stopIdle(instance: Instance): void {
    this.clearIdleTimer(instance)
    void instance.stop()
  }

  private clearIdleTimer(instance: Instance): void {
    const timer = this.idleTimers.get(instance)
    if (timer !== undefined) clearTimeout(timer)
    this.idleTimers.delete(instance)
  }

  private checkDrained(): void {
    if (!this.draining || this.onDrained === null) return
    if (this.all.size > 0 || this.waiters.length > 0) return
    this.onDrained()
    this.onDrained = null
  }
}
