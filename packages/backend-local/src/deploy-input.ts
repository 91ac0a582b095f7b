import { MEMORY_RANGE, MOUNT_NAME_PATTERN, type DeployInput } from '@portkey/backend'
import { invalidDeployInput, invalidMountName, invalidOption } from './diagnostics.js'
import { checkUserEnvironment } from './environment.js'
import { checkTimeout } from './options.js'

/** A deploy request after checks and defaults. */
export interface CheckedDeploy {
  input: DeployInput
  environment: Record<string, string>
  timeoutSeconds: number
  memoryMb: number
}

/** Rejects a malformed deploy before anything touches the disk or the route table. */
export function checkDeployInput(input: DeployInput, defaultTimeout: number): CheckedDeploy {
  if (typeof input?.name !== 'string' || !MOUNT_NAME_PATTERN.test(input.name))
    throw invalidMountName(input?.name)
  const name = input.name
  if (typeof input.route !== 'string' || !input.route.startsWith('/')) {
    throw invalidDeployInput(name, '`route` must be a template starting with `/`, e.g. `/hello`')
  }
  checkArtifact(name, input.artifact)

  const environment = input.environment ?? {}
  for (const [key, value] of Object.entries(environment)) {
    if (typeof value !== 'string') {
      throw invalidDeployInput(name, `environment variable \`${key}\` must be a string`)
    }
  }
  checkUserEnvironment(name, environment)

  const timeoutSeconds = input.timeoutSeconds ?? defaultTimeout
  checkTimeout(`deploy('${name}')`, timeoutSeconds)
  const memoryMb = input.memoryMb ?? 128
  const [minMemory, maxMemory] = MEMORY_RANGE
  if (!Number.isInteger(memoryMb) || memoryMb < minMemory || memoryMb > maxMemory) {
    const expected = `an integer from ${minMemory} to ${maxMemory}`
    throw invalidOption(`deploy('${name}')`, 'memoryMb', expected, memoryMb)
  }
  return { input, environment, timeoutSeconds, memoryMb }
}

function checkArtifact(name: string, artifact: DeployInput['artifact'] | undefined): void {
  if (typeof artifact !== 'object' || artifact === null) {
    throw invalidDeployInput(
      name,
      "`artifact` is missing; pass the packager's { zip, sha256, hex, handler }",
    )
  }
  if (!(artifact.zip instanceof Uint8Array)) {
    throw invalidDeployInput(name, '`artifact.zip` must be a Uint8Array of zip bytes')
  }
  if (
    typeof artifact.handler !== 'string' ||
    !/^[^.]+(\/[^.]+)*\.[A-Za-z_$][\w$]*$/.test(artifact.handler)
  ) {
    throw invalidDeployInput(
      name,
      '`artifact.handler` must look like `index.handler` (file, dot, export)',
    )
  }
  if (typeof artifact.sha256 !== 'string' || typeof artifact.hex !== 'string') {
    throw invalidDeployInput(name, '`artifact.sha256` (base64) and `artifact.hex` must be strings')
  }
}
