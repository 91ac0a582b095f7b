import type { Backend, Deployment } from '@portkey/backend'
import type { PackInput } from '@portkey/packager'

/** What a caller may choose about packing; the rest comes from the capture and the route. */
export type PackOptions = Omit<PackInput, 'code' | 'map' | 'resolveDir' | 'handler'>

/** What `mount()` is doing now, for progress output. */
export type MountStep = 'capture' | 'pack' | 'deploy'

export interface MountOptions {
  /**
   * Mount name, also the Lambda function name: letters, digits, `-`, `_`, at most 64.
   * @default the function's name, else the route's literal path segments
   */
  name?: string
  /**
   * Where to deploy: `'local'` (a loopback gateway in this process), `'aws'` (Lambda and API
   * Gateway, with the AWS SDK's default region and credentials), or any `Backend`, such as
   * `createAwsBackend({ region, endpoint })` from `@portkey/backend-aws`.
   * @default 'local'
   */
  backend?: 'local' | 'aws' | Backend
  /** Environment variables the deployed function sees (nothing else is passed). @default {} */
  environment?: Record<string, string>
  /** Per-request time limit in seconds, as Lambda's function timeout. @default 3 */
  timeoutSeconds?: number
  /** Memory size in MB, as Lambda's setting. @default 128 */
  memoryMb?: number
  /** Called as each step starts, with how long the previous steps took. @default none */
  onProgress?: (step: MountStep, elapsedMs: number) => void
  /**
   * How the artifact is packed: Lambda runtime, minification, packages kept external (copied
   * with their files, for packages that read their own files), native addons, the AWS SDK.
   * @default the packager's defaults
   */
  pack?: PackOptions
}

export interface ResolvedMountOptions {
  name: string | undefined
  backend: Backend
  environment: Record<string, string>
  timeoutSeconds: number
  memoryMb: number
  onProgress: (step: MountStep, elapsedMs: number) => void
  pack: PackOptions
}

/** A live mount: where it answers and how to take it down. */
export interface Mount extends Deployment {
  /** The zip's size in bytes. */
  artifactSize: number
  unmount(): Promise<void>
}
