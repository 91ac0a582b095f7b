// What an expert's hand-written handler needs around the logic: read the query, answer 400 when
// a parameter is missing, and send strings as text and everything else as JSON.
export function query(event, names) {
  const values = []
  for (const name of names) {
    const value = event.queryStringParameters?.[name]
    if (value === undefined) return { missing: name }
    values.push(value)
  }
  return { values }
}

export function respond(result) {
  if (typeof result === 'string') {
    return {
      statusCode: 200,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      body: result,
    }
  }
  const headers = { 'content-type': 'application/json; charset=utf-8' }
  return { statusCode: 200, headers, body: JSON.stringify(result) }
}

export function badRequest(parameter) {
  const body = JSON.stringify({ error: `missing query parameter ${parameter}`, parameter })
  return { statusCode: 400, headers: { 'content-type': 'application/json; charset=utf-8' }, body }
}
