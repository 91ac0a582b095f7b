import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { fixtures } from './harness.js'

interface TreeNode {
  label: string
  kind: string
  how: string
  detail?: string
  path: string
  size: number
  children: TreeNode[]
}

function runInspect() {
  const result = spawnSync(process.execPath, [join(fixtures, 'inspect.mjs')], { encoding: 'utf8' })
  if (result.status !== 0) throw new Error(result.stderr)
  return JSON.parse(result.stdout) as { tree: TreeNode; text: string; json: string; size: number }
}

it('inspect lists every binding with why, how and size, as a tree and as JSON', () => {
  const { tree, text, json, size } = runInspect()
  expect(tree).toMatchObject({ label: 'flatter', kind: 'function', how: 'value', path: 'flatter' })
  const byLabel = new Map(tree.children.map((child) => [child.label, child]))
  expect([...byLabel.keys()]).toEqual(['words', 'counter', 'hash'])
  expect(byLabel.get('words')).toMatchObject({ kind: 'array', path: 'flatter -> words' })

  const inc = byLabel.get('counter')!.children.find((child) => child.label === 'inc')!
  expect(inc.detail).toBe('in Closure (make) scope, shared by 2 functions')
  const createHash = byLabel.get('hash')!.children[0]!
  expect(createHash).toMatchObject({ how: 'reference', detail: 'node:crypto#createHash' })
  expect(createHash.size).toBeGreaterThan(0)

  expect(text).toContain('└─ hash: function by value')
  expect(text).toContain('createHash: module by reference to node:crypto#createHash')
  expect(text).toMatch(/emitted module: \d+ bytes, 1 module reference$/)
  expect(JSON.parse(json)).toEqual(tree)
  expect(size).toBeGreaterThan(0)
})
