import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { unzipSync } from 'fflate'
import { afterAll, describe, expect, it } from 'vitest'
import { pack, PackError } from '../src/index.js'
import type { PackInput } from '../src/index.js'
import {
  copyInstalledPackage,
  createFixtureProject,
  invokeInFreshNode,
  packInFreshNode,
  proxyEvent,
  removeTemporaryDirs,
  temporaryDir,
  unzipToDir,
  writePackage,
} from './fixtures.js'

afterAll(() => {
  removeTemporaryDirs()
})

const NO_PARAMS = { kind: 'positional' as const, params: [] }

function input(resolveDir: string, code: string, options: Partial<PackInput> = {}): PackInput {
  return { code, resolveDir, handler: { route: '/f', call: NO_PARAMS }, ...options }
}

function zipEntry(zip: Uint8Array, path: string): string {
  const bytes = unzipSync(zip)[path]
  if (!bytes) throw new Error(`${path} is not in the zip`)
  return Buffer.from(bytes).toString('utf8')
}

function answer(zip: Uint8Array): unknown {
  const result = invokeInFreshNode(unzipToDir(zip), proxyEvent('/f', null))
  if (result.statusCode !== 200) throw new Error(`status ${result.statusCode}: ${result.body}`)
  const json = result.headers?.['content-type']?.startsWith('application/json')
  return json ? JSON.parse(result.body) : result.body
}

async function packError(packInput: PackInput): Promise<PackError> {
  const error: unknown = await pack(packInput).then(
    () => undefined,
    (reason: unknown) => reason,
  )
  if (error instanceof PackError) return error
  throw new Error(`expected a PackError, got ${String(error)}`)
}

describe('tree-shaking', () => {
  it('keeps only the lodash-es functions the module uses', async () => {
    const project = createFixtureProject()
    copyInstalledPackage('lodash-es', join(project, 'node_modules', 'lodash-es'))
    const code = `import { kebabCase } from 'lodash-es'\nexport default () => kebabCase('Hello Big World')\n`

    const artifact = await pack(input(project, code))
    const bundle = zipEntry(artifact.zip, 'index.mjs')

    expect(answer(artifact.zip)).toBe('hello-big-world')
    expect(bundle).toContain('// node_modules/lodash-es/kebabCase.js')
    for (const unused of ['debounce.js', 'cloneDeep.js', 'groupBy.js', 'template.js']) {
      expect(bundle).not.toContain(`node_modules/lodash-es/${unused}`)
    }
    const lodashBytes = artifact.contributors.find((c) => c.name === 'lodash-es')?.bytes ?? 0
    expect(lodashBytes).toBeGreaterThan(0)
    expect(lodashBytes).toBeLessThan(30_000)
  })
})

// pnpm links node_modules/<name> to node_modules/.pnpm/<name>@<version>/node_modules/<name>.
function pnpmProject(root: string, depth: number): string {
  const store = join(root, 'node_modules', '.pnpm', 'is-number@7.0.0', 'node_modules', 'is-number')
  copyInstalledPackage('is-number', store)
  const project = join(root, ...Array.from({ length: depth }, (_, i) => `level${i}`), 'app')
  mkdirSync(join(project, 'node_modules'), { recursive: true })
  symlinkSync(store, join(project, 'node_modules', 'is-number'))
  return project
}

describe('deterministic names', () => {
  it('gives identical bytes for a package behind pnpm symlinks at different depths', () => {
    const code = `import isNumber from 'is-number'\nexport default () => ({ five: isNumber(5) })\n`
    const shallow = pnpmProject(temporaryDir('pnpm-a'), 1)
    const deep = pnpmProject(temporaryDir('pnpm-b'), 3)
    const out = temporaryDir('pnpm-out')

    const a = packInFreshNode(input(shallow, code), shallow, join(out, 'a.zip'))
    const b = packInFreshNode(input(deep, code), out, join(out, 'b.zip'))

    const zip = readFileSync(join(out, 'a.zip'))
    expect(zip.equals(readFileSync(join(out, 'b.zip')))).toBe(true)
    expect(a.hex).toBe(b.hex)
    const bundle = zipEntry(zip, 'index.mjs')
    expect(bundle).toContain('"node_modules/is-number/index.js"(exports, module)')
    expect(bundle).not.toContain('.pnpm')
    expect(JSON.parse(zipEntry(zip, 'index.mjs.map')).sources).toContain(
      'node_modules/is-number/index.js',
    )
    expect(answer(zip)).toEqual({ five: true })
  })
})

describe('CommonJS globals in the ES module bundle', () => {
  it('gives bundled CommonJS code require, __filename and __dirname, beside user bindings of those names', async () => {
    const project = createFixtureProject()
    writePackage(join(project, 'node_modules', 'where-am-i'), {
      'package.json': JSON.stringify({ name: 'where-am-i', version: '1.0.0' }),
      'index.js': `const { basename } = require('node:path')\nmodule.exports = () => [basename(__filename), basename(__dirname) === basename(require('node:path').dirname(__filename))]\n`,
    })
    const code = [
      `import { createRequire } from 'node:module'`,
      `import whereAmI from 'where-am-i'`,
      `const require = createRequire(import.meta.url)`,
      `const __dirname = 'mine'`,
      `export default () => ({ where: whereAmI(), mine: __dirname, os: typeof require('node:os').arch })`,
      '',
    ].join('\n')

    const artifact = await pack(input(project, code))
    expect(answer(artifact.zip)).toEqual({
      where: ['index.mjs', true],
      mine: 'mine',
      os: 'function',
    })
  })

  it('adds no __filename or __dirname code to a bundle that does not use them', async () => {
    const artifact = await pack(input(createFixtureProject(), `export default () => 1\n`))
    const bundle = zipEntry(artifact.zip, 'index.mjs')
    expect(bundle).not.toContain('fileURLToPath')
    expect(answer(artifact.zip)).toBe(1)
  })
})

const READS_OWN_FILE = {
  'package.json': JSON.stringify({
    name: 'reads-own-file',
    version: '2.0.0',
    main: 'index.js',
    dependencies: { 'is-number': '^7.0.0' },
  }),
  'index.js': `const { readFileSync } = require('node:fs')\nconst { join } = require('node:path')\nconst isNumber = require('is-number')\nmodule.exports = () => ({ data: readFileSync(join(__dirname, 'data', 'words.txt'), 'utf8').trim(), isNumber: isNumber('7') })\n`,
  'data/words.txt': 'incredible awesome\n',
}

describe('external packages', () => {
  it('copies an external package with its files and dependencies, and the handler loads it', async () => {
    const project = createFixtureProject()
    writePackage(join(project, 'node_modules', 'reads-own-file'), READS_OWN_FILE)
    const code = `import read from 'reads-own-file'\nexport default () => read()\n`

    const artifact = await pack(input(project, code, { external: ['reads-own-file'] }))
    const paths = artifact.entries.map((entry) => entry.path)

    expect(paths).toContain('node_modules/reads-own-file/data/words.txt')
    expect(paths).toContain('node_modules/is-number/index.js')
    expect(zipEntry(artifact.zip, 'index.mjs')).toContain('from "reads-own-file"')
    expect(answer(artifact.zip)).toEqual({ data: 'incredible awesome', isNumber: true })
    const manifest = JSON.parse(zipEntry(artifact.zip, 'portkey.json'))
    expect(manifest.external).toEqual(['is-number@7.0.0', 'reads-own-file@2.0.0'])
  })

  it('names an external package that is not installed', async () => {
    const error = await packError(
      input(createFixtureProject(), `export default () => 1\n`, { external: ['not-here'] }),
    )
    expect(error.code).toBe('PACKAGE_NOT_FOUND')
    expect(error.message).toMatch(
      /^Package 'not-here' \(listed in external\) is not installed where Node would find it from .*: install it with npm i not-here in /,
    )
  })
})

describe('@aws-sdk', () => {
  function sdkProject(): string {
    const project = createFixtureProject()
    writePackage(join(project, 'node_modules', '@aws-sdk', 'client-fake'), {
      'package.json': JSON.stringify({ name: '@aws-sdk/client-fake', version: '3.0.0' }),
      'index.js': `exports.region = () => 'from-the-bundle'\n`,
    })
    return project
  }
  const code = `import { region } from '@aws-sdk/client-fake'\nexport default () => region()\n`

  it('leaves @aws-sdk/* to the Lambda runtime by default, copying nothing', async () => {
    const artifact = await pack(input(sdkProject(), code))
    const bundle = zipEntry(artifact.zip, 'index.mjs')
    expect(bundle).toContain('from "@aws-sdk/client-fake"')
    expect(bundle).not.toContain('from-the-bundle')
    expect(artifact.entries.map((entry) => entry.path)).toEqual([
      'index.mjs',
      'index.mjs.map',
      'portkey.json',
    ])
  })

  it("bundles @aws-sdk/* with awsSdk: 'bundle'", async () => {
    const artifact = await pack(input(sdkProject(), code, { awsSdk: 'bundle' }))
    expect(answer(artifact.zip)).toBe('from-the-bundle')
  })
})

describe('native addons', () => {
  function nativeProject(): string {
    const project = createFixtureProject()
    writePackage(join(project, 'node_modules', 'fast-thing'), {
      'package.json': JSON.stringify({ name: 'fast-thing', version: '1.0.0' }),
      'index.js': `let native\ntry { native = require(['.', 'build', 'Release', 'fast.node'].join('/')) } catch { native = null }\nmodule.exports = () => (native ? 'native' : 'javascript')\n`,
      'build/Release/fast.node': new Uint8Array([0x7f, 0x45, 0x4c, 0x46]),
    })
    return project
  }
  const code = `import fast from 'fast-thing'\nexport default () => fast()\n`

  it('refuses to bundle a package that carries a .node file, saying how to opt in', async () => {
    const error = await packError(input(nativeProject(), code))
    expect(error.code).toBe('NATIVE_ADDON')
    expect(error.packageName).toBe('fast-thing')
    expect(error.message).toBe(
      "Package 'fast-thing' contains a native addon (node_modules/fast-thing/build/Release/fast.node). A binary built on this machine does not load on Lambda unless it matches Lambda's Linux and architecture. Keep it out of the bundle with external: ['fast-thing'] and, if its binary was built for Lambda's Linux and architecture, pass allowNativeAddons: true; otherwise use a pure JavaScript alternative.",
    )
  })

  it('refuses an external package with a .node file unless allowNativeAddons is set', async () => {
    const project = nativeProject()
    const refused = await packError(input(project, code, { external: ['fast-thing'] }))
    expect(refused.code).toBe('NATIVE_ADDON')
    expect(refused.message).toContain('pass allowNativeAddons: true')

    const artifact = await pack(
      input(project, code, { external: ['fast-thing'], allowNativeAddons: true }),
    )
    expect(artifact.entries.map((entry) => entry.path)).toContain(
      'node_modules/fast-thing/build/Release/fast.node',
    )
  })
})

describe('runtime target', () => {
  it('records the chosen runtime in the manifest and changes the hash with it', async () => {
    const project = createFixtureProject()
    const code = `export default () => 1\n`
    const node20 = await pack(input(project, code, { runtime: 'nodejs20.x' }))
    const node22 = await pack(input(project, code, { runtime: 'nodejs22.x' }))
    expect(JSON.parse(zipEntry(node22.zip, 'portkey.json')).runtime).toBe('nodejs22.x')
    expect(node20.hex).not.toBe(node22.hex)
  })
})
