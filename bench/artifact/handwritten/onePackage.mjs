import { kebabCase } from 'lodash-es'
import { badRequest, query, respond } from './respond.mjs'

export const handler = async (event) => {
  const { missing, values } = query(event, ['text'])
  if (missing) return badRequest(missing)
  const [text] = values
  return respond(kebabCase(text))
}
