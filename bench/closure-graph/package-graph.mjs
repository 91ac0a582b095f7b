// The package-heavy graph, in its own module so that only its measurement loads lodash-es.
import { createHash } from 'node:crypto'
import * as lodash from 'lodash-es'

export function packageHeavy() {
  return { fn: (text) => lodash.chunk([...createHash('sha256').update(text).digest('hex')], 8) }
}
