import { referenceLabel } from './modules/reference.js'
import { captureAndEmit } from './serialize.js'
import type { CaptureTreeNode, Inspection, SerializeOptions } from './types.js'
import type { Capture, FunctionCapture, Ref } from './walk/captures.js'
import { refCapture } from './walk/captures.js'
import type { ScopeNode, ScopeTree } from './walk/scope-tree.js'

/**
 * What `serialize(fn)` captures, as a tree: every binding, why it was captured (its path), how
 * it travels (by value, by reference to a module, as a global) and about how many bytes it adds
 * to the emitted module. `text` prints it for people, `json` is for tools.
 */
export async function inspect(fn: Function, options?: SerializeOptions): Promise<Inspection> {
  const { result, root, scopes } = await captureAndEmit(fn, options)
  const tree = buildTree(root, result.graph.nodes[0]?.path ?? 'function', scopes)
  return {
    tree,
    text: `${printTree(tree)}\n${summary(result.code, result.graph.modules.length)}`,
    json: JSON.stringify(tree, null, 2),
    size: result.code.length,
    modules: result.graph.modules,
  }
}

/** Builds the tree without recursion, so a chain of 10,000 functions is fine. */
function buildTree(root: Ref, rootLabel: string, scopes: ScopeTree): CaptureTreeNode {
  const shown = new Set<Capture>()
  const top = describe(root, rootLabel, shown, scopes)
  const work: Array<[CaptureTreeNode, Ref]> = [[top, root]]
  for (let next = work.pop(); next; next = work.pop()) {
    const [node, ref] = next
    const capture = refCapture(ref)
    if (!capture || node.how === 'repeat') continue
    for (const [label, child] of childrenOf(capture)) {
      const childNode = describe(child, label, shown, scopes, `${node.path} -> ${label}`)
      node.children.push(childNode)
      work.push([childNode, child])
    }
  }
  return top
}

/** `inlinePath` names a value written inline (a primitive or a global), which has no capture. */
function describe(
  ref: Ref,
  label: string,
  shown: Set<Capture>,
  scopes: ScopeTree,
  inlinePath = label,
): CaptureTreeNode {
  if ('inline' in ref) {
    const global =
      /^[A-Za-z_$][\w$.]*$/.test(ref.inline) &&
      !/^(undefined|NaN|Infinity|true|false|null)$/.test(ref.inline)
    return {
      label,
      kind: global ? 'global' : 'primitive',
      how: global ? 'global' : 'value',
      detail: ref.inline.length > 60 ? `${ref.inline.slice(0, 57)}...` : ref.inline,
      path: inlinePath,
      size: ref.inline.length,
      children: [],
    }
  }
  const capture = refCapture(ref)!
  const path = capture.path.toString()
  if (shown.has(capture)) {
    return {
      label,
      kind: capture.kind,
      how: 'repeat',
      detail: `same value as ${path}`,
      path,
      size: 0,
      children: [],
    }
  }
  shown.add(capture)
  const node: CaptureTreeNode = {
    label,
    kind: kindOf(capture),
    how: 'value',
    path,
    size: sizeOf(capture),
    children: [],
  }
  if (capture.kind === 'module') {
    node.how = 'reference'
    node.detail = referenceLabel(capture.reference)
  }
  if (capture.kind === 'function') {
    const details = [scopeDetail(scopes.home.get(capture)), globalsDetail(capture)]
    node.detail = details.filter(Boolean).join('; ') || undefined
  }
  return node
}

function childrenOf(capture: Capture): Array<[string, Ref]> {
  switch (capture.kind) {
    case 'function': {
      const own: Array<[string, Ref]> = capture.bindings.map((b) => [b.name, b.value])
      own.push(...capture.properties.map(([key, value]): [string, Ref] => [`.${key}`, value]))
      if (capture.heritage) own.push(['extends', capture.heritage])
      for (const [key, value] of capture.prototype?.properties ?? [])
        own.push([`.prototype.${key}`, value])
      return own
    }
    case 'bound':
      return [
        ['[[TargetFunction]]', capture.target],
        ['[[BoundThis]]', capture.thisArg],
        ...capture.args.map((a, i): [string, Ref] => [`[[BoundArgs]][${i}]`, a]),
      ]
    case 'object':
    case 'array': {
      const entries: Array<[string, Ref]> = [...capture.entries]
      for (const property of capture.special) {
        const key = typeof property.key === 'string' ? property.key : '[symbol]'
        for (const [slot, ref] of [
          ['', property.value],
          ['get ', property.get],
          ['set ', property.set],
        ] as const) {
          if (ref) entries.push([`${slot}${key}`, ref])
        }
      }
      if (capture.proto) entries.push(['[[Prototype]]', capture.proto])
      return entries
    }
    case 'map':
      return capture.entries.flatMap(([k, v], i): Array<[string, Ref]> => [
        [`[[key ${i}]]`, k],
        [`[[value ${i}]]`, v],
      ])
    case 'set':
      return capture.items.map((item, i): [string, Ref] => [`[[item ${i}]]`, item])
    default:
      return []
  }
}

function kindOf(capture: Capture): string {
  return capture.kind === 'function' && capture.parsed.form === 'class' ? 'class' : capture.kind
}

/** Roughly what the value adds to the emitted module, in bytes. */
function sizeOf(capture: Capture): number {
  switch (capture.kind) {
    case 'function':
      return capture.source.length
    case 'object':
    case 'array':
      return (
        4 +
        capture.entries.reduce((sum, [key]) => sum + key.length + 8, 0) +
        capture.special.length * 60
      )
    case 'map':
      return 12 + capture.entries.length * 16
    case 'set':
      return 12 + capture.items.length * 8
    case 'module':
      return 24 + capture.reference.specifier.length
    case 'bound':
      return 24
    case 'require':
      return 50
    default:
      return capture.expression(() => 'x').length
  }
}

function scopeDetail(scope: ScopeNode | undefined): string | undefined {
  if (!scope) return undefined
  const shared = scope.functions.length > 1 ? `, shared by ${scope.functions.length} functions` : ''
  return `in ${scope.label || scope.type} scope${shared}`
}

/**
 * The globals a function reads by name (`Math`, `JSON`): not captured, the rebuilt module's own
 * are used. Listed so that what the function depends on is all in view.
 */
function globalsDetail(fn: FunctionCapture): string | undefined {
  const captured = new Set(fn.bindings.map((binding) => binding.name))
  const globals = fn.freeNames.filter((name) => !captured.has(name) && name in globalThis)
  if (globals.length === 0) return undefined
  const shown = globals.slice(0, 8).join(', ')
  return `uses globals ${shown}${globals.length > 8 ? `, and ${globals.length - 8} more` : ''}`
}

/** Prints the tree with box-drawing guides, iteratively. */
export function printTree(tree: CaptureTreeNode): string {
  const lines: string[] = []
  const work: Array<[CaptureTreeNode, string, string]> = [[tree, '', '']]
  for (let next = work.pop(); next; next = work.pop()) {
    const [node, lead, childLead] = next
    lines.push(`${lead}${lineOf(node)}`)
    const children = node.children
    for (let i = children.length - 1; i >= 0; i--) {
      const last = i === children.length - 1
      work.push([
        children[i]!,
        `${childLead}${last ? '└─ ' : '├─ '}`,
        `${childLead}${last ? '   ' : '│  '}`,
      ])
    }
  }
  return lines.join('\n')
}

function lineOf(node: CaptureTreeNode): string {
  const how =
    node.how === 'reference'
      ? `by reference to ${node.detail}`
      : node.how === 'global'
        ? `global ${node.detail}`
        : node.how === 'repeat'
          ? node.detail
          : node.kind === 'primitive'
            ? `= ${node.detail}`
            : `by value${node.detail ? ` (${node.detail})` : ''}`
  const size =
    node.size > 0 && node.how !== 'global' && node.kind !== 'primitive' ? `, ${node.size} B` : ''
  // Inline values (primitives, globals) sit right under their holder: the path adds nothing.
  const inline = node.kind === 'primitive' || node.kind === 'global'
  const why = node.path && node.how !== 'repeat' && !inline ? `  [${node.path}]` : ''
  return `${node.label}: ${node.kind} ${how}${size}${why}`
}

function summary(code: string, modules: number): string {
  return `emitted module: ${code.length} bytes, ${modules} module reference${modules === 1 ? '' : 's'}`
}
