// The limit: a bare node:http server calling the function in its own process, no isolation.
import { createServer } from 'node:http'
import { hello } from './function.mjs'

const server = createServer((req, res) => {
  const url = new URL(req.url, 'http://127.0.0.1')
  const body = hello(url.searchParams.get('name'))
  res.writeHead(200, { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(body) })
  res.end(body)
})
server.listen(0, '127.0.0.1', () => {
  console.log(`http://127.0.0.1:${server.address().port}/hello`)
})
process.on('SIGTERM', () => server.close(() => process.exit(0)))
