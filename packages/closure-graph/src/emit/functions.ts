import type MagicString from 'magic-string'
import type { FunctionCapture } from '../walk/captures.js'
import { isBindableName } from './names.js'
import type { Output } from './output.js'

export interface FunctionNames {
  /** Top-level name of the rebuilt function. */
  name: string
  /** Top-level name of its bind step, when it has captured bindings. */
  bindName?: string
  /** Name of the bind step's parameter (free of every captured name). */
  valuesName: string
  /** Where the function's text starts in `source`'s original string. */
  sourceStart: number
}

/**
 * Emits one factory per captured function: its captured bindings become real `let` bindings
 * named as in the source, the source text sits unchanged inside, and a bind step fills the
 * bindings once every value exists (which is what lets cycles and mutual recursion work).
 *
 * Shortcoming (issue #3): functions that share one binding in the original (two closures over
 * one `let`) each get their own copy here, so a write by one is not seen by the other.
 */
export function emitFunction(
  output: Output,
  fn: FunctionCapture,
  source: MagicString,
  names: FunctionNames,
): void {
  const local = localName(fn, names.name)
  const bindings = fn.bindings.filter((b) => !(b.name === local && isSelf(fn, b.value)))
  const selfBound = bindings.length !== fn.bindings.length
  const { prefix, suffix } = nameKeepingWrapper(fn, local, source, names.sourceStart)

  output.line(`// ${fn.path.join(' -> ')}${where(fn, source)}`)
  if (bindings.length === 0 && !selfBound) {
    output.text(`const ${names.name} = ${prefix}`)
    output.source(source)
    output.line(suffix)
    return
  }

  const declared = bindings.map((b) => b.name)
  const head = names.bindName ? `[${names.name}, ${names.bindName}]` : names.name
  output.line(`const ${head} = (() => {`)
  if (declared.length > 0) output.line(`  let ${declared.join(', ')}`)
  output.text(`  ${selfBound ? 'let' : 'const'} ${local} = ${prefix}`)
  output.source(source)
  output.line(suffix)
  if (names.bindName) {
    const assign = `({ ${declared.join(', ')} } = ${names.valuesName})`
    output.line(`  return [${local}, (${names.valuesName}) => ${assign}]`)
  } else {
    output.line(`  return ${local}`)
  }
  output.line('})()')
}

/** True when the function needs a bind step (it captured bindings other than itself). */
export function needsBind(fn: FunctionCapture, topName: string): boolean {
  const local = localName(fn, topName)
  return fn.bindings.some((b) => !(b.name === local && isSelf(fn, b.value)))
}

function isSelf(fn: FunctionCapture, ref: FunctionCapture['bindings'][number]['value']): boolean {
  return 'capture' in ref && ref.capture === fn
}

/**
 * The name the function is declared under inside its factory: its own name when that is free to
 * use (or is the function's own recursive binding), otherwise its top-level name.
 */
function localName(fn: FunctionCapture, topName: string): string {
  if (!isBindableName(fn.name)) return topName
  const binding = fn.bindings.find((b) => b.name === fn.name)
  if (binding && !isSelf(fn, binding.value)) return topName
  return fn.name
}

/**
 * Text around the source that keeps the function's `name`: anonymous functions take the name
 * of what they are assigned to, methods are read back from an object literal.
 */
function nameKeepingWrapper(
  fn: FunctionCapture,
  declaredAs: string,
  source: MagicString,
  sourceStart: number,
) {
  const { parsed } = fn
  if (parsed.method) {
    const key = methodKey(fn)
    const computed = parsed.method.computedKey
    if (computed) {
      source.overwrite(
        sourceStart + computed.start,
        sourceStart + computed.end,
        JSON.stringify(key),
      )
    }
    const slot = parsed.method.slot
    return {
      prefix: 'Object.getOwnPropertyDescriptor({ ',
      suffix: ` }, ${JSON.stringify(key)}).${slot}`,
    }
  }
  if (!parsed.anonymous || fn.name === declaredAs) return { prefix: '', suffix: '' }
  if (fn.name === '') return { prefix: '(0, ', suffix: ')' }
  const key = JSON.stringify(fn.name)
  return { prefix: `{ ${key}: `, suffix: ` }[${key}]` }
}

function methodKey(fn: FunctionCapture): string {
  const { method } = fn.parsed
  if (method?.key !== undefined) return method.key
  return fn.name.replace(/^(get|set) /, '')
}

function where(fn: FunctionCapture, source: MagicString): string {
  const filename = (source as MagicString & { filename?: string }).filename
  return filename && fn.location ? ` (${filename}:${fn.location.line + 1})` : ''
}
