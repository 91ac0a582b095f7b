/**
 * Makes an input source map's file names relative to resolveDir. serialize() may name sources by
 * absolute path or file URL; left as they are, they would put the packing machine's directories
 * (and user name) into the zip and make its bytes depend on where the project lives.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

interface SourceMapLike {
  sources?: unknown
  sourceRoot?: unknown
  [key: string]: unknown
}

export function relativeSourceMap(map: object, resolveDir: string): object {
  const input = map as SourceMapLike
  if (!Array.isArray(input.sources)) return map

  const root = typeof input.sourceRoot === 'string' ? input.sourceRoot : ''
  const sources = input.sources.map((source: unknown) =>
    typeof source === 'string' ? relativeSource(root, source, resolveDir) : source,
  )
  const { sourceRoot: _dropped, ...rest } = input
  return { ...rest, sources }
}

function relativeSource(root: string, source: string, resolveDir: string): string {
  const joined =
    root === '' || isAbsolute(source) || source.startsWith('file:')
      ? source
      : `${root.replace(/\/$/, '')}/${source}`
  const path = joined.startsWith('file:') ? fileURLToPath(joined) : joined
  if (!isAbsolute(path)) return path

  return relative(resolveDir, resolve(path)).split(sep).join('/')
}
