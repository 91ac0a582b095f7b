/** The shared event builders, from this package's own source. */
export { lambdaContext, proxyEvent } from '../src/testing.js'
