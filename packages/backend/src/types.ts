/**
 * The contract between Portkey's core and a place that runs artifacts. Modelled on small storage
 * drivers: a name, a few required methods, optional ones the core can do without.
 */

/** A packed function as every backend receives it: the zip bytes and their hash. */
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

export interface DeployInput {
  /** Mount name: letters, digits, `-`, `_`, at most 64 characters (Lambda's rule). */
  name: string
  /** Route template, e.g. `/hello?name={name}`. */
  route: string
  artifact: ArtifactRef
  /** Environment variables the user declared for this function (nothing else is passed). */
  environment?: Record<string, string>
  /** @default 3 (Lambda's default) */
  timeoutSeconds?: number
  /** @default 128 */
  memoryMb?: number
}

export interface Deployment {
  name: string
  route: string
  /** Full URL of the route without its query part, e.g. `http://127.0.0.1:4321/hello`. */
  url: string
  /** CodeSha256 of the artifact now serving. */
  sha256: string
  backend: string
  /** What the last deploy did: created, updated, or nothing because the hash matched. */
  change?: 'created' | 'updated' | 'unchanged'
}

/** A direct invocation result, bypassing HTTP. */
export interface InvokeResult {
  requestId: string
  payload: unknown
  error?: { errorType: string; errorMessage: string }
}

export interface Backend {
  readonly name: string
  deploy(input: DeployInput): Promise<Deployment>
  /** Removes a mount; removing an unknown name is an error with code `MOUNT_NOT_FOUND`. */
  remove(name: string): Promise<void>
  list(): Promise<Deployment[]>
  invoke?(name: string, event: unknown): Promise<InvokeResult>
  logs?(name: string): Promise<string[]>
  /** Stops servers and processes; the backend cannot be used afterwards. */
  dispose?(): Promise<void>
  /** The underlying client (HTTP server, SDK clients), for what the interface does not cover. */
  getClient?(): unknown
}
