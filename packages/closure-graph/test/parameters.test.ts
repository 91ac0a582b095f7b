import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { fixtures } from './harness.js'

it('reads parameter names, defaults, rest and destructuring patterns from the source', () => {
  const result = spawnSync(process.execPath, [join(fixtures, 'parameters.mjs')], {
    encoding: 'utf8',
  })
  expect(result.stderr).toBe('')
  const [arrow, destructuring, asyncNamed, method] = JSON.parse(result.stdout)
  expect(arrow).toEqual([
    { name: 'name', optional: false, rest: false, pattern: 'identifier' },
    { name: 'count', optional: true, rest: false, pattern: 'identifier' },
    { name: 'rest', optional: false, rest: true, pattern: 'identifier' },
  ])
  expect(destructuring).toEqual([
    { name: null, optional: false, rest: false, pattern: 'object' },
    { name: null, optional: false, rest: false, pattern: 'array' },
    { name: 'last', optional: false, rest: false, pattern: 'identifier' },
  ])
  expect(asyncNamed).toEqual([{ name: 'a', optional: false, rest: false, pattern: 'identifier' }])
  expect(method).toEqual([
    { name: 'x', optional: false, rest: false, pattern: 'identifier' },
    { name: 'y', optional: true, rest: false, pattern: 'identifier' },
  ])
})
