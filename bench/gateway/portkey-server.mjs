// Portkey's local backend serving the same function: captured, packed, and run in a worker
// process through the Lambda Runtime API, as `portkey mount` would.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createLocalBackend } from '@portkey/backend-local'
import { mount } from '@portkey/core'
import { hello } from './function.mjs'

const stateDir = mkdtempSync(join(tmpdir(), 'portkey-bench-gateway-'))
const backend = createLocalBackend({ stateDir, persist: false })
const { url } = await mount(hello, '/hello?name={name}', { backend })
console.log(url)

process.on('SIGTERM', async () => {
  await backend.dispose()
  rmSync(stateDir, { recursive: true, force: true })
  process.exit(0)
})
