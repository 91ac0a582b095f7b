// The rows as a JSON file next to the handler: how one would ship reference data by hand.
// run.mjs writes rows.json from the same generator the captured function uses.
import rows from './rows.json' with { type: 'json' }
import { badRequest, query, respond } from './respond.mjs'

export const handler = async (event) => {
  const { missing, values } = query(event, ['id'])
  if (missing) return badRequest(missing)
  const [id] = values
  return respond(rows[Number(id)] ?? null)
}
