import type { HandlerConfig } from '@portkey/runtime'

/**
 * A packed function as every backend receives it. Declared here with the same shape as
 * `ArtifactRef` in `@portkey/backend`, so the packager does not depend on the backend package.
 */
export interface ArtifactRef {
  /** The deterministic zip. */
  zip: Uint8Array
  /** SHA-256 of `zip`, base64, as Lambda reports `CodeSha256`. */
  sha256: string
  /** The same hash in hex, safe for file names. */
  hex: string
  /** Lambda handler string inside the zip, e.g. `index.handler`. */
  handler: string
}

export type LambdaRuntime = 'nodejs20.x' | 'nodejs22.x'

/** Where `@aws-sdk/*` imports are satisfied: Lambda's own copy, or a copy bundled in the zip. */
export type AwsSdkSource = 'runtime' | 'bundle'

/** Lambda's limits, in bytes; smaller values are useful to fail early (or in tests). */
export interface SizeLimits {
  /** @default 52428800 (50 MiB, Lambda's limit for a zip uploaded directly) */
  zipped?: number
  /** @default 262144000 (250 MiB, Lambda's limit for the unzipped code) */
  unzipped?: number
}

export interface PackInput {
  /** The module from serialize(): default export is the function. */
  code: string
  /** Its source map (v3 object), optional. */
  map?: object
  /** Absolute directory bare package imports in `code` resolve from. */
  resolveDir: string
  handler: HandlerConfig
  /** @default 'nodejs20.x' on Node 20, 'nodejs22.x' on Node 22 and later */
  runtime?: LambdaRuntime
  /** @default false */
  minify?: boolean
  /**
   * Ship `index.mjs.map` (mappings and relative source names, no source text) so that stack
   * traces can point at the user's own lines when the function runs with
   * `NODE_OPTIONS=--enable-source-maps`.
   * @default true
   */
  sourceMap?: boolean
  /**
   * Packages kept out of the bundle and copied whole (with their dependencies) into the zip's
   * `node_modules/`, for packages that read their own files at run time or carry native addons.
   * @default []
   */
  external?: string[]
  /**
   * `'runtime'` leaves every `@aws-sdk/*` import to the copy of AWS SDK v3 that Lambda's
   * nodejs20.x and nodejs22.x runtimes provide: smaller zips and faster cold starts, but the
   * version is whatever Lambda ships, and a plain `node` (the local backend's workers included)
   * must find `@aws-sdk/*` itself. `'bundle'` bundles it like any package.
   * @default 'runtime'
   */
  awsSdk?: AwsSdkSource
  /**
   * Accept external packages containing native addons (`.node` files). Only safe when the
   * binaries were built for Lambda's Linux and architecture; a binary built for this machine
   * fails to load on Lambda.
   * @default false
   */
  allowNativeAddons?: boolean
  /** @default Lambda's limits: 50 MiB zipped, 250 MiB unzipped */
  sizeLimits?: SizeLimits
}

export interface ResolvedPackInput {
  code: string
  map: object | undefined
  resolveDir: string
  handler: HandlerConfig
  runtime: LambdaRuntime
  minify: boolean
  sourceMap: boolean
  external: string[]
  awsSdk: AwsSdkSource
  allowNativeAddons: boolean
  sizeLimits: Required<SizeLimits>
}

/** Bytes one package (or `(function)`, `(runtime)`, `(source map)`...) adds to the unzipped code. */
export interface SizeContributor {
  name: string
  bytes: number
}

export interface Artifact extends ArtifactRef {
  entries: Array<{ path: string; size: number }>
  /** Zip size in bytes. */
  size: number
  /** Sum of the entries' sizes: what Lambda counts against its unzipped limit. */
  unzippedSize: number
  /** Unzipped bytes by package, biggest first. */
  contributors: SizeContributor[]
  /**
   * esbuild warnings (`file:line:column: text`) and credential-looking strings found in the
   * bundle; empty when there were none.
   */
  warnings: string[]
}

/** What `portkey.json` inside the zip says. */
export interface Manifest {
  portkey: string
  runtime: LambdaRuntime
  handler: string
  route: string
  call: HandlerConfig['call']
  /** Packages copied into `node_modules/`, as `name@version`, sorted. */
  external: string[]
  /** SHA-256 (hex) over the pack options and every input: stable name and content hash of each. */
  inputs: string
}
