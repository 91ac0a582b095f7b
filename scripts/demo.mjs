// `npm run demo`: sets the workspace up if needed (install + build), then runs the README's
// example, which mounts a live function on the local backend and calls its URL.
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { root, setup } from './setup.mjs'

setup()
const result = spawnSync(process.execPath, [join(root, 'examples', 'hello.mjs')], {
  cwd: join(root, 'examples'),
  stdio: 'inherit',
})
process.exit(result.status ?? 1)
