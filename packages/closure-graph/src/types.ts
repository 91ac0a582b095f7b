/** Options of `serialize`. */
export interface SerializeOptions {
  /** Label of the root in capture paths and error messages. @default fn.name || 'function' */
  name?: string
}

export interface SerializeResult {
  /** One ES module text; `export default` is the rebuilt function. Imports only node built-ins
   *  (as `node:xxx`) and packages (bare specifiers). */
  code: string
  /** Source map v3 of `code` (object form, `version: 3`), mapping function bodies back to the
   *  user's files where known. */
  map: {
    version: number
    sources: string[]
    mappings: string
    names: string[]
    [k: string]: unknown
  }
  graph: CaptureGraph
}

export interface CaptureGraph {
  /** Every captured value/function, by id, with its capture path (`flatter -> words`). */
  nodes: Array<{ id: string; kind: string; path: string }>
  /** Module references: what the emitted module imports. */
  modules: Array<{ specifier: string; kind: 'builtin' | 'package'; imports: string[] }>
  /** Absolute directory from which the bare package specifiers in `code` must be resolved
   *  (the directory of the file defining the root function, or process.cwd() for REPL code). */
  resolveDir: string
}

/** One parameter of a function, as written in its source. */
export interface FunctionParameter {
  /** The parameter's name; null for destructuring patterns. */
  name: string | null
  /** True when the parameter has a default value. */
  optional: boolean
  /** True for a `...rest` parameter. */
  rest: boolean
  pattern: 'identifier' | 'object' | 'array'
}
