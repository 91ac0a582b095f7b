import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

// The REPL resolves `import('@portkey/core')` from its working directory, so it runs in the
// examples folder, which depends on @portkey/core.
const EXAMPLES = fileURLToPath(new URL('../../../examples', import.meta.url))

const SESSION = [
  "const { mount, close } = await import('@portkey/core')",
  "const flatter = (name) => `${name} is ${['incredible', 'awesome', 'fantastic'][Math.floor(Math.random() * 3)]}`",
  "const m = await mount(flatter, '/hello?name={name}')",
  "const answer = await (await fetch(m.url + '?name=Rich')).text()",
  "console.log('ANSWER=' + answer + ' URL=' + m.url)",
  'await close()',
  '.exit',
]

describe("node's REPL", () => {
  it('mounts a function typed at the prompt and serves it', async () => {
    const repl = spawn(process.execPath, ['--interactive'], { cwd: EXAMPLES, stdio: 'pipe' })
    let output = ''
    repl.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    repl.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))

    // One line at a time, each after the REPL has finished the previous one and prompted again.
    const prompts = () => output.split('> ').length - 1
    for (const [sent, line] of SESSION.entries()) {
      await until(
        () => prompts() > sent,
        () => output,
      )
      repl.stdin.write(`${line}\n`)
    }
    const timer = setTimeout(() => repl.kill('SIGKILL'), 30_000)
    await once(repl, 'exit')
    clearTimeout(timer)

    expect(output).toMatch(
      /ANSWER=Rich is (incredible|awesome|fantastic) URL=http:\/\/127\.0\.0\.1:\d+\/hello/,
    )
  })
})

async function until(ready: () => boolean, output: () => string): Promise<void> {
  for (let waited = 0; !ready(); waited += 20) {
    if (waited > 30_000) throw new Error(`the REPL did not prompt again; it printed:\n${output()}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}
