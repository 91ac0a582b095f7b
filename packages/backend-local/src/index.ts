export { createLocalBackend } from './backend.js'
export { LocalBackendError, type LocalBackendErrorCode } from './diagnostics.js'
export type { LocalBackend, LocalBackendOptions } from './types.js'
