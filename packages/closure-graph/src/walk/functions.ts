import { Module } from 'node:module'
import { isAbsolute } from 'node:path'
import { fileURLToPath } from 'node:url'
import { refuseChangedBuiltins } from '../builtin-extensions.js'
import {
  classStaticInit,
  commonJsModule,
  inspectorFailed,
  nodeInternalFunction,
  lexicalThis,
  nativeFunction,
  importMeta,
  parseFailed,
  unsupportedFunction,
} from '../diagnostics.js'
import type { FunctionInternals } from '../inspector.js'
import { analyseSource } from '../source/free-names.js'
import { isStrictEnough, readScriptFile } from '../source/strictness.js'
import { NATIVE_CODE, parseFunctionSource, type ParsedFunction } from '../source/parse.js'
import type {
  BoundCapture,
  Capture,
  FunctionCapture,
  ModuleCapture,
  Ref,
  SourceLocation,
} from './captures.js'
import { fileImports } from '../modules/file-imports.js'
import { checkStaticPrivate, classBodyKeys, refuseReplacedMethods } from './classes.js'
import { widenForDynamicEval } from './eval-scope.js'
import { captureNarrowed } from './narrow.js'
import { captureOwnProperties } from './objects.js'
import { ScopeResolver } from './scope-resolver.js'
import { locateSource, type Walker } from './walker.js'
import type { CapturePath } from './path.js'

/** Properties every function has; they are rebuilt by the source text itself. */
const FUNCTION_KEYS = new Set(['length', 'name', 'prototype', 'arguments', 'caller'])

export async function captureFunction(
  walker: Walker,
  fn: Function,
  path: CapturePath,
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
    throw nodeInternalFunction(path, fn.name)
  }

  return captureSource(walker, fn, path, source, {
    scopes: internals.scopes,
    scriptId: internals.location?.scriptId,
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
  path: CapturePath,
  source: string,
  where: FunctionWhere,
): FunctionCapture {
  const parsed = parse(walker, source, path, where.location)

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
    writtenNames: analysis.writtenNames,
    modeSensitive: analysis.modeSensitive,
    memberPaths: analysis.memberPaths,
    globalMemberNames: analysis.globalMembers,
    globalMembers: [],
    bindings: [],
    scopes: [],
    strict: true,
    properties: [],
  })
  walker.functions.set(capture, fn)
  walker.later(() => expandFunction(walker, capture, fn, where))
  return capture
}

/** Captures what the function's free names are bound to, then its own properties. */
async function expandFunction(
  walker: Walker,
  capture: FunctionCapture,
  fn: Function,
  where: FunctionWhere,
): Promise<void> {
  const resolver = new ScopeResolver(where.scopes)
  const realm = resolver.functionGlobal()
  if (realm) walker.realms.add(realm)
  refuseChangedBuiltins(capture.path, capture.source, walker.builtinExtensions(realm ?? globalThis))
  if (analyseSource(capture.parsed).evalsDynamicCode) widenForDynamicEval(capture, where.scopes)
  const module = `module:${where.scriptId ?? capture.id}`
  capture.scopes = resolver.links(walker.realmLabel(realm), module, walker.valueLabel, capture.path)
  capture.strict = strictness(walker, capture, fn, where)

  const imports = importsOf(capture)
  for (const name of capture.freeNames) {
    const resolution = resolver.resolve(name)
    if (resolution.kind !== 'value') continue
    const path = capture.path.child(name)
    const imported = capture.scopes[resolution.scope]?.type === 'module' && imports?.get(name)
    const chains = capture.memberPaths.get(name)
    const value = imported
      ? walker.reference(resolution.value, path, imported)
      : isCommonJsModule(resolution.value)
        ? await captureCommonJsModule(walker, resolution.value, path, chains)
        : chains
          ? await captureNarrowed(walker, resolution.value, path, chains)
          : await walker.capture(resolution.value, path)
    capture.bindings.push({ name, value, scope: resolution.scope })
  }
  await captureGlobalMembers(walker, capture, resolver)

  if (capture.parsed.form === 'class') {
    refuseLoadTimeReads(capture, fn)
    checkStaticPrivate(walker, capture, fn)
    // `extends null` stays in the source as written: there is no base class to capture.
    const superClass = (capture.parsed.node as { superClass?: { type: string } }).superClass
    if (superClass && superClass.type !== 'NullLiteral') {
      const base = Object.getPrototypeOf(fn) as unknown
      capture.heritage = await walker.capture(base, capture.path.child('extends'))
    }
    refuseReplacedMethods(capture, fn, 'static')
    const skip = new Set([...FUNCTION_KEYS, ...classBodyKeys(capture, fn, 'static')])
    capture.properties = await captureOwnProperties(
      walker,
      fn,
      capture.path,
      skip,
      capture.integrity,
    )
    capture.prototype = await captureClassPrototype(walker, fn, capture)
    return
  }
  capture.properties = await captureOwnProperties(
    walker,
    fn,
    capture.path,
    FUNCTION_KEYS,
    capture.integrity,
  )
  capture.prototype = await capturePrototype(walker, fn, capture)
}

/**
 * `globalThis.appCfg` where the user set `appCfg`: the value travels, and the emitted module sets
 * it on its own global. A standard global stays the running process's own.
 *
 * Shortcoming: a name read both bare and as `globalThis.<name>` becomes two places in the
 * emitted module (a binding and a global property), so a function that writes it is refused
 * rather than letting the two drift apart.
 */
async function captureGlobalMembers(
  walker: Walker,
  capture: FunctionCapture,
  resolver: ScopeResolver,
): Promise<void> {
  for (const name of capture.globalMemberNames) {
    const resolution = resolver.resolveGlobalMember(name)
    if (resolution.kind !== 'value') continue
    const bare = capture.bindings.some((b) => b.name === name && b.scope === resolution.scope)
    if (bare && capture.writtenNames.includes(name)) {
      throw unsupportedFunction(
        capture.path,
        `a function that writes the global \`${name}\` and also reads it as \`globalThis.${name}\` (the two forms would be rebuilt as separate places)`,
      )
    }
    const path = capture.path.child(`globalThis.${name}`)
    capture.globalMembers.push([name, await walker.capture(resolution.value, path)])
  }
}

/**
 * A class's static blocks, static field initialisers and computed keys run again when the
 * emitted class text is evaluated, before any captured binding is assigned, and their side
 * effects (registering the class somewhere) already happened in the original. So such code may
 * use only literals, globals and the class itself.
 */
function refuseLoadTimeReads(capture: FunctionCapture, cls: Function): void {
  const loadTime = new Set(analyseSource(capture.parsed).loadTimeNames)
  const names = [
    ...capture.bindings.map((binding) => binding.name),
    ...capture.globalMembers.map(([name]) => `globalThis.${name}`),
  ].filter((name) => loadTime.has(name))
  if (names.length > 0) throw classStaticInit(capture.path, cls.name, names)
}

/** Members added to a class's prototype after its body made it. */
async function captureClassPrototype(walker: Walker, cls: Function, capture: FunctionCapture) {
  const prototype = (cls as { prototype?: object }).prototype
  if (!prototype) return undefined
  refuseReplacedMethods(capture, prototype, 'prototype')
  const skip = new Set(['constructor', ...classBodyKeys(capture, prototype, 'prototype')])
  const path = capture.path.child('prototype')
  const properties = await captureOwnProperties(walker, prototype, path, skip)
  return properties.length > 0 ? { properties } : undefined
}

/** Methods added to a constructor function's prototype, or a prototype replaced outright. */
async function capturePrototype(walker: Walker, fn: Function, capture: FunctionCapture) {
  if (capture.parsed.form !== 'function') return undefined
  const prototype = (fn as { prototype?: unknown }).prototype
  if (typeof prototype !== 'object' || prototype === null) return undefined

  const path = capture.path.child('prototype')
  // A generator function's prototype is the prototype of its generator objects, not a class's.
  if ((capture.parsed.node as { generator?: boolean }).generator) {
    if (Reflect.ownKeys(prototype).length === 0) return undefined
    throw unsupportedFunction(path, 'a generator function whose prototype was given properties')
  }
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
  path: CapturePath,
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
    const [target, thisArg, boundArgList] = inspector.liveValues([
      bound.target,
      bound.thisArg,
      bound.args,
    ])
    capture.target = await walker.capture(target, path.child('[[TargetFunction]]'))
    capture.thisArg = await walker.capture(thisArg, path.child('[[BoundThis]]'))
    const args = boundArgs(boundArgList)
    for (const [index, arg] of args.entries()) {
      capture.args.push(await walker.capture(arg, path.child(`[[BoundArgs]][${index}]`)))
    }
  })
  return capture
}

/** The import declarations of the ES module file that defines the function, if any. */
function importsOf(capture: FunctionCapture) {
  const script = capture.location?.script
  const inModule = capture.scopes.some((scope) => scope.type === 'module')
  return inModule && script && isAbsolute(script) ? fileImports(script) : undefined
}

interface FunctionWhere {
  scopes: FunctionInternals['scopes']
  location: SourceLocation | undefined
  scriptId?: string
}

function strictness(
  walker: Walker,
  capture: FunctionCapture,
  fn: Function,
  where: FunctionWhere,
): boolean {
  const file = where.location && isAbsolute(where.location.script) ? where.location.script : ''
  try {
    return isStrictEnough({
      fn,
      parsed: capture.parsed,
      modeSensitive: capture.modeSensitive,
      inModule: capture.scopes.some((s) => s.type === 'module'),
      location: where.location,
      scriptText: () =>
        file
          ? readScriptFile(file)
          : where.scriptId && walker.inspector.scriptSource(where.scriptId),
    })
  } catch (error: unknown) {
    throw parseFailed(capture.path, error instanceof Error ? error.message : String(error))
  }
}

function boundArgs(value: unknown): unknown[] {
  return Array.isArray(value) ? [...(value as unknown[])] : []
}

function readInternals(walker: Walker, fn: Function, path: CapturePath): FunctionInternals {
  try {
    return walker.inspector.functionInternals(fn)
  } catch (error: unknown) {
    throw inspectorFailed(path, error instanceof Error ? error.message : String(error))
  }
}

/**
 * Parses once per distinct source text: functions made by one factory or loop (a chain of a
 * thousand closures) share one text, and the parse is what costs. The parsed tree is only read
 * afterwards, so sharing it is safe.
 */
function parse(
  walker: Walker,
  source: string,
  path: CapturePath,
  location: SourceLocation | undefined,
): ParsedFunction {
  const known = walker.parsedSources.get(source)
  if (known) return known
  try {
    const parsed = parseFunctionSource(source)
    walker.parsedSources.set(source, parsed)
    return parsed
  } catch (error: unknown) {
    const refusal = IMPORT_META.test(source)
      ? importMeta(path)
      : parseFailed(path, error instanceof Error ? error.message : String(error))
    // The function has no capture yet, so the walk cannot point at it: it is done here.
    if (location) locateSource(refusal, location, source)
    throw refusal
  }
}

/** `import.meta` parses only in a module, and the source of one function is parsed on its own. */
const IMPORT_META = /\bimport\s*\.\s*meta\b/

/** File paths by script url: every function of a file asks again. One entry per loaded script. */
const filePaths = new Map<string, string | undefined>()

/** Scripts of files come as file URLs (ES modules) or absolute paths (CommonJS). */
function filePathOf(script: string): string | undefined {
  if (!filePaths.has(script)) filePaths.set(script, toFilePath(script))
  return filePaths.get(script)
}

function toFilePath(script: string): string | undefined {
  if (script.startsWith('file:')) return fileURLToPath(script)
  return isAbsolute(script) ? script : undefined
}

/** A CommonJS file's `module` object (only this realm's loader makes them). */
function isCommonJsModule(value: unknown): value is Module {
  return value instanceof Module
}

/**
 * A CommonJS file's `module` holds loader state and absolute paths, so it never travels itself.
 * A function that only reads `module.exports...` gets an object with just those exports (taken
 * by value, like any other object); any other use is refused.
 */
async function captureCommonJsModule(
  walker: Walker,
  module: Module,
  path: CapturePath,
  chains: string[][] | undefined,
): Promise<Ref> {
  if (chains?.every((chain) => chain[0] === 'exports')) {
    // One stand-in per module, so functions of one file share it like they share `module`.
    let view = walker.commonJsModules.get(module)
    if (!view) {
      view = { exports: module.exports as unknown }
      walker.commonJsModules.set(module, view)
    }
    return captureNarrowed(walker, view, path, chains)
  }
  throw commonJsModule(path)
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
