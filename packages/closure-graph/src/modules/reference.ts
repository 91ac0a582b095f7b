/** A value taken by reference: the emitted module imports it instead of rebuilding it. */
export interface ModuleReference {
  specifier: string
  kind: 'builtin' | 'package'
  /**
   * What to import: 'default', '*' for the namespace, or a named export. A CommonJS member
   * is imported through `default` and then read as `member`.
   */
  importName: string
  member?: string
}

export function referenceLabel(reference: ModuleReference): string {
  const name = reference.member ?? reference.importName
  return `${reference.specifier}${name === 'default' ? '' : `#${name}`}`
}
