/** Checks a `DeployInput` before any AWS call, so a bad input fails fast and says why. */
import {
  MEMORY_RANGE,
  MOUNT_NAME_PATTERN,
  RESERVED_ENVIRONMENT_KEYS,
  TIMEOUT_RANGE,
  type DeployInput,
} from '@portkey/backend'
import { invalidDeployInput, invalidMountName } from './diagnostics.js'
import { DESCRIPTION_PREFIX } from './names.js'

export function checkDeployInput(input: DeployInput): void {
  if (typeof input?.name !== 'string' || !MOUNT_NAME_PATTERN.test(input.name)) {
    throw invalidMountName(input?.name)
  }
  const name = input.name
  const fail = (problem: string) => invalidDeployInput(name, problem)

  if (typeof input.route !== 'string') throw fail('`route` must be a string such as /hello')
  // The template is stored in the function's description, which Lambda caps at 256 characters.
  if (DESCRIPTION_PREFIX.length + input.route.length > 256) {
    throw fail(
      `\`route\` is ${input.route.length} characters; at most ${256 - DESCRIPTION_PREFIX.length} fit`,
    )
  }
  checkArtifact(input, fail)
  checkEnvironment(input.environment, fail)
  checkRange('memoryMb', input.memoryMb, MEMORY_RANGE, fail)
  checkRange('timeoutSeconds', input.timeoutSeconds, TIMEOUT_RANGE, fail)
}

type Fail = (problem: string) => Error

function checkArtifact(input: DeployInput, fail: Fail): void {
  const artifact = input.artifact
  if (!artifact || !(artifact.zip instanceof Uint8Array)) {
    throw fail('`artifact.zip` must be the zip bytes (a Uint8Array) from the packager')
  }
  if (typeof artifact.sha256 !== 'string' || artifact.sha256 === '') {
    throw fail('`artifact.sha256` must be the base64 SHA-256 of the zip')
  }
  if (typeof artifact.handler !== 'string' || !/^[^\s]+\.[^\s]+$/.test(artifact.handler)) {
    throw fail('`artifact.handler` must name a file and an export, such as index.handler')
  }
}

function checkEnvironment(environment: unknown, fail: Fail): void {
  if (environment === undefined) return
  if (typeof environment !== 'object' || environment === null) {
    throw fail('`environment` must be an object of string values')
  }
  for (const [key, value] of Object.entries(environment)) {
    if (typeof value !== 'string') throw fail(`environment variable \`${key}\` must be a string`)
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(key)) {
      throw fail(
        `environment variable name \`${key}\` must be a letter followed by letters, digits or _`,
      )
    }
    if (RESERVED_ENVIRONMENT_KEYS.has(key)) {
      throw fail(
        `environment variable \`${key}\` is reserved by Lambda; rename it (for example APP_${key})`,
      )
    }
  }
}

function checkRange(
  key: string,
  value: unknown,
  [min, max]: readonly [number, number],
  fail: Fail,
) {
  if (value === undefined) return
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw fail(`\`${key}\` must be an integer from ${min} to ${max}, got ${String(value)}`)
  }
}
