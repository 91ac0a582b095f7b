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
  /**
   * Every captured object, function, symbol, global and module reference, by id, with its capture
   * path (`flatter -> words`). Primitives are written inline and not listed.
   */
  nodes: Array<{ readonly id: string; readonly kind: string; readonly path: string }>
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

/** One captured value in the tree `inspect` returns. */
export interface CaptureTreeNode {
  /** The binding, property or slot it was reached through: `words`, `.cache`, `[[BoundThis]]`. */
  label: string
  /** function, class, object, array, map, set, date, symbol, module, global, primitive, ... */
  kind: string
  /** How it travels: rebuilt by value, imported by reference, read from the global, or a
   *  value already shown elsewhere in the tree (`repeat`). */
  how: 'value' | 'reference' | 'global' | 'repeat'
  /** The module reference, the global path, the primitive, or the scope a function lives in. */
  detail?: string
  /** Why it was captured: the capture path from the root function. */
  path: string
  /** About how many bytes it adds to the emitted module (its own text, without children). */
  size: number
  children: CaptureTreeNode[]
}

/** What `inspect(fn)` returns. */
export interface Inspection {
  tree: CaptureTreeNode
  /** The tree printed for people, with a closing summary line. */
  text: string
  /** The tree as JSON, for tools (`portkey inspect --json`). */
  json: string
  /** Size of the emitted module in bytes. */
  size: number
  modules: CaptureGraph['modules']
}
