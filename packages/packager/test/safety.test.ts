import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { pack, PackError } from '../src/index.js'
import type { PackInput } from '../src/index.js'
import { createFixtureProject, removeTemporaryDirs, writePackage } from './fixtures.js'

afterAll(() => {
  removeTemporaryDirs()
})

const NO_PARAMS = { kind: 'positional' as const, params: [] }

function input(resolveDir: string, code: string, options: Partial<PackInput> = {}): PackInput {
  return { code, resolveDir, handler: { route: '/f', call: NO_PARAMS }, ...options }
}

async function packError(packInput: PackInput): Promise<PackError> {
  const error: unknown = await pack(packInput).then(
    () => undefined,
    (reason: unknown) => reason,
  )
  if (error instanceof PackError) return error
  throw new Error(`expected a PackError, got ${String(error)}`)
}

const FAKE_KEY = ['-----BEGIN RSA PRIVATE KEY-----', 'MIIBOgIBAAJBAKj34GkxFhD9', ''].join('\n')

/** An external package holding `extra` beside its index.js. */
async function refusalFor(extra: Record<string, string>): Promise<PackError> {
  const project = createFixtureProject()
  writePackage(join(project, 'node_modules', 'leaky'), {
    'package.json': JSON.stringify({ name: 'leaky', version: '1.0.0' }),
    'index.js': 'module.exports = 1\n',
    ...extra,
  })
  const code = `import leaky from 'leaky'\nexport default () => leaky\n`
  return packError(input(project, code, { external: ['leaky'] }))
}

describe('files that never go into a zip', () => {
  it('refuses a .env file', async () => {
    const error = await refusalFor({ '.env': 'TOKEN=secret\n' })
    expect(error.code).toBe('FORBIDDEN_FILE')
    expect(error.message).toBe(
      "Refusing to pack 'node_modules/leaky/.env': a .env file holds secrets. Secrets must not travel in an artifact; remove the file from the package or stop importing it, and pass secrets to the function as environment variables at mount time.",
    )
  })

  it('accepts a .env.example template', async () => {
    const project = createFixtureProject()
    writePackage(join(project, 'node_modules', 'documented'), {
      'package.json': JSON.stringify({ name: 'documented', version: '1.0.0' }),
      'index.js': 'module.exports = 1\n',
      '.env.example': 'TOKEN=\n',
    })
    const code = `import documented from 'documented'\nexport default () => documented\n`
    const artifact = await pack(input(project, code, { external: ['documented'] }))
    expect(artifact.entries.map((entry) => entry.path)).toContain(
      'node_modules/documented/.env.example',
    )
  })

  it('refuses anything inside a .git directory', async () => {
    const error = await refusalFor({ '.git/config': '[core]\n' })
    expect(error.message).toMatch(
      /^Refusing to pack 'node_modules\/leaky\/.git\/config': it is inside a .git directory\. /,
    )
  })

  it('refuses a file from an .aws directory imported by the function', async () => {
    const project = createFixtureProject()
    writePackage(join(project, '.aws'), { 'credentials.js': `export default 'profile'\n` })
    const code = `import profile from './.aws/credentials.js'\nexport default () => profile\n`
    const error = await packError(input(project, code))
    expect(error.code).toBe('FORBIDDEN_FILE')
    expect(error.message).toMatch(
      /^Refusing to pack '.aws\/credentials.js': it is inside an .aws directory, where AWS keeps credentials\. /,
    )
  })

  it('refuses a private key by its name and by its content', async () => {
    const byName = await refusalFor({ 'certs/server.pem': 'not really a key\n' })
    expect(byName.message).toMatch(
      /^Refusing to pack 'node_modules\/leaky\/certs\/server.pem': its name is that of a private key or certificate store\. /,
    )
    const byContent = await refusalFor({ 'fixtures/deploy.txt': FAKE_KEY })
    expect(byContent.message).toMatch(
      /^Refusing to pack 'node_modules\/leaky\/fixtures\/deploy.txt': it contains a private key\. /,
    )
  })
})

describe('credential-looking strings', () => {
  it('warns about an AWS access key id captured in the function, without repeating it', async () => {
    const key = ['AKIA', 'Z7QXW3PLMN4RT2VB'].join('')
    const code = `const key = '${key}'\nexport default () => key.length\n`
    const artifact = await pack(input(createFixtureProject(), code))

    expect(artifact.warnings).toHaveLength(1)
    expect(artifact.warnings[0]).toMatch(
      /^index\.mjs:\d+ \(from portkey:function\): a string that looks like a AWS access key id \(AKIA…\) is in the artifact\. /,
    )
    expect(artifact.warnings.join('\n')).not.toContain(key)
  })

  it('warns about a private key header and a GitHub token, but not about AWS documentation keys', async () => {
    const token = ['ghp', '_', 'a'.repeat(36)].join('')
    const code = [
      `const pem = ${JSON.stringify(FAKE_KEY)}`,
      `const token = '${token}'`,
      `const example = 'AKIAIOSFODNN7EXAMPLE'`,
      `export default () => pem + token + example`,
      '',
    ].join('\n')
    const artifact = await pack(input(createFixtureProject(), code))
    const kinds = artifact.warnings.map((warning) => /looks like a (.+?) \(/.exec(warning)?.[1])
    expect(kinds.sort()).toEqual(['GitHub token', 'private key'])
  })

  it('gives no warnings for an ordinary function', async () => {
    const code = `export default () => 'hello'\n`
    expect((await pack(input(createFixtureProject(), code))).warnings).toEqual([])
  })
})

describe('size limits', () => {
  const code = `import isNumber from 'is-number'\nexport default () => isNumber(1)\n`

  it('fails over the unzipped limit, naming the limit, the excess and the biggest packages', async () => {
    const error = await packError(
      input(createFixtureProject(), code, { sizeLimits: { unzipped: 1000 } }),
    )
    expect(error.code).toBe('SIZE_LIMIT_UNZIPPED')
    expect(error.message).toMatch(
      /^The artifact is [\d.]+ KiB unzipped, [\d.]+ KiB over Lambda's limit for unzipped code \(1000 B\)\. Biggest contributors \(unzipped\): \(portkey runtime\) [\d.]+ KiB, .*is-number [\d.]+ (B|KiB)/,
    )
  })

  it('fails over the zipped limit', async () => {
    const error = await packError(
      input(createFixtureProject(), code, { sizeLimits: { zipped: 2000 } }),
    )
    expect(error.code).toBe('SIZE_LIMIT_ZIPPED')
    expect(error.message).toContain("over Lambda's limit for a zip uploaded directly (2.0 KiB)")
  })

  it('reports the unzipped size and its contributors on success', async () => {
    const artifact = await pack(input(createFixtureProject(), code))
    const total = artifact.entries.reduce((sum, entry) => sum + entry.size, 0)
    expect(artifact.unzippedSize).toBe(total)
    expect(artifact.contributors.reduce((sum, c) => sum + c.bytes, 0)).toBe(total)
    expect(artifact.contributors.map((c) => c.name)).toContain('is-number')
  })
})
