import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const here = dirname(fileURLToPath(import.meta.url))
const corpus = join(here, '..', '..', '..', 'fixtures', 'closures')
const runner = join(here, 'corpus')
const packageNodeModules = join(here, '..', 'node_modules')

interface Captured {
  code?: string
  calls?: unknown[][]
  error?: { code: string; message: string; capturePath: string[] }
}

/** Runs one node process in `cwd` and parses the JSON it prints. */
function node<T>(args: string[], cwd: string): T {
  const result = spawnSync(process.execPath, args, { encoding: 'utf8', cwd, maxBuffer: 2 ** 28 })
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} failed:\n${result.stderr}`)
  return JSON.parse(result.stdout) as T
}

/** The refusal code a case expects, read from its `// refuse: CODE` line. */
function expectedRefusal(text: string): string | undefined {
  return /^\/\/ refuse: (\w+)/m.exec(text)?.[1]
}

const cases = readdirSync(corpus)
  .filter((file) => /\.(mjs|cjs)$/.test(file))
  .sort()

describe.concurrent('closure corpus: the rebuilt function behaves like the original', () => {
  for (const file of cases) {
    it(`${file} rebuilds exactly or is refused with its code`, { timeout: 120_000 }, async () => {
      const path = join(corpus, file)
      const refusal = expectedRefusal(readFileSync(path, 'utf8'))
      const captured = node<Captured>([join(runner, 'capture.mjs'), path], corpus)

      if (refusal) {
        expect(captured.error?.code, captured.error?.message).toBe(refusal)
        return
      }
      expect(captured.error, captured.error?.message).toBeUndefined()

      const expected = node<string[]>([join(runner, 'call.mjs'), 'original', path], corpus)
      const dir = mkdtempSync(join(tmpdir(), 'closure-corpus-'))
      try {
        symlinkSync(packageNodeModules, join(dir, 'node_modules'), 'dir')
        const module = join(dir, 'rebuilt.mjs')
        writeFileSync(module, captured.code!)
        const calls = JSON.stringify(captured.calls)
        const actual = node<string[]>([join(runner, 'call.mjs'), 'rebuilt', module, calls], dir)
        expect(actual, captured.code).toEqual(expected)
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    })
  }
})
