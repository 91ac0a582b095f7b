import { unzipSync, strFromU8 } from 'fflate'
import { describe, expect, it } from 'vitest'
import { codeSha256, PackError, readManifest, zipFiles } from '../src/index.js'

function entryNames(zip: Uint8Array): string[] {
  const names: string[] = []
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength)
  // Walk the central directory: 0x02014b50 headers, name length at +28, name at +46.
  for (let offset = 0; offset < zip.byteLength - 4; offset++) {
    if (view.getUint32(offset, true) !== 0x02014b50) continue
    const length = view.getUint16(offset + 28, true)
    names.push(strFromU8(zip.subarray(offset + 46, offset + 46 + length)))
  }
  return names
}

describe('zipFiles', () => {
  it('gives the same bytes for the same files given in any order', () => {
    const a = zipFiles({ 'b.txt': 'bee', 'a.txt': 'ay', 'lib/c.js': new Uint8Array([1, 2, 3]) })
    const b = zipFiles({ 'lib/c.js': new Uint8Array([1, 2, 3]), 'a.txt': 'ay', 'b.txt': 'bee' })
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true)
  })

  it('sorts entries by path, integer-like names included', () => {
    const zip = zipFiles({ '9': '', '10': '', b: '', 'a/z': '', A: '' })
    expect(entryNames(zip)).toEqual(['10', '9', 'A', 'a/z', 'b'])
  })

  it('round-trips contents through unzip', () => {
    const files = unzipSync(
      zipFiles({ 'index.mjs': 'export const x = 1\n', 'bin.dat': new Uint8Array([0, 255]) }),
    )
    expect(strFromU8(files['index.mjs'] ?? new Uint8Array())).toBe('export const x = 1\n')
    expect([...(files['bin.dat'] ?? [])]).toEqual([0, 255])
  })

  it.each(['/etc/passwd', '../up.js', 'a/../b', 'a//b', 'dir\\file', 'C:/x', '', './x'])(
    'rejects the unsafe entry path %j',
    (path) => {
      expect(() => zipFiles({ [path]: 'x' })).toThrow(PackError)
      expect(() => zipFiles({ [path]: 'x' })).toThrow(/Zip entry path .* is invalid/)
    },
  )
})

describe('codeSha256', () => {
  it('gives Lambda CodeSha256 (base64) and hex of the bytes', () => {
    expect(codeSha256(new Uint8Array())).toEqual({
      base64: '47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=',
      hex: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    })
  })
})

describe('readManifest', () => {
  it('refuses a zip without portkey.json', () => {
    expect(() => readManifest(zipFiles({ 'index.mjs': '' }))).toThrow(
      expect.objectContaining({ code: 'MANIFEST_MISSING' }),
    )
  })

  it('reads portkey.json back from a zip', () => {
    const zip = zipFiles({ 'portkey.json': '{"runtime":"nodejs22.x"}' })
    expect(readManifest(zip)).toEqual({ runtime: 'nodejs22.x' })
  })
})
