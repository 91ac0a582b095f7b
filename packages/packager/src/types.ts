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
}

export interface ResolvedPackInput {
  code: string
  map: object | undefined
  resolveDir: string
  handler: HandlerConfig
  runtime: LambdaRuntime
  minify: boolean
  sourceMap: boolean
}

export interface Artifact extends ArtifactRef {
  entries: Array<{ path: string; size: number }>
  /** Zip size in bytes. */
  size: number
  /** esbuild warnings, formatted as `file:line:column: text`; empty when there were none. */
  warnings: string[]
}

/** What `portkey.json` inside the zip says. */
export interface Manifest {
  portkey: string
  runtime: LambdaRuntime
  handler: string
  route: string
  call: HandlerConfig['call']
  /** SHA-256 (hex) over every bundle input: relative path and content hash of each. */
  inputs: string
}
