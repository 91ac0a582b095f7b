import { readFileSync } from 'node:fs'
import { parse } from '@babel/parser'
import type * as t from '@babel/types'
import type { ParsedFunction } from './parse.js'

/** What decides whether a function runs in strict mode. */
export interface StrictnessInput {
  fn: Function
  parsed: ParsedFunction
  /** The function's source does something whose behaviour depends on the mode. */
  modeSensitive: boolean
  /** The function is defined in an ES module (always strict). */
  inModule: boolean
  /** Reads the full text of the function's script, when it can be had. */
  scriptText: () => string | undefined
  /** Zero-based line and column of the function in its script. */
  location?: { line: number; column: number }
}

/**
 * True when the function is strict, or when its mode cannot change what it does. The emitted
 * module is strict, so only a sloppy function whose source is mode-sensitive needs to be rebuilt
 * differently. Throws when the mode cannot be told.
 */
export function isStrictEnough(input: StrictnessInput): boolean {
  const { fn, parsed } = input
  if (input.inModule || parsed.form === 'class') return true
  if (hasUseStrict(parsed.node)) return true
  if (!input.modeSensitive && parsesAsStrict(parsed)) return true

  // Only sloppy plain functions have own `caller` and `arguments` properties.
  if (parsed.form === 'function' && !isAsyncOrGenerator(parsed.node))
    return !Object.hasOwn(fn, 'caller')
  return enclosingIsStrict(input)
}

function enclosingIsStrict(input: StrictnessInput): boolean {
  const text = input.scriptText()
  if (text === undefined || !input.location)
    throw new Error('the source of its script is not available to tell its mode')
  const offset = offsetOf(text, input.location.line, input.location.column)
  const program = parse(text, {
    sourceType: 'script',
    allowReturnOutsideFunction: true,
    errorRecovery: true,
  }).program
  if (program.directives.some(isUseStrict)) return true
  return enclosingFunctions(program, offset).some((node) => hasUseStrict(node))
}

function enclosingFunctions(program: t.Program, offset: number): t.Node[] {
  const found: t.Node[] = []
  const visit = (node: t.Node): void => {
    if ((node.start ?? 0) > offset || (node.end ?? 0) <= offset) return
    found.push(node)
    for (const value of Object.values(node)) {
      for (const child of Array.isArray(value) ? value : [value]) {
        if (child && typeof child === 'object' && typeof child.type === 'string') visit(child)
      }
    }
  }
  visit(program)
  return found.filter((node) => node.type.endsWith('Function') || node.type.startsWith('Class'))
}

function hasUseStrict(node: t.Node): boolean {
  if (node.type.startsWith('Class')) return true
  const body = (node as { body?: t.Node }).body
  return body?.type === 'BlockStatement' && body.directives.some(isUseStrict)
}

function isUseStrict(directive: t.Directive): boolean {
  return directive.value.value === 'use strict'
}

function isAsyncOrGenerator(node: t.Node): boolean {
  return Boolean((node as t.Function).async || (node as t.Function).generator)
}

/** The strict-mode parse by parse: functions of one source text share one parse. */
const strictParses = new WeakMap<ParsedFunction, boolean>()

function parsesAsStrict(parsed: ParsedFunction): boolean {
  let strict = strictParses.get(parsed)
  if (strict === undefined) {
    strict = parsesStrictly(parsed.wrapped)
    strictParses.set(parsed, strict)
  }
  return strict
}

function parsesStrictly(wrapped: string): boolean {
  try {
    parse(wrapped, { sourceType: 'script', strictMode: true })
    return true
  } catch {
    // Octal literals, `with`, `delete name`, reserved words: the source needs sloppy mode.
    return false
  }
}

function offsetOf(text: string, line: number, column: number): number {
  let offset = 0
  for (let current = 0; current < line; current++) offset = text.indexOf('\n', offset) + 1
  return offset + column
}

/** The text of a file script, read from disk. */
export function readScriptFile(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8')
  } catch {
    // A script that is gone from disk gives no text; the caller reports that.
    return undefined
  }
}
