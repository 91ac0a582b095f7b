import { createHash } from 'node:crypto'
import type { DeployInput } from '@portkey/backend'

/** An artifact as the packager hands it over; the fake never unzips, so any bytes will do. */
export function artifact(text: string) {
  const zip = new TextEncoder().encode(`zip:${text}`)
  const hash = createHash('sha256').update(zip)
  const digest = hash.digest()
  return {
    zip,
    sha256: digest.toString('base64'),
    hex: digest.toString('hex'),
    handler: 'index.handler',
  }
}

export function input(overrides: Partial<DeployInput> = {}): DeployInput {
  return { name: 'hello', route: '/hello?name={name}', artifact: artifact('v1'), ...overrides }
}

export const ACCOUNT = '123456789012'
export const REGION = 'us-east-1'
