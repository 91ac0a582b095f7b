/**
 * Deterministic zips: the same files give the same bytes on any machine, at any time, so a zip's
 * hash identifies its content (a remount with an unchanged hash is a no-op).
 */
import { Zip, ZipDeflate, strToU8 } from 'fflate'
import { zipPathInvalid } from './diagnostics.js'

// DOS time starts in 1980, so this is the earliest stamp a zip can hold. fflate reads the Date
// with local-time getters; building it from local components gives 1980-01-01 00:00 in any
// time zone.
const FIXED_TIME = new Date(1980, 0, 1, 0, 0, 0)

// "Made by" Unix, so the external attributes are read as Unix mode bits: a regular file, 0644.
// Lambda needs every file readable by its runtime user.
const UNIX = 3
const REGULAR_FILE_0644 = 0o100644 * 0x10000

// Level 9 costs little at bundle sizes and makes every upload smaller. The output also depends on
// the fflate version, which the lockfile pins.
const LEVEL = 9

/**
 * Deterministic zip of the given files: entries sorted by path, fixed timestamp (1980-01-01),
 * fixed permissions (0644 files), no extra fields.
 */
export function zipFiles(files: Record<string, Uint8Array | string>): Uint8Array {
  const paths = Object.keys(files).sort(comparePaths)
  const chunks: Uint8Array[] = []
  const zip = new Zip((error, chunk) => {
    if (error) throw error
    chunks.push(chunk)
  })

  // fflate's Zip writes entries in the order they are added (zipSync would follow object key
  // order, which puts integer-like names such as '10' first). Its callbacks run synchronously.
  for (const path of paths) {
    checkPath(path)
    const content = files[path] ?? ''
    const entry = new ZipDeflate(path, { level: LEVEL })
    entry.mtime = FIXED_TIME
    entry.os = UNIX
    entry.attrs = REGULAR_FILE_0644
    zip.add(entry)
    entry.push(typeof content === 'string' ? strToU8(content) : content, true)
  }
  zip.end()

  return concat(chunks)
}

/** Byte order of the UTF-8 names, so the order is the same in every locale. */
function comparePaths(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b))
}

function checkPath(path: string): void {
  const segments = path.split('/')
  const bad =
    path === '' ||
    path.includes('\\') ||
    path.startsWith('/') ||
    /^[A-Za-z]:/.test(path) ||
    segments.some((segment) => segment === '' || segment === '.' || segment === '..')
  if (bad) throw zipPathInvalid(path)
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const size = chunks.reduce((total, chunk) => total + chunk.byteLength, 0)
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return bytes
}
