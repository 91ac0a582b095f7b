import { createHash, randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { unzipSync } from 'fflate'
import type { ArtifactRef } from '@portkey/backend'
import {
  artifactHashMismatch,
  invalidDeployInput,
  invalidZip,
  unsafeZipEntry,
} from './diagnostics.js'

/**
 * Unpacks an artifact into `<stateDir>/artifacts/<hex>/` and returns that directory, the
 * function's task root. Directories are named by content hash, so an existing one is reused.
 */
export async function unpackArtifact(
  stateDir: string,
  mountName: string,
  artifact: ArtifactRef,
): Promise<string> {
  checkHashes(mountName, artifact)
  const root = join(stateDir, 'artifacts')
  const target = join(root, artifact.hex)
  if (existsSync(target)) return target

  const files = readZip(mountName, artifact.zip)
  // Known shortcoming: a process killed mid-unpack leaves its `.tmp-*` directory behind; nothing
  // reads those, and they are not cleaned up later.
  const temp = join(root, `.tmp-${artifact.hex}-${randomBytes(6).toString('hex')}`)
  await mkdir(temp, { recursive: true })
  try {
    await writeEntries(temp, files)
    await moveIntoPlace(temp, target)
  } finally {
    await rm(temp, { recursive: true, force: true })
  }
  return target
}

function checkHashes(mountName: string, artifact: ArtifactRef): void {
  if (!/^[0-9a-f]{64}$/.test(artifact.hex)) {
    throw invalidDeployInput(mountName, '`artifact.hex` must be 64 lowercase hex digits (SHA-256)')
  }
  const digest = createHash('sha256').update(artifact.zip).digest()
  if (digest.toString('hex') !== artifact.hex) {
    throw artifactHashMismatch(mountName, artifact.hex, digest.toString('hex'))
  }
  if (digest.toString('base64') !== artifact.sha256) {
    throw artifactHashMismatch(mountName, artifact.sha256, digest.toString('base64'))
  }
}

/**
 * Known shortcoming: the whole zip is inflated in memory and its unpacked size is not limited
 * (Lambda refuses more than 250 MB), so a hostile zip could exhaust memory before it is refused.
 * Artifacts come from our own packager, which keeps them small.
 */
function readZip(mountName: string, zip: Uint8Array): Map<string, Uint8Array> {
  let entries: Record<string, Uint8Array>
  try {
    entries = unzipSync(zip)
  } catch (cause: unknown) {
    throw invalidZip(mountName, cause)
  }

  const files = new Map<string, Uint8Array>()
  for (const [entry, bytes] of Object.entries(entries)) {
    if (!isSafeEntry(entry)) throw unsafeZipEntry(mountName, entry)
    // Directory entries end with `/`; their files create them anyway.
    if (!entry.endsWith('/')) files.set(entry, bytes)
  }
  return files
}

/** Relative, forward-slash paths only: no root, no drive letter, no `..` segment. */
function isSafeEntry(entry: string): boolean {
  if (entry === '' || entry.startsWith('/') || entry.startsWith('\\')) return false
  if (/^[a-zA-Z]:/.test(entry) || entry.includes('\0')) return false
  return !entry.split(/[\\/]/).some((segment) => segment === '..')
}

async function writeEntries(dir: string, files: Map<string, Uint8Array>): Promise<void> {
  for (const [entry, bytes] of files) {
    const path = join(dir, entry)
    await mkdir(dirname(path), { recursive: true })
    await writeFile(path, bytes)
  }
}

/** The rename is the atomic step: readers see either no directory or a complete one. */
async function moveIntoPlace(temp: string, target: string): Promise<void> {
  try {
    await rename(temp, target)
  } catch (error: unknown) {
    // Another deploy of the same hash won the race; its copy is identical, keep it.
    if (existsSync(target)) return
    throw error
  }
}
