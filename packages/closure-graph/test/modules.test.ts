import { describe, expect, it } from 'vitest'
import { roundTrip, runFixture } from './harness.js'

describe('module references', () => {
  it('imports node:crypto createHash instead of inlining it', () => {
    const { expected, actual, report } = roundTrip('modules.mjs', 'builtin', [['portkey']])
    expect(actual).toEqual(expected)
    expect(report.code).toMatch(/import \{ createHash( as \S+)? \} from "node:crypto"/)
    expect(report.graph.modules).toEqual([
      { specifier: 'node:crypto', kind: 'builtin', imports: ['createHash'] },
    ])
  })

  it('imports a whole built-in module taken as a namespace', () => {
    const { expected, actual, report } = roundTrip('modules.mjs', 'builtinNamespace', [['x', 'y']])
    expect(actual).toEqual(expected)
    expect(report.code).toMatch(/import \* as \S+ from "node:path"/)
  })

  it('imports a CommonJS package by its name', () => {
    const { expected, actual, report } = roundTrip('modules.mjs', 'commonJsPackage', [
      [5],
      ['nope'],
    ])
    expect(actual).toEqual(expected)
    expect(report.graph.modules).toEqual([
      { specifier: 'is-number', kind: 'package', imports: ['default'] },
    ])
  })

  it('refuses a CommonJS package whose exports were changed after it loaded', () => {
    const { error } = runFixture('modules.mjs', 'configuredPackage')
    expect(error?.code).toBe('CAPTURE_PACKAGE_CONFIGURED')
    expect(error?.capturePath).toEqual(['check', 'isNumber'])
    expect(error?.message).toContain('`is-number.settings`')
    expect(error?.hint).toMatch(/inside the function/)
  })

  it('imports an ES module package export from the package entry', () => {
    const { expected, actual, report } = roundTrip('modules.mjs', 'esmPackage', [[[1, 2, 3]]])
    expect(actual).toEqual(expected)
    expect(report.code).toMatch(/import \{ chunk( as \S+)? \} from "lodash-es"/)
    expect(report.code).not.toContain('function chunk(')
  })

  it('imports an ES module namespace as import * as', () => {
    const { expected, actual, report } = roundTrip('modules.mjs', 'esmNamespace', [[[1, 2]]])
    expect(actual).toEqual(expected)
    expect(report.code).toMatch(/import \* as \S+ from "lodash-es"/)
  })
})
