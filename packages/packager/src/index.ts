export { pack } from './pack.js'
export { zipFiles } from './zip.js'
export { codeSha256 } from './hash.js'
export { readManifest } from './manifest.js'
export { PackError } from './diagnostics.js'
export type {
  Artifact,
  ArtifactRef,
  AwsSdkSource,
  LambdaRuntime,
  Manifest,
  PackInput,
  SizeContributor,
  SizeLimits,
} from './types.js'
