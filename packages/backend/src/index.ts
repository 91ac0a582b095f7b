export type * from './types.js'
export {
  MEMORY_RANGE,
  MOUNT_NAME_PATTERN,
  RESERVED_ENVIRONMENT_KEYS,
  TIMEOUT_RANGE,
} from './lambda-rules.js'
