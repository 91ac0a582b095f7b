import { parseExpression } from '@babel/parser'
import type * as t from '@babel/types'

/** How a function's source text reads, which decides how it is parsed and re-emitted. */
export type FunctionForm = 'arrow' | 'function' | 'method' | 'class'

export interface ParsedFunction {
  form: FunctionForm
  /** The text given to the parser: the function source wrapped so that it is an expression. */
  wrapped: string
  /** Where the function source starts inside `wrapped`. */
  offset: number
  /** The function (or class) node itself. */
  node: t.Function | t.Class
  /** The expression node `wrapped` parses to (the function, or the object holding a method). */
  expression: t.Expression
  /** True when the source gives the function no name, so a name comes from an assignment. */
  anonymous: boolean
  /** Method shorthand: which slot of the property it fills, and its key. */
  method?: MethodShape
}

export interface MethodShape {
  slot: 'value' | 'get' | 'set'
  /** The key as written, when it is not computed. */
  key?: string
  /** A computed key's expression `[...]`, as offsets into the function source. */
  computedKey?: { start: number; end: number }
}

export const NATIVE_CODE = /\{\s*\[native code\]\s*\}\s*$/

/** Parses `Function.prototype.toString` output of any non-native function form. */
export function parseFunctionSource(source: string): ParsedFunction {
  if (/^class\b/.test(source)) return parseAs('class', source, '(', ')')

  const expression = tryParse(`(${source})`)
  if (
    expression &&
    (expression.type === 'ArrowFunctionExpression' || expression.type === 'FunctionExpression')
  ) {
    return describe(
      expression.type === 'ArrowFunctionExpression' ? 'arrow' : 'function',
      `(${source})`,
      1,
      expression,
    )
  }
  return parseAs('method', source, '({', '})')
}

function parseAs(form: FunctionForm, source: string, open: string, close: string): ParsedFunction {
  const wrapped = `${open}${source}${close}`
  return describe(form, wrapped, open.length, parseExpression(wrapped, PARSER_OPTIONS))
}

function describe(
  form: FunctionForm,
  wrapped: string,
  offset: number,
  expression: t.Expression,
): ParsedFunction {
  if (form === 'class' && expression.type === 'ClassExpression') {
    return { form, wrapped, offset, node: expression, expression, anonymous: !expression.id }
  }
  if (expression.type === 'ArrowFunctionExpression' || expression.type === 'FunctionExpression') {
    const anonymous = expression.type === 'ArrowFunctionExpression' || !expression.id
    return { form, wrapped, offset, node: expression, expression, anonymous }
  }
  if (expression.type === 'ObjectExpression' && expression.properties.length === 1) {
    const property = expression.properties[0]
    if (property?.type === 'ObjectMethod') {
      const method = methodShape(property, offset)
      return {
        form: 'method',
        wrapped,
        offset,
        node: property,
        expression,
        anonymous: false,
        method,
      }
    }
  }
  throw new Error(`unexpected ${expression.type} for a function source`)
}

function methodShape(method: t.ObjectMethod, offset: number): MethodShape {
  const slot = method.kind === 'method' ? 'value' : method.kind
  const key = method.key
  if (method.computed) {
    return { slot, computedKey: { start: (key.start ?? 0) - offset, end: (key.end ?? 0) - offset } }
  }
  if (key.type === 'Identifier') return { slot, key: key.name }
  if (key.type === 'StringLiteral') return { slot, key: key.value }
  if (key.type === 'NumericLiteral') return { slot, key: String(key.value) }
  return { slot, key: undefined }
}

function tryParse(text: string): t.Expression | undefined {
  try {
    return parseExpression(text, PARSER_OPTIONS)
  } catch {
    // Not an expression on its own: the caller tries the method-shorthand wrapping next.
    return undefined
  }
}

const PARSER_OPTIONS = { sourceType: 'script', errorRecovery: false } as const
