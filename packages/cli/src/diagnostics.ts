/** An error the CLI reports as one message and a hint, with exit code 1 and no stack. */
export class CliError extends Error {
  readonly hint: string

  constructor(message: string, hint: string) {
    super(message)
    this.name = 'CliError'
    this.hint = hint
  }
}

/** Prints any error for a human: message, hint when there is one; stack only with DEBUG. */
export function reportError(error: unknown): void {
  const err = error instanceof Error ? error : new Error(String(error))
  const code = (err as { code?: unknown }).code
  const prefix = typeof code === 'string' ? `${code}: ` : ''
  process.stderr.write(`portkey: ${prefix}${err.message}\n`)

  const hint = (err as { hint?: unknown }).hint
  if (err instanceof CliError && typeof hint === 'string') process.stderr.write(`  hint: ${hint}\n`)
  if (process.env.DEBUG?.includes('portkey')) process.stderr.write(`${err.stack}\n`)
}
