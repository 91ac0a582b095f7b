import { describe, expect, it } from 'vitest'
import { roundTrip } from './harness.js'

describe('narrowing a captured object to the properties a function reads', () => {
  it('captures only config.db.host when that is all the function reads', () => {
    const { report, expected, actual } = roundTrip('narrow.mjs', 'onlyHost', [[]])
    expect(actual).toEqual(expected)
    expect(report.code).toContain('db.internal')
    expect(report.code).not.toContain('do-not-ship')
    expect(report.code).not.toContain('also-secret')
  })

  it('keeps the whole object a method is called on, since the method may use this', () => {
    const { report, expected, actual } = roundTrip('narrow.mjs', 'methodCall', [[]])
    expect(actual).toEqual(expected)
    expect(report.code).toContain('do-not-ship')
    expect(report.code).not.toContain('also-secret')
  })

  it('captures everything when another function reads the whole object', () => {
    const { report, expected, actual } = roundTrip('narrow.mjs', 'sharedWhole', [[]])
    expect(actual).toEqual(expected)
    expect(report.code).toContain('also-secret')
    expect(report.code.match(/db\.internal/g)).toHaveLength(1)
  })

  it('does not narrow through a getter, and never calls it', () => {
    const { report, expected, actual } = roundTrip('narrow.mjs', 'getter', [[]])
    expect(actual).toEqual(expected)
    expect(report.code).toContain('getter-secret')
  })
})
