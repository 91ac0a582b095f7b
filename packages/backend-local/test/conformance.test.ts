import { runBackendConformance } from '@portkey/backend/conformance'
import { afterEach, describe, expect, it } from 'vitest'
import { artifact, disposeAll, newBackend } from './helpers.js'

afterEach(disposeAll)

// The shared Backend contract, run against real worker processes and real HTTP.
runBackendConformance(
  { describe, it, afterEach, expect },
  {
    create: async () => newBackend(),
    artifact: async (answer) =>
      artifact(`export const handler = async () => ({
  statusCode: 200,
  headers: { 'content-type': 'text/plain' },
  body: ${JSON.stringify(answer)},
})`),
    call: async (deployment) => {
      const response = await fetch(deployment.url)
      return { status: response.status, body: await response.text() }
    },
  },
)
