import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { homedir, tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { codeSha256, pack, PackError } from '../src/index.js'
import type { PackInput } from '../src/index.js'
import {
  copyProject,
  createFixtureProject,
  invokeInFreshNode,
  invokeWithLogs,
  packInFreshNode,
  proxyEvent,
  removeTemporaryDirs,
  REPO_ROOT,
  temporaryDir,
  unzipToDir,
} from './fixtures.js'

const HASH_MODULE = `import { createHash } from 'node:crypto'
export default (name) => \`\${name}:\${createHash('sha256').update(name).digest('hex').slice(0, 8)}\`
`

const PACKAGE_MODULE = `import isNumber from 'is-number'
import shout from 'path-shout'
export default function check(value, file) {
  return { value, isNumber: isNumber(value), file: shout(file) }
}
`

function positional(...names: string[]) {
  return { kind: 'positional' as const, params: names.map((name) => ({ name, optional: false })) }
}

let project: string

beforeAll(() => {
  project = createFixtureProject()
})

afterAll(() => {
  removeTemporaryDirs()
})

function packageInput(resolveDir: string): PackInput {
  return {
    code: PACKAGE_MODULE,
    resolveDir,
    handler: { route: '/check?value={value}&file={file}', call: positional('value', 'file') },
    map: {
      version: 3,
      sources: [join(resolveDir, 'src', 'check.ts')],
      sourceRoot: '',
      names: [],
      mappings: 'AAAA;AACA;AACA;AACA;AACA',
    },
  }
}

describe('pack', () => {
  it('packs a module using a node built-in that answers in a fresh node process', async () => {
    const artifact = await pack({
      code: HASH_MODULE,
      resolveDir: project,
      handler: { route: '/hello?name={name}', call: positional('name') },
    })
    const directory = unzipToDir(artifact.zip)

    const result = invokeInFreshNode(directory, proxyEvent('/hello', { name: 'Rich' }))
    expect(result).toEqual({
      statusCode: 200,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      body: `Rich:${createHash('sha256').update('Rich').digest('hex').slice(0, 8)}`,
    })
    expect(artifact.handler).toBe('index.handler')
    expect(artifact.entries.map((entry) => entry.path)).toEqual([
      'index.mjs',
      'index.mjs.map',
      'portkey.json',
    ])
  })

  it('bundles npm packages (ESM and CommonJS needing require) resolved from resolveDir', async () => {
    const artifact = await pack(packageInput(project))
    const directory = unzipToDir(artifact.zip)

    const ok = invokeInFreshNode(
      directory,
      proxyEvent('/check', { value: '42', file: '/a/b/c.txt' }),
    )
    expect(ok.statusCode).toBe(200)
    expect(JSON.parse(ok.body)).toEqual({ value: '42', isNumber: true, file: 'C.TXT' })

    const missing = invokeInFreshNode(directory, proxyEvent('/check', { value: '42' }))
    expect(missing.statusCode).toBe(400)
    expect(JSON.parse(missing.body)).toMatchObject({ parameter: 'file' })
  })

  it('gives identical bytes and hash for the same input packed in two processes from two copies', () => {
    const first = copyProject(project)
    const second = copyProject(project)
    const out = temporaryDir('out')

    const a = packInFreshNode(packageInput(first), first, join(out, 'a.zip'))
    const b = packInFreshNode(packageInput(second), out, join(out, 'b.zip'))

    const zipA = readFileSync(join(out, 'a.zip'))
    const zipB = readFileSync(join(out, 'b.zip'))
    expect(zipA.equals(zipB)).toBe(true)
    expect(a).toEqual(b)
    const expected = codeSha256(zipA)
    expect(a).toEqual({ sha256: expected.base64, hex: expected.hex })
  })

  it('puts no absolute path of this machine into any file of the zip', async () => {
    const artifact = await pack(packageInput(project))
    const directory = unzipToDir(artifact.zip)
    const forbidden = [project, tmpdir(), homedir(), REPO_ROOT.replace(/\/$/, ''), process.cwd()]

    for (const name of readdirSync(directory)) {
      const text = readFileSync(join(directory, name), 'utf8')
      for (const path of forbidden) expect(text, `${name} contains ${path}`).not.toContain(path)
    }
    const map = JSON.parse(readFileSync(join(directory, 'index.mjs.map'), 'utf8'))
    expect(map.sources).toContain('src/check.ts')
    expect(map.sources).toContain('node_modules/is-number/index.js')
    expect(map.sources).toContain('portkey:runtime')
    expect(map.sourcesContent).toBeUndefined()
  })

  it('writes a manifest with version, route, runtime and an input hash independent of location', async () => {
    const copy = copyProject(project)
    const [here, there] = await Promise.all([pack(packageInput(project)), pack(packageInput(copy))])
    const manifest = JSON.parse(readFileSync(join(unzipToDir(here.zip), 'portkey.json'), 'utf8'))

    expect(manifest).toMatchObject({
      portkey: '0.1.0',
      runtime: 'nodejs20.x',
      handler: 'index.handler',
      route: '/check?value={value}&file={file}',
    })
    expect(manifest.inputs).toMatch(/^[0-9a-f]{64}$/)
    expect(here.hex).toBe(there.hex)
  })

  it('changes the hash when the function changes', async () => {
    const one = await pack({
      ...packageInput(project),
      code: PACKAGE_MODULE.replace('{ value,', '{ version: 2, value,'),
    })
    const two = await pack(packageInput(project))
    expect(one.hex).not.toBe(two.hex)
  })

  it('writes a zip that unzip -t and Python zipfile accept, with fixed times and 0644 files', async () => {
    const artifact = await pack(packageInput(project))
    const file = join(temporaryDir('zip'), 'artifact.zip')
    const { writeFileSync } = await import('node:fs')
    writeFileSync(file, artifact.zip)

    const check = `
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
assert z.testzip() is None
for i in z.infolist():
    print(i.filename, i.date_time, oct(i.external_attr >> 16), len(i.extra), i.create_system)
`
    const report = execFileSync('python3', ['-c', check, file], { encoding: 'utf8' })
    expect(report.trim().split('\n')).toEqual([
      'index.mjs (1980, 1, 1, 0, 0, 0) 0o100644 0 3',
      'index.mjs.map (1980, 1, 1, 0, 0, 0) 0o100644 0 3',
      'portkey.json (1980, 1, 1, 0, 0, 0) 0o100644 0 3',
    ])
    if (hasUnzip()) {
      expect(execFileSync('unzip', ['-t', file], { encoding: 'utf8' })).toContain(
        'No errors detected',
      )
    }
    expect(artifact.size).toBe(artifact.zip.byteLength)
  })

  it('minifies on request into a smaller zip that still answers', async () => {
    const plain = await pack(packageInput(project))
    const minified = await pack({ ...packageInput(project), minify: true, sourceMap: false })
    expect(minified.size).toBeLessThan(plain.size)
    expect(minified.entries.map((entry) => entry.path)).toEqual(['index.mjs', 'portkey.json'])

    const directory = unzipToDir(minified.zip)
    const result = invokeInFreshNode(directory, proxyEvent('/check', { value: 'x', file: 'y' }))
    expect(JSON.parse(result.body)).toEqual({ value: 'x', isNumber: false, file: 'Y' })
  })

  it('keeps the names of functions and classes, also when minified or renamed by the bundler', async () => {
    // `handler` collides with the adapter's own export and would otherwise become `handler2`.
    const code = [
      'class ValidationError extends Error {}',
      'function handler() { return handler.name }',
      'export default function named() {',
      '  return [named.name, handler(), ValidationError.name].join("|")',
      '}',
      '',
    ].join('\n')
    for (const minify of [false, true]) {
      const artifact = await pack({
        code,
        resolveDir: project,
        handler: { route: '/names', call: positional() },
        minify,
      })
      const result = invokeInFreshNode(unzipToDir(artifact.zip), proxyEvent('/names', null))
      expect(result.body).toBe('named|handler|ValidationError')
    }
  })

  it('answers a thrown error with a 500 carrying the request id, and logs the stack only', async () => {
    const artifact = await pack({
      code: `export default () => { throw new Error('secret detail') }\n`,
      resolveDir: project,
      handler: { route: '/boom', call: positional() },
    })
    const { result, logs } = invokeWithLogs(unzipToDir(artifact.zip), proxyEvent('/boom', null))
    expect(result.statusCode).toBe(500)
    expect(JSON.parse(result.body)).toEqual({
      error: 'Internal Server Error',
      requestId: 'req-fresh',
    })
    expect(logs).toContain('[portkey] request req-fresh failed with 500')
    expect(logs).toMatch(/Error: secret detail\n\s+at /)
  })
})

function hasUnzip(): boolean {
  try {
    execFileSync('unzip', ['-v'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

describe('pack errors', () => {
  async function packError(input: PackInput): Promise<PackError> {
    const error: unknown = await pack(input).then(
      () => undefined,
      (reason: unknown) => reason,
    )
    if (error instanceof PackError) return error
    throw new Error(`expected a PackError, got ${String(error)}`)
  }

  it('names a package that cannot be resolved, where, and how to install it', async () => {
    const error = await packError({
      code: `import pad from 'left-pad-missing/lib/pad.js'\nexport default () => pad('x')\n`,
      resolveDir: project,
      handler: { route: '/pad', call: positional() },
    })
    const directory = relative(process.cwd(), project)
    expect(error.code).toBe('PACKAGE_NOT_FOUND')
    expect(error.packageName).toBe('left-pad-missing')
    expect(error.resolveDir).toBe(directory)
    expect(error.hint).toBe(`install it with npm i left-pad-missing in ${directory}`)
    expect(error.message).toBe(
      `Package 'left-pad-missing' (imported at the function module:1:17) cannot be resolved from ${directory}: install it with npm i left-pad-missing in ${directory}.`,
    )
    expect(error.frame).toBe(`import pad from 'left-pad-missing/lib/pad.js'\n                ^`)
  })

  it('names a scoped package by its scope and name', async () => {
    const error = await packError({
      code: `import { x } from '@nope/thing/deep'\nexport default () => x\n`,
      resolveDir: project,
      handler: { route: '/x', call: positional() },
    })
    expect(error.packageName).toBe('@nope/thing')
  })

  it('reports a module without a default export', async () => {
    const error = await packError({
      code: `export const fn = () => 1\n`,
      resolveDir: project,
      handler: { route: '/x', call: positional() },
    })
    expect(error.code).toBe('NO_DEFAULT_EXPORT')
  })

  it('reports a syntax error with its location in the function module', async () => {
    const error = await packError({
      code: `export default () => {\n  return 1 +\n}\n`,
      resolveDir: project,
      handler: { route: '/x', call: positional() },
    })
    expect(error.code).toBe('BUNDLE_FAILED')
    expect(error.message).toMatch(/^Bundling the function failed at the function module:3:1: /)
  })

  it('reports an unknown node built-in', async () => {
    const error = await packError({
      code: `import x from 'node:nope'\nexport default () => x\n`,
      resolveDir: project,
      handler: { route: '/x', call: positional() },
    })
    expect(error.code).toBe('BUILTIN_NOT_FOUND')
  })

  it('rejects a route that does not fit the call shape before bundling', async () => {
    const error = await packError({
      code: HASH_MODULE,
      resolveDir: project,
      handler: { route: '/hello', call: positional('name') },
    })
    expect(error.code).toBe('ROUTE_MISMATCH')
    expect(error.message).toContain("no placeholder for the required parameter 'name'")
  })

  it('rejects unknown options by name, listing the valid ones', async () => {
    const input = { ...packageInput(project), minfy: true } as PackInput
    const error = await packError(input)
    expect(error.code).toBe('PACK_INPUT_INVALID')
    expect(error.message).toBe(
      "pack() input is invalid: unknown option 'minfy'. Valid options are code, map, resolveDir, handler, runtime, minify, sourceMap, external, awsSdk, allowNativeAddons, sizeLimits.",
    )
  })

  it('rejects a relative or missing resolveDir', async () => {
    expect((await packError({ ...packageInput(project), resolveDir: 'fixtures/app' })).code).toBe(
      'PACK_INPUT_INVALID',
    )
    const missing = join(project, 'does-not-exist')
    expect((await packError({ ...packageInput(project), resolveDir: missing })).message).toContain(
      'is not a directory',
    )
  })
})
