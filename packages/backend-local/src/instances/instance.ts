import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import type { ServerResponse } from 'node:http'
import { dirname } from 'node:path'
import { workerEnvironment } from '../environment.js'
import { forEachLine, type FunctionLog } from '../logs.js'
import { errorOutcome, type InvocationOutcome } from './outcome.js'
import type { RuntimeApiServer, RuntimeApiTarget } from './runtime-api.js'

/** Everything an instance needs to start; shared by all instances of one deployment. */
export interface InstanceConfig {
  functionName: string
  taskRoot: string
  handler: string
  memoryMb: number
  region: string
  timeoutSeconds: number
  environment: Record<string, string>
  bootstrapPath: string
  runtimeApi: RuntimeApiServer
  log: FunctionLog
}

/** One invocation handed to this instance and not yet answered. */
interface Invocation {
  requestId: string
  event: string
  delivered: boolean
  startedAt: number
  settle: (outcome: InvocationOutcome) => void
}

// Lambda gives a function's init phase 10 seconds, separately from the invocation timeout.
const INIT_LIMIT_MS = 10_000

/**
 * One warm instance: a child `node` process running the bootstrap, answering one invocation at a
 * time through the Runtime API. Module state lives as long as the process does.
 */
export class Instance implements RuntimeApiTarget {
  readonly tag: string
  private readonly child: ChildProcess
  private readonly detach: () => void
  private readonly exited: Promise<void>
  private pendingNext: ServerResponse | null = null
  private current: Invocation | null = null
  private timer: NodeJS.Timeout | null = null
  private polled = false
  private stopping = false
  private running = true

  /** `tag` names the instance in log lines, e.g. `hello#3`. */
  constructor(
    private readonly config: InstanceConfig,
    tag: string,
    onExit: (instance: Instance) => void,
  ) {
    this.tag = tag
    const { runtimeApi, detach } = config.runtimeApi.attach(this)
    this.detach = detach
    this.child = spawnWorker(config, runtimeApi)
    this.captureOutput()
    this.exited = new Promise((resolve) => {
      const ended = (code: number | null, signal: NodeJS.Signals | null) => {
        if (!this.running) return
        this.onChildExit(code, signal)
        onExit(this)
        resolve()
      }
      this.child.once('exit', ended)
      // A process that could not be spawned at all reports an error and never exits.
      this.child.once('error', (error) => {
        this.log(`could not start the worker: ${error.message}`)
        if (this.child.pid === undefined) ended(null, null)
      })
    })
  }

  get pid(): number | undefined {
    return this.child.pid
  }

  /** False once the process ended or is being stopped: it must not take another request. */
  get usable(): boolean {
    return this.running && !this.stopping
  }

  /** Hands one event to the function; settles when it answers, fails, dies or times out. */
  invoke(requestId: string, event: string): Promise<InvocationOutcome> {
    return new Promise((settle) => {
      this.current = { requestId, event, delivered: false, startedAt: 0, settle }
      if (this.pendingNext !== null) this.deliver()
      else if (!this.polled) this.arm(INIT_LIMIT_MS, 'init')
    })
  }

  /** Kills the process now (an answer in progress is lost) and waits until it is gone. */
  async stop(): Promise<void> {
    this.stopping = true
    if (this.running) this.child.kill('SIGKILL')
    await this.exited
  }

  next(res: ServerResponse): void {
    this.polled = true
    this.pendingNext = res
    res.once('close', () => {
      if (this.pendingNext === res) this.pendingNext = null
    })
    if (this.current !== null && !this.current.delivered) this.deliver()
  }

  respond(requestId: string, payload: string): boolean {
    return this.finish(requestId, { kind: 'response', payload })
  }

  fail(requestId: string, body: string): boolean {
    return this.finish(requestId, errorOutcome(body))
  }

  initFailed(body: string): void {
    const outcome = errorOutcome(body)
    if (outcome.kind === 'error') this.log(`INIT_REPORT Status: error ${outcome.errorType}`)
    if (this.current !== null) this.settle(outcome)
    // The bootstrap exits after reporting; make sure a stuck one does too.
    void this.stop()
  }

  private deliver(): void {
    const invocation = this.current
    const res = this.pendingNext
    if (invocation === null || res === null) return
    this.pendingNext = null
    invocation.delivered = true
    invocation.startedAt = Date.now()
    const deadline = invocation.startedAt + this.config.timeoutSeconds * 1000

    this.log(`START RequestId: ${invocation.requestId} Version: $LATEST`)
    this.arm(this.config.timeoutSeconds * 1000, 'invocation')
    res.writeHead(200, {
      'content-type': 'application/json',
      'lambda-runtime-aws-request-id': invocation.requestId,
      'lambda-runtime-deadline-ms': String(deadline),
      'lambda-runtime-invoked-function-arn': `arn:aws:lambda:${this.config.region}:000000000000:function:${this.config.functionName}`,
      'lambda-runtime-trace-id': traceId(),
    })
    res.end(invocation.event)
  }

  private finish(requestId: string, outcome: InvocationOutcome): boolean {
    const invocation = this.current
    if (invocation === null || invocation.requestId !== requestId || !invocation.delivered) {
      return false
    }
    const duration = Date.now() - invocation.startedAt
    this.log(`END RequestId: ${requestId}`)
    this.log(`REPORT RequestId: ${requestId} Duration: ${duration} ms`)
    this.settle(outcome)
    return true
  }

  private settle(outcome: InvocationOutcome): void {
    const invocation = this.current
    if (invocation === null) return
    this.current = null
    this.disarm()
    invocation.settle(outcome)
  }

  /** Starts the clock on the init phase or the invocation; running out kills the instance. */
  private arm(ms: number, phase: 'init' | 'invocation'): void {
    this.disarm()
    this.timer = setTimeout(() => this.onTimeout(phase), ms)
    this.timer.unref()
  }

  private disarm(): void {
    if (this.timer !== null) clearTimeout(this.timer)
    this.timer = null
  }

  private onTimeout(phase: 'init' | 'invocation'): void {
    const requestId = this.current?.requestId ?? '-'
    const message =
      phase === 'init'
        ? `Init timed out after ${(INIT_LIMIT_MS / 1000).toFixed(2)} seconds`
        : `Task timed out after ${this.config.timeoutSeconds.toFixed(2)} seconds`
    this.log(`${new Date().toISOString()} ${requestId} ${message}`)
    this.settle({ kind: 'timeout', errorMessage: message })
    void this.stop()
  }

  private onChildExit(code: number | null, signal: NodeJS.Signals | null): void {
    this.running = false
    this.detach()
    this.disarm()
    this.pendingNext = null
    if (this.stopping && this.current === null) return

    const status = signal === null ? `exit status ${code}` : `signal ${signal}`
    const message = `Runtime exited with error: ${status}`
    this.log(message)
    this.settle({ kind: 'crash', errorMessage: message })
  }

  private captureOutput(): void {
    if (this.child.stdout) forEachLine(this.child.stdout, (line) => this.log(line))
    if (this.child.stderr) forEachLine(this.child.stderr, (line) => this.log(line))
  }

  private log(line: string): void {
    this.config.log.append(this.tag, line)
  }
}

function spawnWorker(config: InstanceConfig, runtimeApi: string): ChildProcess {
  const env = workerEnvironment({
    functionName: config.functionName,
    memoryMb: config.memoryMb,
    region: config.region,
    handler: config.handler,
    taskRoot: config.taskRoot,
    runtimeDir: dirname(config.bootstrapPath),
    runtimeApi,
    user: config.environment,
  })
  return spawn(process.execPath, [...memoryFlags(config.memoryMb), config.bootstrapPath], {
    cwd: config.taskRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
}

/**
 * Caps V8's heap near the function's memory size, so a function that would run out of memory
 * on Lambda runs out here too: V8 aborts, the request gets a 502 and the instance is replaced.
 * Known shortcoming: memory outside the V8 heap (Buffers, native add-ons) is not limited, while
 * Lambda counts the whole process against `memoryMb`.
 */
function memoryFlags(memoryMb: number): string[] {
  // Leave a tenth for the bootstrap, code space and Node's own allocations, as Lambda does.
  return [`--max-old-space-size=${Math.floor(memoryMb * 0.9)}`]
}

/** X-Ray's header shape; nothing reads it locally but handlers may log or forward it. */
function traceId(): string {
  const epoch = Math.floor(Date.now() / 1000).toString(16)
  return `Root=1-${epoch}-${randomBytes(12).toString('hex')};Parent=${randomBytes(8).toString('hex')};Sampled=0`
}
