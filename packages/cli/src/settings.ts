import type { PackOptions } from '@portkey/core'
import type { LambdaRuntime } from '@portkey/packager'
import { CliError } from './diagnostics.js'

/** The flags that describe the function itself, shared by `mount` (any backend) and `pack`. */
export interface SettingFlags {
  timeout?: string
  memory?: string
  runtime?: string
  minify?: boolean
  external?: string[]
  'allow-native-addons'?: boolean
}

export interface FunctionSettings {
  timeoutSeconds?: number
  memoryMb?: number
  pack: PackOptions
}

/** Reads the flags into mount options; ranges are checked (and explained) by the core. */
export function functionSettings(flags: SettingFlags): FunctionSettings {
  return {
    ...(flags.timeout !== undefined && { timeoutSeconds: number('--timeout', flags.timeout) }),
    ...(flags.memory !== undefined && { memoryMb: number('--memory', flags.memory) }),
    pack: packOptions(flags),
  }
}

export function packOptions(flags: SettingFlags): PackOptions {
  return {
    ...(flags.runtime !== undefined && { runtime: checkRuntime(flags.runtime) }),
    ...(flags.minify === true && { minify: true }),
    ...(flags.external !== undefined && { external: flags.external }),
    ...(flags['allow-native-addons'] === true && { allowNativeAddons: true }),
  }
}

function number(flag: string, text: string): number {
  const value = Number(text)
  if (text.trim() !== '' && Number.isFinite(value)) return value
  throw new CliError(`${flag} ${text} is not a number`, `write it as ${flag} 10`)
}

function checkRuntime(runtime: string): LambdaRuntime {
  if (runtime === 'nodejs20.x' || runtime === 'nodejs22.x') return runtime
  throw new CliError(`unknown runtime "${runtime}"`, 'use --runtime nodejs20.x or nodejs22.x')
}
