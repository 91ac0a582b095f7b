import isNumber from 'is-number'
import { camelCase, chunk } from 'lodash-es'
import ms from 'ms'
import { badRequest, query, respond } from './respond.mjs'

export const handler = async (event) => {
  const { missing, values } = query(event, ['text', 'duration'])
  if (missing) return badRequest(missing)
  const [text, duration] = values
  return respond({
    camel: camelCase(text),
    ms: ms(duration),
    numeric: isNumber(duration),
    pairs: chunk(text.split(' '), 2),
  })
}
