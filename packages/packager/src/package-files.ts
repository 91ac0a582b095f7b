/** The files of one package directory, without its nested node_modules. */
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

/** `/`-separated paths relative to `root`, sorted, following symlinks to files and folders. */
export function listPackageFiles(root: string): string[] {
  const files: string[] = []
  const walk = (directory: string, prefix: string) => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      // Nested dependencies are found by resolution and copied as packages of their own.
      if (entry.name === 'node_modules') continue
      const path = join(directory, entry.name)
      const relative = prefix === '' ? entry.name : `${prefix}/${entry.name}`
      const kind = entry.isSymbolicLink() ? statSync(path) : entry
      if (kind.isDirectory()) walk(path, relative)
      else if (kind.isFile()) files.push(relative)
    }
  }
  walk(root, '')
  return files.sort()
}

/** The first native addon (compiled `.node` file) of a package, if it has one. */
export function nativeAddonOf(files: string[]): string | undefined {
  return files.find((file) => file.endsWith('.node'))
}
