import type { ArtifactRef, DeployInput } from '@portkey/backend'

/**
 * The control protocol's JSON shapes, shared by server and client. Version 1 lives under `/v1`.
 *
 *   GET    /v1/mounts                      -> Deployment[]
 *   PUT    /v1/mounts/<name>               WireDeploy -> Deployment
 *   DELETE /v1/mounts/<name>               -> 204
 *   GET    /v1/mounts/<name>/logs          -> string[]
 *   GET    /v1/mounts/<name>/logs?follow=1 -> one JSON string per line, until the client leaves
 *
 * Every request carries `Authorization: Bearer <token>`; errors answer `{ code, message }`.
 */
export interface WireDeploy {
  route: string
  handler: string
  sha256: string
  hex: string
  /** The zip, base64. */
  zip: string
  environment?: Record<string, string>
  timeoutSeconds?: number
  memoryMb?: number
}

export interface WireError {
  code: string
  message: string
}

export function toWire(input: DeployInput): WireDeploy {
  return {
    route: input.route,
    handler: input.artifact.handler,
    sha256: input.artifact.sha256,
    hex: input.artifact.hex,
    zip: Buffer.from(input.artifact.zip).toString('base64'),
    ...(input.environment !== undefined && { environment: input.environment }),
    ...(input.timeoutSeconds !== undefined && { timeoutSeconds: input.timeoutSeconds }),
    ...(input.memoryMb !== undefined && { memoryMb: input.memoryMb }),
  }
}

/** Back to a deploy input; the backend's own checks then validate every field. */
export function fromWire(name: string, wire: WireDeploy): DeployInput {
  const artifact: ArtifactRef = {
    zip: new Uint8Array(Buffer.from(String(wire.zip), 'base64')),
    sha256: wire.sha256,
    hex: wire.hex,
    handler: wire.handler,
  }
  return {
    name,
    route: wire.route,
    artifact,
    ...(wire.environment !== undefined && { environment: wire.environment }),
    ...(wire.timeoutSeconds !== undefined && { timeoutSeconds: wire.timeoutSeconds }),
    ...(wire.memoryMb !== undefined && { memoryMb: wire.memoryMb }),
  }
}
