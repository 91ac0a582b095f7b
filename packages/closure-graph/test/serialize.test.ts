import { describe, expect, it } from 'vitest'
import { fixtures, roundTrip, runFixture } from './harness.js'

describe('captured values', () => {
  it('keeps primitives exactly, including -0, NaN, bigint and undefined', () => {
    const { expected, actual } = roundTrip('values.mjs', 'primitives', [[]])
    expect(actual).toEqual(expected)
    expect(actual[0]).toContain('-0')
    expect(actual[0]).toContain('12345678901234567890n')
  })

  it('rebuilds arrays with holes and nested objects with a null prototype', () => {
    const { expected, actual } = roundTrip('values.mjs', 'collections', [[]])
    expect(actual).toEqual(expected)
  })

  it('emits a value reachable along two paths once and rebuilds cycles', () => {
    const { expected, actual } = roundTrip('values.mjs', 'identity', [[]])
    expect(actual).toEqual(expected)
    expect(actual[0]).toContain("[ true, true, true, 'by object' ]")
  })

  it('rebuilds 160,000 shared objects and dates, more than V8 compiles as one scope', () => {
    const { expected, actual } = roundTrip('values.mjs', 'manyShared', [[]])
    expect(expected).toEqual(['[ 160000, 160000, 159999000, true ]'])
    expect(actual).toEqual(expected)
  })

  it('rebuilds Map, Set, Date, RegExp, Buffer, typed arrays and frozen objects', () => {
    const { expected, actual } = roundTrip('values.mjs', 'builtins', [[], []])
    expect(actual).toEqual(expected)
  })

  it('keeps a pooled Buffer, its subarray and a Uint8Array over its bytes sharing memory, without the pool', () => {
    const { expected, actual, report } = roundTrip('values.mjs', 'pooledBytes', [[], []])
    expect(expected[0]).toBe("[ 'heLlo Pool', 'Llo ', true, false, 'Uint8Array' ]")
    expect(actual).toEqual(expected)
    const copied = [...report.code.matchAll(/"([A-Za-z0-9+/=]*)", 'base64'/g)]
      .map((match) => Buffer.from(match[1]!, 'base64').toString('latin1'))
      .join('|')
    expect(copied).toBe('hello pool')
  })
})

describe('captured functions', () => {
  it('rebuilds a helper function together with its own captured variables', () => {
    const { expected, actual, report } = roundTrip('functions.mjs', 'helper', [[2], [5]])
    expect(actual).toEqual(expected)
    expect(report.code).toMatch(/let [^\n]*\bfactor\b/)
  })

  it('rebuilds a chain of 60,000 closures, each over its own scope', () => {
    const { expected, actual } = roundTrip('functions.mjs', 'longChain', [[0], [5]])
    expect(expected).toEqual(['59999', '59994'])
    expect(actual).toEqual(expected)
  })

  it('keeps self recursion and mutual recursion working', () => {
    const { expected, actual } = roundTrip('functions.mjs', 'recursion', [[5], [6]])
    expect(actual).toEqual(expected)
  })

  it('keeps a captured let counter counting across calls of the rebuilt function', () => {
    const { expected, actual } = roundTrip('functions.mjs', 'counter', [[], [], []])
    expect(expected).toEqual(['1', '2', '3'])
    expect(actual).toEqual(expected)
  })

  it('rebuilds method shorthand, async, generator and computed-key methods with their names', () => {
    const { expected, actual } = roundTrip('functions.mjs', 'methods', [['Ana']])
    expect(actual).toEqual(expected)
  })

  it('rebuilds bound functions with their bound this and arguments', () => {
    const { expected, actual } = roundTrip('functions.mjs', 'bound', [['Ana'], ['Bo']])
    expect(expected).toEqual(["'Hello, Ana!'", "'Hello, Bo!'"])
    expect(actual).toEqual(expected)
  })

  it('rebuilds a bound native function through its global path', () => {
    const { expected, actual, report } = roundTrip('functions.mjs', 'boundMethod', [[1, 20], [2]])
    expect(actual).toEqual(expected)
    expect(report.code).toContain('Math.max.bind(null, 10)')
  })

  it('keeps properties set on a function object', () => {
    const { expected, actual } = roundTrip('functions.mjs', 'properties', [[1], [2]])
    expect(actual).toEqual(expected)
  })

  it('keeps the name of the root function as its default export', () => {
    const { report } = roundTrip('functions.mjs', 'named', [[4]])
    expect(report.code).toContain('export default scale')
    expect(report.graph.nodes[0]).toEqual({ id: 'n1', kind: 'function', path: 'scale' })
  })
})

describe('where functions are defined', () => {
  it('captures a function at the top level of a CommonJS file', () => {
    const { expected, actual, report } = roundTrip('top-level.cjs', undefined, [['a'], ['b']])
    expect(actual).toEqual(expected)
    expect(report.map.sources).toEqual(['top-level.cjs'])
  })

  it('takes module.exports of a CommonJS main script by value, never through process.mainModule', () => {
    const { expected, actual, report } = roundTrip('main-module.cjs', 'exports', [[2]])
    expect(actual).toEqual(expected)
    expect(report.code).not.toContain('mainModule')
    expect(report.code).not.toContain(fixtures)
  })

  it('refuses the module object of a CommonJS main script with a message that says why', () => {
    const { error } = runFixture('main-module.cjs', 'module')
    expect(error?.code).toBe('CAPTURE_UNSUPPORTED_VALUE')
    expect(error?.message).toContain('CommonJS `module` object')
    expect(error?.capturePath).toEqual(['readsModule', 'module'])
  })

  it('captures REPL-like code run in a vm context, with top-level let, var and function', () => {
    const { expected, actual, report } = roundTrip('vm-context.mjs', undefined, [['ana'], ['bo']])
    expect(expected).toEqual(["'hey ANA 1 2 2'", "'hey BO 2 2 2'"])
    expect(actual).toEqual(expected)
    // REPL code has no file: packages resolve from the working directory of the capturing process.
    expect(report.graph.resolveDir).toBe(fixtures)
    expect(report.map.sources).toEqual(['repl'])
    expect(report.code).toContain('Math.max(1, 2)')
  })

  it('maps function bodies back to the original file with relative source paths', () => {
    const report = runFixture('functions.mjs', 'helper')
    expect(report.map.version).toBe(3)
    expect(report.map.sources).toEqual(['functions.mjs'])
    expect(report.map.mappings.length).toBeGreaterThan(0)
    expect(report.code).not.toContain(report.graph.resolveDir)
  })
})

describe('determinism', () => {
  it('emits the same code for the same function in two processes', () => {
    for (const [file, scenario] of [
      ['values.mjs', 'identity'],
      ['functions.mjs', 'methods'],
      ['modules.mjs', 'esmPackage'],
    ] as const) {
      expect(runFixture(file, scenario).code).toBe(runFixture(file, scenario).code)
    }
  })
})
