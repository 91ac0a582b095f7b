import { sharedScopeTooCostly, sharedScopeUnknown } from '../diagnostics.js'
import { contextChains, snapshotRefusal } from '../heap-contexts.js'
import type { FunctionCapture, Ref, ScopeLink } from './captures.js'
import type { Walker } from './walker.js'

/** One captured scope: it becomes one factory, whose `let` bindings all its functions share. */
export interface ScopeNode {
  id: string
  type: string
  label: string
  parent?: ScopeNode
  children: ScopeNode[]
  /** Captured bindings, in order of first use. */
  bindings: Map<string, Ref>
  /** Functions whose innermost captured scope this is. */
  functions: FunctionCapture[]
}

export interface ScopeTree {
  roots: ScopeNode[]
  nodes: ScopeNode[]
  /** Functions that capture no binding through any scope: emitted at the top level. */
  loose: FunctionCapture[]
  home: Map<FunctionCapture, ScopeNode>
  /** True when a heap snapshot was needed to tell shared scopes from equal copies. */
  exact: boolean
}

/** Types of scope that are V8 contexts one function call (or block) creates. */
const PER_CALL = new Set(['closure', 'block', 'catch', 'eval'])

/**
 * Groups captured functions by the scopes they share. Scopes are first told apart by their
 * values; when two functions meet in a scope that one of them writes to, equal values are not
 * enough (two counters from one factory look alike) and the heap snapshot decides.
 */
export function buildScopeTree(walker: Walker, functions: FunctionCapture[]): ScopeTree {
  const byValues = functions.map((fn) => valueKeys(fn.scopes))
  const exact = isAmbiguous(functions, byValues)
  const keys = exact ? exactKeys(walker, functions) : byValues
  return { ...assemble(functions, keys), exact }
}

/** Keys from the outermost scope in: a scope's key includes every scope around it. */
function valueKeys(links: ScopeLink[]): string[] {
  const keys: string[] = new Array<string>(links.length)
  let outer = ''
  for (let index = links.length - 1; index >= 0; index--) {
    const link = links[index]!
    outer = PER_CALL.has(link.type)
      ? `${link.type}(${link.identity})<${outer}`
      : `${link.type}(${link.identity})`
    keys[index] = outer
  }
  return keys
}

function isAmbiguous(functions: FunctionCapture[], keys: string[][]): boolean {
  const users = new Map<string, number>()
  const written = new Set<string>()
  for (const [index, fn] of functions.entries()) {
    for (const [position, link] of fn.scopes.entries()) {
      if (!PER_CALL.has(link.type)) continue
      const key = keys[index]![position]!
      users.set(key, (users.get(key) ?? 0) + 1)
    }
    for (const binding of fn.bindings) {
      if (fn.writtenNames.includes(binding.name)) written.add(keys[index]![binding.scope]!)
    }
  }
  return [...written].some((key) => (users.get(key) ?? 0) > 1)
}

function exactKeys(walker: Walker, functions: FunctionCapture[]): string[][] {
  const refusal = snapshotRefusal()
  if (refusal) throw sharedScopeTooCostly(functions[0]!.path, refusal)
  let chains: number[][]
  try {
    chains = contextChains(
      walker.inspector,
      functions.map((fn) => walker.functions.get(fn)!),
    )
  } catch (error: unknown) {
    // V8 cannot always write a snapshot out (a string too long for the heap it describes).
    const reason = error instanceof Error ? error.message : String(error)
    throw sharedScopeTooCostly(functions[0]!.path, `the snapshot failed (${reason})`)
  }
  return functions.map((fn, index) => {
    const contexts = chains[index] ?? []
    const withContext = contextScopes(fn.scopes, contexts.length)
    if (!withContext) throw sharedScopeUnknown(fn.path)
    const values = valueKeys(fn.scopes)
    return fn.scopes.map((link, position) => {
      const at = withContext.indexOf(position)
      return PER_CALL.has(link.type) && at !== -1 ? `context:${contexts[at]}` : values[position]!
    })
  })
}

/**
 * Which entries of `[[Scopes]]` are the function's contexts, in order. The global scope never is;
 * a script scope is one only in some chains, so both readings are tried against the count.
 */
function contextScopes(links: ScopeLink[], count: number): number[] | undefined {
  const positions = (skip: Set<string>) =>
    links.flatMap((link, position) => (skip.has(link.type) ? [] : [position]))
  const withScript = positions(new Set(['global']))
  if (withScript.length === count) return withScript
  const withoutScript = positions(new Set(['global', 'script']))
  return withoutScript.length === count ? withoutScript : undefined
}

function assemble(functions: FunctionCapture[], keys: string[][]) {
  const byKey = new Map<string, ScopeNode>()
  const nodes: ScopeNode[] = []
  for (const [index, fn] of functions.entries()) {
    for (const binding of fn.bindings) {
      const key = keys[index]![binding.scope]!
      let node = byKey.get(key)
      if (!node) {
        const link = fn.scopes[binding.scope]!
        node = {
          id: `s${nodes.length + 1}`,
          type: link.type,
          label: link.label,
          children: [],
          bindings: new Map(),
          functions: [],
        }
        byKey.set(key, node)
        nodes.push(node)
      }
      node.bindings.set(binding.name, binding.value)
    }
  }

  const home = new Map<FunctionCapture, ScopeNode>()
  const loose: FunctionCapture[] = []
  for (const [index, fn] of functions.entries()) {
    const chain = keys[index]!.flatMap((key) => byKey.get(key) ?? [])
    const innermost = chain[0]
    if (innermost) home.set(fn, innermost)
    if (innermost) innermost.functions.push(fn)
    else loose.push(fn)
    for (let level = 0; level + 1 < chain.length; level++) link(chain[level]!, chain[level + 1]!)
  }
  return { roots: nodes.filter((node) => !node.parent), nodes, loose, home }
}

function link(child: ScopeNode, parent: ScopeNode): void {
  if (child.parent === parent) return
  if (child.parent) throw new Error(`scope ${child.label} has two outer scopes`)
  child.parent = parent
  parent.children.push(child)
}
