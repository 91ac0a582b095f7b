export { serialize } from './serialize.js'
export { inspect, printTree } from './inspect.js'
export { functionParameters } from './parameters.js'
export { CaptureError } from './diagnostics.js'
export type {
  CaptureGraph,
  CaptureTreeNode,
  FunctionParameter,
  Inspection,
  SerializeOptions,
  SerializeResult,
} from './types.js'
