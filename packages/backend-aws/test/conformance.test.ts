import { runBackendConformance } from '@portkey/backend/conformance'
import { afterEach, describe, expect, it } from 'vitest'
import { createFakeAws } from './fake/index.js'
import { artifact } from './helpers.js'

// The shared Backend contract, run against the AWS backend wired to the in-memory fake of IAM,
// Lambda and API Gateway. The fake cannot run zips, so the suite checks state, not answers.
runBackendConformance(
  { describe, it, afterEach, expect: expect as never },
  {
    create: async () => createFakeAws().backend(),
    artifact: async (answer) => artifact(answer),
  },
)
