import { describe, expect, it } from 'vitest'
import { runFixture } from './harness.js'

describe('values that cannot travel', () => {
  it('refuses a Promise and names the whole capture path with a hint', () => {
    const { error } = runFixture('unsupported.mjs', 'promise')
    expect(error).toMatchObject({
      name: 'CaptureError',
      code: 'CAPTURE_UNSUPPORTED_VALUE',
      capturePath: ['flatter', 'db', 'pool', 'pending'],
    })
    expect(error?.message).toContain('flatter -> db -> pool -> pending')
    expect(error?.hint).toMatch(/inside the function/)
  })

  it('refuses a WeakMap', () => {
    expect(runFixture('unsupported.mjs', 'weakMap').error?.code).toBe('CAPTURE_UNSUPPORTED_VALUE')
  })

  it('refuses an instance of a user class, naming the class', () => {
    const { error } = runFixture('unsupported.mjs', 'instance')
    expect(error?.code).toBe('CAPTURE_UNSUPPORTED_VALUE')
    expect(error?.message).toContain('Store')
  })

  it('refuses a class for now with a clear error', () => {
    expect(runFixture('unsupported.mjs', 'klass').error?.code).toBe('CAPTURE_UNSUPPORTED_FUNCTION')
  })

  it('refuses an arrow function that uses the enclosing this', () => {
    expect(runFixture('unsupported.mjs', 'lexicalThis').error?.code).toBe('CAPTURE_LEXICAL_THIS')
  })

  it('refuses a captured symbol', () => {
    const { error } = runFixture('unsupported.mjs', 'symbol')
    expect(error?.code).toBe('CAPTURE_UNSUPPORTED_VALUE')
    expect(error?.capturePath).toEqual(['function', 'sym'])
  })
})
