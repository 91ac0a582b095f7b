import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createInterface, type Interface } from 'node:readline'
import { fileURLToPath } from 'node:url'

export const FIXTURES = fileURLToPath(new URL('../../../fixtures/e2e', import.meta.url))

/** A fixture script running in its own `node` process, serving mounts until stopped. */
export interface FixtureProcess {
  info: { pid?: number; urls: Record<string, string>; names?: Record<string, string> }
  child: ChildProcessWithoutNullStreams
  /** Sends one stdin command and waits for the line that answers it. */
  command(line: string, answer: string): Promise<void>
  stop(): Promise<void>
}

export async function startFixture(file: string): Promise<FixtureProcess> {
  // Each fixture gets its own state directory, so fixtures never share unpacked artifacts.
  const cwd = mkdtempSync(join(tmpdir(), 'portkey-e2e-'))
  const child = spawn(process.execPath, [join(FIXTURES, file)], { cwd, stdio: 'pipe' })
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const lines = createInterface({ input: child.stdout })

  const first = await nextLine(lines, child, () => stderr)
  return {
    info: JSON.parse(first) as FixtureProcess['info'],
    child,
    async command(line, answer) {
      child.stdin.write(`${line}\n`)
      while ((await nextLine(lines, child, () => stderr)) !== answer);
    },
    async stop() {
      child.stdin.end()
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
      if (child.exitCode === null) await once(child, 'exit')
      clearTimeout(timer)
      rmSync(cwd, { recursive: true, force: true })
    },
  }
}

function nextLine(lines: Interface, child: ChildProcessWithoutNullStreams, stderr: () => string) {
  return new Promise<string>((resolve, reject) => {
    const onExit = (code: number | null) =>
      reject(new Error(`fixture exited with ${code} before answering:\n${stderr()}`))
    child.once('exit', onExit)
    lines.once('line', (line) => {
      child.off('exit', onExit)
      resolve(line)
    })
  })
}
