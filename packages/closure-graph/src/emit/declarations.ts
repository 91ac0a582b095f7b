import type { Names } from './names.js'

/**
 * Past this many values of one kind, their names are slots of one array instead (`slots[17]`):
 * V8 overflows its stack compiling a module with about 150,000 declarations in one scope.
 */
export const DECLARATION_LIMIT = 50_000

/** Top-level names for `count` values: constants when few, slots of one array when many. */
export class Declarations {
  private readonly slots: string | undefined
  private used = 0

  constructor(
    private readonly names: Names,
    count: number,
    hint: string,
  ) {
    this.slots = count > DECLARATION_LIMIT ? names.allocate(hint) : undefined
  }

  /** The text that names the next value. */
  name(hint: string): string {
    return this.slots ? `${this.slots}[${this.used++}]` : this.names.allocate(hint)
  }

  /** The line that creates the slots array, when there is one (before any `assign`). */
  header(): string[] {
    return this.slots ? [`const ${this.slots} = new Array(${this.used})`] : []
  }

  /** The line that gives `name` its value. */
  assign(name: string, expression: string): string {
    return `${this.slots ? '' : 'const '}${name} = ${expression}`
  }
}
