import { resolve } from 'node:path'

/** The state directory a command works on: `--state-dir`, or `.portkey` in the current one. */
export function stateDirOf(option: string | undefined): string {
  return resolve(option ?? '.portkey')
}

/** True for addresses that only this machine can reach. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host)
}
