import type { Backend } from '@portkey/backend'

export interface LocalBackendOptions {
  /** Where artifacts are unpacked. @default join(process.cwd(), '.portkey') */
  stateDir?: string
  /** Gateway port on 127.0.0.1. @default 0 (a free port) */
  port?: number
  /** Per-invocation timeout when a deploy does not give one. @default 3 (Lambda's default) */
  timeoutSeconds?: number
  /** Stop an instance after this long without requests. @default 300_000 */
  idleMs?: number
  /** What `AWS_REGION` and `AWS_DEFAULT_REGION` say inside the function. @default 'us-east-1' */
  region?: string
}

/** The options after defaults; everything past `resolveLocalBackendOptions` sees this form. */
export interface ResolvedLocalBackendOptions {
  stateDir: string
  port: number
  timeoutSeconds: number
  idleMs: number
  region: string
}

export interface LocalBackend extends Backend {
  /** Starts the gateway if needed; resolves to its base URL `http://127.0.0.1:PORT`. */
  start(): Promise<string>
}
