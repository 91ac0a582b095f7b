import { describe, expect, it } from 'vitest'
import { callShapeFor } from '../src/call-shape.js'
import { checkMountName, deriveMountName } from '../src/names.js'
import { resolveMountOptions } from '../src/options.js'
import { mount, unmount } from '../src/index.js'
import { parseRoute } from '@portkey/runtime'

describe('mount names', () => {
  it('come from the function name when it has one', () => {
    function flatter() {}
    expect(deriveMountName(flatter, parseRoute('/hello'))).toBe('flatter')
  })

  it('come from the route when the function is anonymous', () => {
    expect(deriveMountName(() => 1, parseRoute('/users/{id}/posts'))).toBe('users-posts')
  })

  it('are cut to Lambda-safe characters and 64 characters', () => {
    const fn = { ['weird name$with.dots'.repeat(5)]: () => 1 }['weird name$with.dots'.repeat(5)]!
    const name = deriveMountName(fn, parseRoute('/x'))
    expect(name).toMatch(/^[A-Za-z0-9_-]{1,64}$/)
  })

  it('given by the user are refused, not rewritten, when invalid', () => {
    expect(() => checkMountName('has space')).toThrow(/not valid/)
    expect(() => checkMountName('x'.repeat(65))).toThrow(/MOUNT_INVALID_NAME|not valid/)
  })
})

describe('route and parameters', () => {
  it('map placeholders to parameters by name, in parameter order', () => {
    const add = (a: number, b: number) => a + b
    const shape = callShapeFor(add, parseRoute('/add?b={b:number}&a={a:number}'), 'add')
    expect(shape).toEqual({
      kind: 'positional',
      params: [
        { name: 'a', optional: false },
        { name: 'b', optional: false },
      ],
    })
  })

  it('pass one object to a function with a single destructured parameter', () => {
    const user = ({ id }: { id: string }) => id
    expect(callShapeFor(user, parseRoute('/users/{id}'), 'user')).toEqual({ kind: 'object' })
  })

  it('refuse a placeholder that names no parameter', () => {
    const hello = (name: string) => name
    expect(() => callShapeFor(hello, parseRoute('/hello?n={nmae}'), 'hello')).toThrow(
      /placeholder \{nmae\} but hello\(name\) has no parameter named nmae/,
    )
  })

  it('refuse a required parameter no placeholder fills, but allow one with a default', () => {
    const hello = (name: string, greeting = 'hi') => greeting + name
    expect(() => callShapeFor(hello, parseRoute('/hello'), 'hello')).toThrow(
      /parameter name of hello\(name, greeting\) is not filled/,
    )
    expect(callShapeFor(hello, parseRoute('/hello?name={name}'), 'hello').kind).toBe('positional')
  })
})

describe('mount options', () => {
  it('reject unknown keys by name and list the valid ones', async () => {
    await expect(resolveMountOptions({ timeout: 3 } as never)).rejects.toThrow(
      /`timeout` is not a mount option[\s\S]*timeoutSeconds/,
    )
  })

  it('reject out-of-range limits', async () => {
    await expect(resolveMountOptions({ timeoutSeconds: 0 })).rejects.toThrow(/from 1 to 900/)
    await expect(resolveMountOptions({ memoryMb: 64 })).rejects.toThrow(/from 128 to 10240/)
  })

  it('reject non-string environment values', async () => {
    await expect(
      resolveMountOptions({ environment: { PORT: 80 } as never }),
    ).rejects.toThrow(/PORT/)
  })
})

describe('mount() and unmount() input errors', () => {
  it('refuse a value that is not a function', async () => {
    await expect(mount('hello' as never, '/x')).rejects.toMatchObject({
      code: 'MOUNT_INVALID_FUNCTION',
    })
  })

  it('refuse unmount() without a name, saying what to pass', async () => {
    await expect(unmount(undefined as never)).rejects.toThrow(/expects a mount name/)
  })

  it('refuse to unmount a name that was never mounted', async () => {
    await expect(unmount('nothing-here')).rejects.toMatchObject({ code: 'MOUNT_NOT_FOUND' })
  })
})
