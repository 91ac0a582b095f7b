/**
 * Files that must never travel in an artifact: secrets from the developer's machine. A zip is
 * uploaded to the cloud and unpacked on servers we do not control, so these are refused, not
 * skipped: a silent skip would hide that something reached for them.
 */
import { homedir } from 'node:os'
import { basename, sep } from 'node:path'
import { forbiddenFile } from './diagnostics.js'

// `.env.example` and friends document variable names and hold no values by convention.
const ENV_TEMPLATE = /^\.env\.(example|sample|template|defaults)$/
const ENV_FILE = /^\.env(\..+)?$/
const KEY_FILE = /^(id_(rsa|dsa|ecdsa|ed25519)|.+\.(pem|key|p12|pfx|ppk))$/
const PRIVATE_KEY_BLOCK = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----/

/**
 * Why `path` must not be packed, or undefined when it may be. `content` is given for files copied
 * as they are; bundled sources are checked by name only, and their string literals by the
 * credential scan, which warns.
 */
export function forbiddenReason(path: string, content?: Uint8Array | string): string | undefined {
  const segments = path.split(/[\\/]/)
  const name = basename(path)

  if (ENV_FILE.test(name) && !ENV_TEMPLATE.test(name)) return 'a .env file holds secrets'
  if (segments.includes('.git')) return 'it is inside a .git directory'
  if (segments.includes('.aws') || isInside(path, `${homedir()}${sep}.aws`)) {
    return 'it is inside an .aws directory, where AWS keeps credentials'
  }
  if (KEY_FILE.test(name)) return 'its name is that of a private key or certificate store'
  if (content !== undefined && PRIVATE_KEY_BLOCK.test(textOf(content))) {
    return 'it contains a private key'
  }
  return undefined
}

/** Throws FORBIDDEN_FILE for the first file that must not be packed. */
export function refuseForbidden(path: string, shownAs: string, content?: Uint8Array | string) {
  const reason = forbiddenReason(path, content)
  if (reason !== undefined) throw forbiddenFile(shownAs, reason)
}

function isInside(path: string, directory: string): boolean {
  return path === directory || path.startsWith(`${directory}${sep}`)
}

// latin1 maps every byte to one character, so binary files decode without errors.
function textOf(content: Uint8Array | string): string {
  if (typeof content === 'string') return content
  return Buffer.from(content.buffer, content.byteOffset, content.byteLength).toString('latin1')
}
