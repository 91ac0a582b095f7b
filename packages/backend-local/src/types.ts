import type { Backend, Deployment } from '@portkey/backend'
import type { LocalBackendError } from './diagnostics.js'

export interface LocalBackendOptions {
  /** Where mounts are recorded and artifacts kept. @default join(process.cwd(), '.portkey') */
  stateDir?: string
  /** Gateway port. @default 0 (a free port) */
  port?: number
  /**
   * Address the gateway listens on. Anything but loopback exposes every mounted function to the
   * network, so callers should warn when they pass another one.
   * @default '127.0.0.1'
   */
  host?: string
  /** Per-invocation timeout when a deploy does not give one. @default 3 (Lambda's default) */
  timeoutSeconds?: number
  /** Stop an instance after this long without requests. @default 300_000 */
  idleMs?: number
  /** What `AWS_REGION` and `AWS_DEFAULT_REGION` say inside the function. @default 'us-east-1' */
  region?: string
  /** Most instances of one function running at once. @default 10 */
  concurrency?: number
  /** Most requests waiting for a busy function before the next one gets a 429. @default 100 */
  queueLimit?: number
  /**
   * Record each mount (and its zip) in `stateDir`, so `restore()` on a later backend brings it
   * back. @default true
   */
  persist?: boolean
}

/** The options after defaults; everything past `resolveLocalBackendOptions` sees this form. */
export interface ResolvedLocalBackendOptions {
  stateDir: string
  port: number
  host: string
  timeoutSeconds: number
  idleMs: number
  region: string
  concurrency: number
  queueLimit: number
  persist: boolean
}

/** What `restore()` brought back, and what it could not, each with the reason. */
export interface RestoreReport {
  restored: Deployment[]
  failed: Array<{ name: string; error: LocalBackendError }>
}

export interface LocalBackend extends Backend {
  /** Starts the gateway if needed; resolves to its base URL `http://127.0.0.1:PORT`. */
  start(): Promise<string>
  /**
   * Deploys again every mount recorded in the state directory. A record or zip that cannot be
   * read is reported in `failed` and left on disk untouched; the others are restored anyway.
   */
  restore(): Promise<RestoreReport>
  dispose(): Promise<void>
  logs(name: string): Promise<string[]>
  /** Calls `onLine` for every new log line of a mount until the returned function is called. */
  followLogs(name: string, onLine: (line: string) => void): () => void
}
