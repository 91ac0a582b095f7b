import type { Deployment, DeployInput, InvokeResult } from '@portkey/backend'
import { parseRoute } from '@portkey/runtime'
import type { Route } from '@portkey/runtime'
import { unpackArtifact } from './artifacts.js'
import { bootstrapPath } from './bootstrap-path.js'
import { checkDeployInput, type CheckedDeploy } from './deploy-input.js'
import { backendDisposed, LocalBackendError, mountNotFound } from './diagnostics.js'
import { RouteTable } from './gateway/routes.js'
import { GatewayServer } from './gateway/server.js'
import { FunctionPool, type PoolInvocation } from './instances/pool.js'
import { RuntimeApiServer } from './instances/runtime-api.js'
import { directResult } from './invoke.js'
import { FunctionLog } from './logs.js'
import { resolveLocalBackendOptions } from './options.js'
import { MountStore, type MountRecord } from './state/store.js'
import type {
  LocalBackend,
  LocalBackendOptions,
  ResolvedLocalBackendOptions,
  RestoreReport,
} from './types.js'

/** One mounted function: what it serves and the instances serving it. */
interface Mount {
  deployment: Deployment
  route: Route
  /** Everything besides the hash that would make a redeploy restart the instances. */
  config: string
  pool: FunctionPool
  log: FunctionLog
}

export function createLocalBackend(options?: LocalBackendOptions): LocalBackend {
  return new LocalBackendImpl(resolveLocalBackendOptions(options))
}

class LocalBackendImpl implements LocalBackend {
  readonly name = 'local'
  private readonly mounts = new Map<string, Mount>()
  private readonly routes = new RouteTable()
  /** Replaced or removed pools still finishing their in-flight requests. */
  private readonly retiring = new Set<FunctionPool>()
  private readonly runtimeApi = new RuntimeApiServer()
  private readonly gateway = new GatewayServer(this.routes, (name, event) => this.run(name, event))
  private started: Promise<string> | null = null
  private queue: Promise<unknown> = Promise.resolve()
  private disposed = false
  private readonly store: MountStore

  constructor(private readonly options: ResolvedLocalBackendOptions) {
    this.store = new MountStore(options.stateDir)
  }

  async start(): Promise<string> {
    this.assertLive('start')
    this.started ??= this.listen().catch((error: unknown) => {
      this.started = null
      throw error
    })
    return this.started
  }

  async deploy(input: DeployInput): Promise<Deployment> {
    this.assertLive('deploy')
    const checked = checkDeployInput(input, this.options.timeoutSeconds)
    const route = parseRoute(input.route)
    this.routes.assertFree(input.name, route)
    return this.serially(() => this.mount(checked, route))
  }

  async remove(name: string): Promise<void> {
    this.assertLive('remove')
    return this.serially(async () => {
      const mount = this.findMount(name)
      if (this.options.persist) await this.store.delete(name)
      this.routes.release(name)
      this.mounts.delete(name)
      await this.retire(mount.pool)
    })
  }

  async list(): Promise<Deployment[]> {
    return [...this.mounts.values()].map(({ deployment }) => withoutChange(deployment))
  }

  async restore(): Promise<RestoreReport> {
    const report: RestoreReport = { restored: [], failed: [] }
    for (const stored of await this.store.load()) {
      if ('error' in stored) {
        report.failed.push(stored)
        continue
      }
      try {
        report.restored.push(withoutChange(await this.deploy(stored.input)))
      } catch (error: unknown) {
        if (!(error instanceof LocalBackendError)) throw error
        report.failed.push({ name: stored.name, error })
      }
    }
    return report
  }

  async logs(name: string): Promise<string[]> {
    return this.findMount(name).log.snapshot()
  }

  followLogs(name: string, onLine: (line: string) => void): () => void {
    return this.findMount(name).log.follow(onLine)
  }

  async invoke(name: string, event: unknown): Promise<InvokeResult> {
    this.assertLive('invoke')
    const invocation = await this.findMount(name).pool.invoke(JSON.stringify(event ?? null))
    return directResult(invocation)
  }

  async dispose(): Promise<void> {
    if (this.disposed) return
    this.disposed = true
    const pools = [...[...this.mounts.values()].map((mount) => mount.pool), ...this.retiring]
    this.mounts.clear()
    await Promise.all(pools.map((pool) => pool.stopNow()))
    await Promise.all([this.gateway.close(), this.runtimeApi.close()])
  }

  getClient(): unknown {
    return { gateway: this.gateway.httpServer }
  }

  private async listen(): Promise<string> {
    await this.runtimeApi.listen()
    return this.gateway.listen(this.options.port, this.options.host)
  }

  private async mount(checked: CheckedDeploy, route: Route): Promise<Deployment> {
    const { input } = checked
    const base = await this.start()
    const previous = this.mounts.get(input.name)
    const config = JSON.stringify([
      route.resource,
      input.route,
      checked.environment,
      checked.timeoutSeconds,
      checked.memoryMb,
    ])
    if (previous?.deployment.sha256 === input.artifact.sha256 && previous.config === config) {
      return { ...previous.deployment, change: 'unchanged' }
    }

    const taskRoot = await unpackArtifact(this.options.stateDir, input.name, input.artifact)
    const log = previous?.log ?? new FunctionLog(input.name)
    this.assertLive('deploy')
    // Deploys run one at a time, so the route cannot be taken between this check and the claim.
    this.routes.assertFree(input.name, route)
    if (this.options.persist) await this.store.save(mountRecord(checked), input.artifact.zip)
    const pool = this.createPool(checked, taskRoot, log)
    this.routes.claim(input.name, route)
    const deployment: Deployment = {
      name: input.name,
      route: input.route,
      url: `${base}${route.resource}`,
      sha256: input.artifact.sha256,
      backend: this.name,
    }
    this.mounts.set(input.name, { deployment, route, config, pool, log })

    // New requests already reach the new pool; the old one finishes its own, then stops.
    if (previous !== undefined) void this.retire(previous.pool)
    return { ...deployment, change: previous === undefined ? 'created' : 'updated' }
  }

  private createPool(checked: CheckedDeploy, taskRoot: string, log: FunctionLog): FunctionPool {
    return new FunctionPool({
      functionName: checked.input.name,
      taskRoot,
      handler: checked.input.artifact.handler,
      memoryMb: checked.memoryMb,
      region: this.options.region,
      timeoutSeconds: checked.timeoutSeconds,
      environment: checked.environment,
      bootstrapPath: bootstrapPath(),
      runtimeApi: this.runtimeApi,
      log,
      idleMs: this.options.idleMs,
      concurrency: this.options.concurrency,
      queueLimit: this.options.queueLimit,
    })
  }

  private async retire(pool: FunctionPool): Promise<void> {
    this.retiring.add(pool)
    await pool.drain()
    this.retiring.delete(pool)
  }

  private run(name: string, event: string): Promise<PoolInvocation | null> {
    const mount = this.mounts.get(name)
    return mount === undefined ? Promise.resolve(null) : mount.pool.invoke(event)
  }

  private findMount(name: string): Mount {
    const mount = this.mounts.get(name)
    if (mount === undefined) throw mountNotFound(name, [...this.mounts.keys()])
    return mount
  }

  /** Deploys and removes run one at a time, so two deploys of one name cannot interleave. */
  private serially<T>(step: () => Promise<T>): Promise<T> {
    const next = this.queue.then(step, step)
    this.queue = next.catch(() => undefined)
    return next
  }

  private assertLive(method: string): void {
    if (this.disposed) throw backendDisposed(method)
  }
}

function withoutChange(deployment: Deployment): Deployment {
  const { change: _change, ...rest } = deployment
  return rest
}

function mountRecord({ input, environment, timeoutSeconds, memoryMb }: CheckedDeploy): MountRecord {
  return {
    format: 1,
    name: input.name,
    route: input.route,
    handler: input.artifact.handler,
    sha256: input.artifact.sha256,
    hex: input.artifact.hex,
    environment,
    timeoutSeconds,
    memoryMb,
  }
}
