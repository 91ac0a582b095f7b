import { describe, expect, it } from 'vitest'
import { matchRoute, servePlan, toInteger, toNumber, toText } from '../src/artifact.js'
import { createHandler, HandlerError, planHandler, RouteError } from '../src/index.js'
import type { HandlerConfig } from '../src/index.js'
import { lambdaContext, proxyEvent } from './events.js'

const CONFIG: HandlerConfig = {
  route: '/items/{id:integer}?price={price:number}&note={note}',
  call: {
    kind: 'positional',
    params: [
      { name: 'id', optional: false },
      { name: 'price', optional: true },
      { name: 'note', optional: true },
      { name: 'extra', optional: true },
    ],
  },
}

const EVENTS = [
  proxyEvent('/items/7', { price: '1.5', note: 'hi' }),
  proxyEvent('/items/7', null),
  proxyEvent('/items/x', null),
  proxyEvent('/items/7', { price: '0x1f' }),
  proxyEvent('/items/7', null, { id: '8' }),
  proxyEvent('/other/7', null),
]

describe('servePlan (the adapter inside an artifact)', () => {
  it('answers every request exactly as createHandler does for the same config', async () => {
    const fn = (...args: unknown[]) => args
    const fromConfig = createHandler(fn, CONFIG)
    const converters = { integer: toInteger, number: toNumber, string: toText }
    const fromPlan = servePlan(fn, planHandler(CONFIG), converters, matchRoute)

    for (const event of EVENTS) {
      expect(await fromPlan(event, lambdaContext())).toEqual(
        await fromConfig(event, lambdaContext()),
      )
    }
  })

  it('refuses a value that is not a function, like createHandler', () => {
    expect(() => servePlan(42 as never, planHandler(CONFIG), {})).toThrow(HandlerError)
  })
})

describe('planHandler', () => {
  it('throws the same errors as createHandler for a bad route or call shape', () => {
    expect(() => planHandler({ route: 'hello', call: { kind: 'object' } })).toThrow(RouteError)
    const unbound = {
      route: '/x',
      call: { kind: 'positional', params: [{ name: 'a', optional: false }] },
    } as const
    expect(() => planHandler(unbound)).toThrow(/no placeholder for the required parameter 'a'/)
  })
})
