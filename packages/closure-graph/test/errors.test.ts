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

  it('refuses an instance with #private fields, naming its class', () => {
    const { error } = runFixture('unsupported.mjs', 'instance')
    expect(error?.code).toBe('CAPTURE_UNSUPPORTED_VALUE')
    expect(error?.message).toContain('Store')
    expect(error?.message).toContain('#private')
  })

  it('points a refusal at the file and line of the capturing function, with a code frame', () => {
    const { error } = runFixture('unsupported.mjs', 'promise')
    expect(error?.location).toEqual({ file: 'unsupported.mjs', line: 21, column: 30 })
    expect(error?.frame).toBe('> 21 | () => db.pool.pending')
    expect(error?.message).toContain('defined at unsupported.mjs:21:30')
  })

  it('refuses a socket deep inside a captured object with the whole path', () => {
    const { error } = runFixture('unsupported.mjs', 'socket')
    expect(error?.code).toBe('CAPTURE_UNSUPPORTED_VALUE')
    expect(error?.capturePath).toEqual(['handler', 'config', 'client', 'agent', 'socket'])
    expect(error?.message).toContain('a socket (Socket)')
  })

  it('refuses an arrow function that uses the enclosing this', () => {
    expect(runFixture('unsupported.mjs', 'lexicalThis').error?.code).toBe('CAPTURE_LEXICAL_THIS')
  })

  it('refuses a function that calls a method added to a standard prototype, naming it', () => {
    const { error } = runFixture('unsupported.mjs', 'builtinExtended')
    expect(error?.code).toBe('CAPTURE_BUILTIN_EXTENDED')
    expect(error?.capturePath).toEqual(['greet'])
    expect(error?.message).toContain('`String.prototype.shout`')
    expect(error?.hint).toMatch(/plain helper function/)
  })

  it('refuses a class whose static #private field changed after it was defined', () => {
    const { error } = runFixture('unsupported.mjs', 'staticPrivate')
    expect(error?.code).toBe('CAPTURE_UNSUPPORTED_FUNCTION')
    expect(error?.message).toContain('#next')
  })
})
