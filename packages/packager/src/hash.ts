import { createHash } from 'node:crypto'

/** SHA-256 as Lambda's CodeSha256 (base64) and hex. */
export function codeSha256(bytes: Uint8Array): { base64: string; hex: string } {
  const digest = createHash('sha256').update(bytes).digest()
  return { base64: digest.toString('base64'), hex: digest.toString('hex') }
}

export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex')
}
