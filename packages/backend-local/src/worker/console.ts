import { format } from 'node:util'

type Level = 'INFO' | 'WARN' | 'ERROR' | 'DEBUG' | 'TRACE'

const METHODS: Array<[keyof Console, Level, 'stdout' | 'stderr']> = [
  ['log', 'INFO', 'stdout'],
  ['info', 'INFO', 'stdout'],
  ['warn', 'WARN', 'stderr'],
  ['error', 'ERROR', 'stderr'],
  ['debug', 'DEBUG', 'stdout'],
  ['trace', 'TRACE', 'stderr'],
]

/**
 * Rewrites `console.*` the way Lambda's Node runtime does, as
 * `time<TAB>requestId<TAB>LEVEL<TAB>message`, so every line names the invocation that printed
 * it. Like Lambda, line breaks inside one message become `\r`, keeping one call one log line.
 *
 * Known shortcoming: text written straight to `process.stdout`/`process.stderr` is not tagged,
 * here as on Lambda; the backend's START/END lines around it are what tie it to a request.
 */
export function tagConsole(currentRequestId: () => string | undefined): void {
  for (const [method, level, stream] of METHODS) {
    const write = (...args: unknown[]) => {
      const message = method === 'trace' ? traceText(args) : format(...args)
      const line = `${new Date().toISOString()}\t${currentRequestId() ?? 'undefined'}\t${level}\t${message.replaceAll('\n', '\r')}\n`
      process[stream].write(line)
    }
    Object.defineProperty(console, method, { value: write, configurable: true, writable: true })
  }
}

function traceText(args: unknown[]): string {
  const stack = new Error().stack?.split('\n').slice(3).join('\n') ?? ''
  return `Trace: ${format(...args)}\n${stack}`
}
