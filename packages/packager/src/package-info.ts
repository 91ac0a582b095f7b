/**
 * Which npm package a file belongs to, read from its path: the part after the last
 * `node_modules/` names the package (`@scope/name` or `name`), whatever store or nesting led
 * there (npm's nested folders, pnpm's `node_modules/.pnpm/name@1.0.0/node_modules/name`).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

const MARKER = 'node_modules/'

export interface PackageLocation {
  name: string
  /** Absolute directory of the package (the path up to and including its name). */
  root: string
  /** The file's path inside the package, `/`-separated. */
  subpath: string
}

/** Works on `/`-separated paths, absolute or relative; undefined outside node_modules. */
export function packageOfPath(path: string): PackageLocation | undefined {
  const at = path.lastIndexOf(MARKER)
  if (at === -1) return undefined

  const rest = path.slice(at + MARKER.length).split('/')
  const length = rest[0]?.startsWith('@') ? 2 : 1
  if (rest.length <= length) return undefined
  const name = rest.slice(0, length).join('/')
  return {
    name,
    root: path.slice(0, at + MARKER.length) + name,
    subpath: rest.slice(length).join('/'),
  }
}

export interface PackageManifest {
  name?: string
  version?: string
  dependencies?: Record<string, string>
  optionalDependencies?: Record<string, string>
  peerDependencies?: Record<string, string>
}

/** package.json of a package directory; read afresh each time, as a watcher may re-pack. */
export function readPackageManifest(root: string): PackageManifest {
  try {
    return JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as PackageManifest
  } catch (error: unknown) {
    // A package folder without package.json still has a name (its folder) and files; only its
    // version and dependencies are unknown.
    if (isMissingFile(error)) return {}
    throw error
  }
}

function isMissingFile(error: unknown): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === 'ENOENT'
}
