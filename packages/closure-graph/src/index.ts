export { serialize } from './serialize.js'
export { functionParameters } from './parameters.js'
export { CaptureError } from './diagnostics.js'
export type { CaptureGraph, FunctionParameter, SerializeOptions, SerializeResult } from './types.js'
