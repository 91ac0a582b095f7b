import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixtures, roundTrip, runFixture, type FixtureReport } from './harness.js'

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

  it('refuses an ES module package whose default export was extended (_.mixin)', () => {
    const { error } = runFixture('modules.mjs', 'esmMixin')
    expect(error?.code).toBe('CAPTURE_PACKAGE_CONFIGURED')
    expect(error?.capturePath).toEqual(['greet', '_'])
    expect(error?.message).toContain('`lodash-es.default.shout`')
    expect(error?.message).not.toContain('lodash-es.lodash.shout')
  })

  it('refuses an ES module package whose settings object changed, whichever export is used', () => {
    const { error } = runFixture('modules.mjs', 'esmSettings')
    expect(error?.code).toBe('CAPTURE_PACKAGE_CONFIGURED')
    expect(error?.capturePath).toEqual(['greet', 'template'])
    expect(error?.message).toContain('`lodash-es.templateSettings.interpolate`')
  })

  it('refuses a configured package that the function loads with import() in its body', () => {
    const { error } = runFixture('modules.mjs', 'esmSettingsInBody')
    expect(error?.code).toBe('CAPTURE_PACKAGE_CONFIGURED')
    expect(error?.capturePath).toEqual(['greet'])
    expect(error?.message).toContain('`lodash-es.templateSettings.interpolate`')
  })

  it('keeps an unconfigured package that the function loads with import() in its body', () => {
    const { expected, actual } = roundTrip('modules.mjs', 'esmUnconfiguredInBody', [[[1, 2, 3]]])
    expect(actual).toEqual(expected)
  })

  it('refuses a package whose exported function was replaced under the same key', () => {
    const { error } = runFixture('modules.mjs', 'esmReplacedFunction')
    expect(error?.code).toBe('CAPTURE_PACKAGE_CONFIGURED')
    expect(error?.message).toContain('`lodash-es.default.chunk`')
  })
})

/**
 * Packages written for these tests into a temporary node_modules: one ES module with a `let`
 * export and its setter, one CommonJS; both also export values made anew at each load.
 */
const tinyPackages: Record<string, string> = {
  'settings-esm/package.json': JSON.stringify({ name: 'settings-esm', type: 'module' }),
  'settings-esm/index.js': [
    "export let level = 'info'",
    'export function setLevel(next) { level = next }',
    'export const options = { retries: 1 }',
    'export const instanceId = Math.random().toString(36).slice(2)',
    'export const loadedAt = { at: Date.now() + performance.now() }',
    "export const noColor = process.argv.includes('--no-color')",
  ].join('\n'),
  'settings-cjs/package.json': JSON.stringify({ name: 'settings-cjs', main: 'index.js' }),
  'settings-cjs/index.js': [
    'exports.format = function format(value) { return `[${value}]` }',
    'exports.instanceId = Math.random()',
    'exports.startedAt = process.hrtime.bigint()',
  ].join('\n'),
}

const tinyCase = (report: string) => `
import { reportError } from ${JSON.stringify(report)}
import { level, options, setLevel, instanceId } from 'settings-esm'
import settings from 'settings-cjs'

const scenarios = {
  esmLet: () => (setLevel('debug'), () => level),
  esmObject: () => ((options.retries = 5), () => options.retries),
  esmLoadTimeValues: () => () => \`\${instanceId} \${level}\`,
  cjsReplaced: () => ((settings.format = (value) => \`<\${value}>\`), (value) => settings.format(value)),
  cjsLoadTimeValues: () => (value) => \`\${settings.instanceId} \${settings.format(value)}\`,
}
await reportError(scenarios[process.argv[2]](), { name: 'fn' })
`

describe('configured packages made for the test', () => {
  let dir = ''

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'closure-graph-packages-'))
    for (const [file, text] of Object.entries(tinyPackages)) {
      mkdirSync(dirname(join(dir, 'node_modules', file)), { recursive: true })
      writeFileSync(join(dir, 'node_modules', file), text)
    }
    writeFileSync(join(dir, 'case.mjs'), tinyCase(pathToFileURL(join(fixtures, 'report.mjs')).href))
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  function capture(scenario: string, ...args: string[]): FixtureReport['error'] {
    const result = spawnSync(process.execPath, [join(dir, 'case.mjs'), scenario, ...args], {
      encoding: 'utf8',
      cwd: dir,
    })
    if (result.status !== 0) throw new Error(`case ${scenario} failed:\n${result.stderr}`)
    return (JSON.parse(result.stdout) as FixtureReport).error
  }

  it('refuses an ES module package whose let export was changed through its setter', () => {
    const error = capture('esmLet')
    expect(error?.code).toBe('CAPTURE_PACKAGE_CONFIGURED')
    expect(error?.capturePath).toEqual(['fn', 'level'])
    // Values made anew at each load are not reported as changes.
    expect(error?.message).toContain('(its exports differ from a fresh load: `settings-esm.level`')
    expect(error?.message).not.toMatch(/instanceId|loadedAt/)
  })

  it('refuses an ES module package whose exported object was changed', () => {
    const error = capture('esmObject')
    expect(error?.code).toBe('CAPTURE_PACKAGE_CONFIGURED')
    expect(error?.message).toContain('`settings-esm.options.retries`')
  })

  it('refuses a CommonJS package whose exported function was replaced', () => {
    const error = capture('cjsReplaced')
    expect(error?.code).toBe('CAPTURE_PACKAGE_CONFIGURED')
    expect(error?.message).toContain('`settings-cjs.format`')
    expect(error?.message).not.toMatch(/instanceId|startedAt/)
  })

  it('accepts unconfigured packages whose exports differ at each load (ids, timestamps)', () => {
    // The fresh load also sees this process's arguments, which packages may read as they load.
    expect(capture('esmLoadTimeValues', '--no-color')).toBeNull()
    expect(capture('cjsLoadTimeValues')).toBeNull()
  })
})
