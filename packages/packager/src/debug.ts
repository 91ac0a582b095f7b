/** `DEBUG=portkey:pack` (or `portkey:*`) logs each pack to stderr; off, it costs one regex test. */
const enabled = /(^|,)\s*portkey:(\*|pack)\s*(,|$)/.test(process.env.DEBUG ?? '')

export function debugPack(message: string): void {
  if (enabled) process.stderr.write(`portkey:pack ${message}\n`)
}
