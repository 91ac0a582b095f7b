import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { roundTrip } from './harness.js'

const golden = (name: string) => join(import.meta.dirname, 'golden', `${name}.emitted.txt`)

describe('emitted modules, kept as golden files so changes to the text show in review', () => {
  const calls: Record<string, unknown[][]> = {
    sharedScope: [[]],
    values: [[]],
    classes: [[]],
    moduleReference: [['portkey']],
  }
  for (const [scenario, args] of Object.entries(calls)) {
    it(`emits the same text for the ${scenario} example, and that text runs`, async () => {
      const { report, expected, actual } = roundTrip('golden.mjs', scenario, args)
      expect(actual).toEqual(expected)
      await expect(report.code).toMatchFileSnapshot(golden(scenario))
    })
  }
})
