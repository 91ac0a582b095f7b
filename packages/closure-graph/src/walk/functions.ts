import { isAbsolute } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  inspectorFailed,
  lexicalThis,
  nativeFunction,
  parseFailed,
  unsupportedFunction,
} from '../diagnostics.js'
import type { FunctionInternals } from '../inspector.js'
import { analyseSource } from '../source/free-names.js'
import { NATIVE_CODE, parseFunctionSource, type ParsedFunction } from '../source/parse.js'
import type {
  BoundCapture,
  Capture,
  FunctionCapture,
  ModuleCapture,
  SourceLocation,
} from './captures.js'
import { captureOwnProperties } from './objects.js'
import { ScopeResolver } from './scope-resolver.js'
import type { Walker } from './walker.js'

/** Properties every function has; they are rebuilt by the source text itself. */
const FUNCTION_KEYS = new Set(['length', 'name', 'prototype', 'arguments', 'caller'])

export async function captureFunction(
  walker: Walker,
  fn: Function,
  path: string[],
): Promise<Capture> {
  if (isCommonJsRequire(fn)) return walker.register(fn, { kind: 'require', path })

  const internals = readInternals(walker, fn, path)
  if (internals.bound) return captureBound(walker, fn, internals.bound, path)

  const source = Function.prototype.toString.call(fn)
  if (NATIVE_CODE.test(source)) throw nativeFunction(path, fn.name)

  const script = internals.location && walker.inspector.scriptUrl(internals.location.scriptId)
  const file = script ? filePathOf(script) : undefined
  const reference = file ? await walker.packages.esmReferenceOf(fn, file) : undefined
  if (reference) return walker.register<ModuleCapture>(fn, { kind: 'module', path, reference })
  if (script?.startsWith('node:')) {
    throw unsupportedFunction(path, `${fn.name || 'a function'} (internal to Node.js)`)
  }

  return captureSource(walker, fn, path, source, {
    scopes: internals.scopes,
    location: internals.location && {
      script: file ?? (script || 'repl'),
      line: internals.location.lineNumber,
      column: internals.location.columnNumber,
    },
  })
}

function captureSource(
  walker: Walker,
  fn: Function,
  path: string[],
  source: string,
  where: { scopes: FunctionInternals['scopes']; location: SourceLocation | undefined },
): FunctionCapture {
  const parsed = parse(source, path)
  if (parsed.form === 'class') {
    throw unsupportedFunction(
      path,
      `class ${fn.name || '(anonymous)'}: classes are not supported yet`,
    )
  }

  const analysis = analyseSource(parsed)
  if (parsed.form === 'arrow' && analysis.lexicalKeyword) {
    throw lexicalThis(path, analysis.lexicalKeyword)
  }
  if (parsed.form === 'method' && analysis.usesSuper) {
    throw unsupportedFunction(
      path,
      `method ${fn.name} that uses \`super\` (its home object cannot be rebuilt)`,
    )
  }

  const capture = walker.register<FunctionCapture>(fn, {
    kind: 'function',
    path,
    name: fn.name,
    source,
    parsed,
    location: where.location,
    freeNames: analysis.freeNames,
    bindings: [],
    properties: [],
  })
  walker.later(() => expandFunction(walker, capture, fn, where.scopes))
  return capture
}

/** Captures what the function's free names are bound to, then its own properties. */
async function expandFunction(
  walker: Walker,
  capture: FunctionCapture,
  fn: Function,
  scopes: FunctionInternals['scopes'],
): Promise<void> {
  const resolver = new ScopeResolver(walker.inspector, scopes)
  const realm = resolver.functionGlobal()
  if (realm) walker.realms.add(realm)

  for (const name of capture.freeNames) {
    const resolution = resolver.resolve(name)
    if (resolution.kind !== 'value') continue
    const value = await walker.capture(resolution.value, [...capture.path, name])
    capture.bindings.push({ name, value })
  }

  capture.properties = await captureOwnProperties(walker, fn, capture.path, FUNCTION_KEYS)
  capture.prototype = await capturePrototype(walker, fn, capture)
}

/** Methods added to a constructor function's prototype, or a prototype replaced outright. */
async function capturePrototype(walker: Walker, fn: Function, capture: FunctionCapture) {
  if (capture.parsed.form !== 'function') return undefined
  const prototype = (fn as { prototype?: unknown }).prototype
  if (typeof prototype !== 'object' || prototype === null) return undefined

  const path = [...capture.path, 'prototype']
  if (Object.getOwnPropertyDescriptor(prototype, 'constructor')?.value !== fn) {
    return { replacement: await walker.capture(prototype, path), properties: [] }
  }
  const properties = await captureOwnProperties(walker, prototype, path, new Set(['constructor']))
  return properties.length > 0 ? { properties } : undefined
}

function captureBound(
  walker: Walker,
  fn: Function,
  bound: NonNullable<FunctionInternals['bound']>,
  path: string[],
): BoundCapture {
  const { inspector } = walker
  const capture = walker.register<BoundCapture>(fn, {
    kind: 'bound',
    path,
    target: { inline: 'undefined' },
    thisArg: { inline: 'undefined' },
    args: [],
  })

  walker.later(async () => {
    capture.target = await walker.capture(inspector.liveValue(bound.target), [
      ...path,
      '[[TargetFunction]]',
    ])
    capture.thisArg = await walker.capture(inspector.liveValue(bound.thisArg), [
      ...path,
      '[[BoundThis]]',
    ])
    const args = boundArgs(inspector.liveValue(bound.args))
    for (const [index, arg] of args.entries()) {
      capture.args.push(await walker.capture(arg, [...path, `[[BoundArgs]][${index}]`]))
    }
  })
  return capture
}

function boundArgs(value: unknown): unknown[] {
  return Array.isArray(value) ? [...(value as unknown[])] : []
}

function readInternals(walker: Walker, fn: Function, path: string[]): FunctionInternals {
  try {
    return walker.inspector.functionInternals(fn)
  } catch (error: unknown) {
    throw inspectorFailed(path, error instanceof Error ? error.message : String(error))
  }
}

function parse(source: string, path: string[]): ParsedFunction {
  try {
    return parseFunctionSource(source)
  } catch (error: unknown) {
    throw parseFailed(path, error instanceof Error ? error.message : String(error))
  }
}

/** Scripts of files come as file URLs (ES modules) or absolute paths (CommonJS). */
function filePathOf(script: string): string | undefined {
  if (script.startsWith('file:')) return fileURLToPath(script)
  return isAbsolute(script) ? script : undefined
}

/** A CommonJS module's own `require`, as captured by a function at the top of a .cjs file. */
function isCommonJsRequire(fn: Function): boolean {
  const candidate = fn as Function & { resolve?: unknown; cache?: unknown }
  return (
    fn.name === 'require' &&
    typeof candidate.resolve === 'function' &&
    typeof candidate.cache === 'object'
  )
}
