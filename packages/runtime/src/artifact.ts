/**
 * The runtime adapter as bundled into an artifact: the handler from a plan made at pack time,
 * one converter per placeholder type and the path matcher. The packager's entry imports only the
 * converters its route uses (and the matcher only for path placeholders), so esbuild drops the
 * rest. No route parser and none of its messages: `index.ts` is the surface for everything else.
 */
export { servePlan } from './serve.js'
export { toBoolean, toInteger, toNumber, toText } from './convert.js'
export { matchRoute } from './route-match.js'
