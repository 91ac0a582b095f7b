// `npm test`: sets the workspace up if needed, runs every vitest suite once, and ends with one
// line `N passed, N failed` read from vitest's JSON report.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { root, setup } from './setup.mjs'

setup()

const report = join(root, 'test-results.json')
rmSync(report, { force: true })
const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs')
const result = spawnSync(
  process.execPath,
  [
    vitest,
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
    ...process.argv.slice(2),
  ],
  { cwd: root, stdio: 'inherit', env: { ...process.env, CI: process.env.CI ?? '1' } },
)

let passed = 0
let failed = 0
if (existsSync(report)) {
  const json = JSON.parse(readFileSync(report, 'utf8'))
  passed = json.numPassedTests
  // A file that fails to load has no test results of its own; count it as one failure.
  const brokenFiles = json.testResults.filter(
    (file) => file.status === 'failed' && file.assertionResults.length === 0,
  ).length
  failed = json.numFailedTests + brokenFiles
} else {
  failed = 1
}
process.stdout.write(`${passed} passed, ${failed} failed\n`)
process.exit(result.status === 0 && failed === 0 ? 0 : 1)
