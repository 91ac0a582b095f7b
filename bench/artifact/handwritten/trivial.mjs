import { badRequest, query, respond } from './respond.mjs'

export const handler = async (event) => {
  const { missing, values } = query(event, ['name'])
  if (missing) return badRequest(missing)
  const [name] = values
  return respond(`hello ${name}`)
}
