import { randomBytes } from 'node:crypto'
import { mkdir, open, rename, rm } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

/**
 * Writes a file so that readers, and a crash at any moment, see either the old content or the
 * new one, never a mix: the bytes go to a temporary file beside the target, are flushed to
 * disk, and the rename (atomic on one file system) puts them in place.
 */
export async function writeFileAtomic(
  path: string,
  data: Uint8Array | string,
  mode = 0o600,
): Promise<void> {
  // Mount records hold the environment the user declared, which may well carry secrets: the
  // state directory and everything in it are for this user only.
  await mkdir(dirname(path), { recursive: true, mode: 0o700 })
  const temp = join(dirname(path), `.tmp-${basename(path)}-${randomBytes(6).toString('hex')}`)
  try {
    // `mode` applies at creation, so a secret is never readable by others, not even briefly.
    const file = await open(temp, 'wx', mode)
    try {
      await file.writeFile(data)
      await file.sync()
    } finally {
      await file.close()
    }
    await rename(temp, path)
  } catch (error: unknown) {
    await rm(temp, { force: true })
    throw error
  }
}
