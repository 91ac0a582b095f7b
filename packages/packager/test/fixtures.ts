/** Fixture projects on disk and fresh node processes, shared by the packager tests. */
import { execFileSync, spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { unzipSync } from 'fflate'

const require = createRequire(import.meta.url)
export const PACKAGER_DIST = fileURLToPath(new URL('../dist/index.js', import.meta.url))
export const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url))

const temporaryDirs: string[] = []

export function temporaryDir(prefix: string): string {
  const directory = realpathSync(mkdtempSync(join(tmpdir(), `portkey-${prefix}-`)))
  temporaryDirs.push(directory)
  return directory
}

export function removeTemporaryDirs(): void {
  for (const directory of temporaryDirs.splice(0))
    rmSync(directory, { recursive: true, force: true })
}

// A CommonJS package that requires a node built-in at load time: bundled into ESM, this only works
// when the bundle defines `require`.
const CJS_PACKAGE = {
  'package.json': JSON.stringify({ name: 'path-shout', version: '1.0.0', main: 'index.js' }),
  'index.js': `const path = require('node:path')\nmodule.exports = (file) => path.basename(file).toUpperCase()\n`,
}

/** A project directory with real copies (no symlinks) of is-number and a CommonJS package. */
export function createFixtureProject(): string {
  const project = temporaryDir('fixture')
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'fixture', private: true }))
  copyInstalledPackage('is-number', join(project, 'node_modules', 'is-number'))
  writePackage(join(project, 'node_modules', 'path-shout'), CJS_PACKAGE)
  return project
}

/** Copies a package this test suite has installed (following pnpm's symlinks) to `target`. */
export function copyInstalledPackage(name: string, target: string): void {
  const source = dirname(realpathSync(require.resolve(`${name}/package.json`)))
  cpSync(source, target, { recursive: true, dereference: true })
}

/** Writes a package directory from `relative path -> text or bytes`. */
export function writePackage(directory: string, files: Record<string, string | Uint8Array>): void {
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(directory, name)), { recursive: true })
    writeFileSync(join(directory, name), content)
  }
}

export function copyProject(project: string): string {
  const copy = temporaryDir('copy')
  cpSync(project, copy, { recursive: true })
  return copy
}

/** Unzips with fflate into a fresh directory and returns it. */
export function unzipToDir(zip: Uint8Array): string {
  const directory = temporaryDir('unzipped')
  for (const [path, bytes] of Object.entries(unzipSync(zip))) {
    mkdirSync(dirname(join(directory, path)), { recursive: true })
    writeFileSync(join(directory, path), bytes)
  }
  return directory
}

// Runs in a fresh node process: imports the unzipped index.mjs like Lambda's Node runtime does and
// calls handler(event, context) once.
const INVOKE_SCRIPT = `
const [moduleUrl, eventJson] = process.argv.slice(1)
const { handler } = await import(moduleUrl)
const context = { awsRequestId: 'req-fresh', functionName: 'fixture', getRemainingTimeInMillis: () => 3000 }
const result = await handler(JSON.parse(eventJson), context)
process.stdout.write(JSON.stringify(result))
`

export interface InvokeResult {
  statusCode: number
  headers?: Record<string, string>
  body: string
  isBase64Encoded?: boolean
}

export function invokeInFreshNode(directory: string, event: object): InvokeResult {
  return invokeWithLogs(directory, event).result
}

/** Also returns what the handler wrote to stderr: Lambda's log stream. */
export function invokeWithLogs(directory: string, event: object, nodeFlags: string[] = []) {
  const moduleUrl = pathToFileURL(join(directory, 'index.mjs')).href
  const script = ['--input-type=module', '-e', INVOKE_SCRIPT, moduleUrl, JSON.stringify(event)]
  const args = [...nodeFlags, ...script]
  const run = spawnSync(process.execPath, args, { cwd: directory, encoding: 'utf8' })
  if (run.status !== 0) throw new Error(`handler process failed (${run.status}): ${run.stderr}`)
  return { result: JSON.parse(run.stdout) as InvokeResult, logs: run.stderr }
}

// Packs in a fresh node process with `cwd` as its working directory and writes the zip to `out`.
const PACK_SCRIPT = `
const [packagerUrl, inputJson, out] = process.argv.slice(1)
const { writeFileSync } = await import('node:fs')
const { pack } = await import(packagerUrl)
const artifact = await pack(JSON.parse(inputJson))
writeFileSync(out, artifact.zip)
process.stdout.write(JSON.stringify({ sha256: artifact.sha256, hex: artifact.hex }))
`

export function packInFreshNode(
  input: object,
  cwd: string,
  out: string,
): { sha256: string; hex: string } {
  const args = [
    '--input-type=module',
    '-e',
    PACK_SCRIPT,
    pathToFileURL(PACKAGER_DIST).href,
    JSON.stringify(input),
    out,
  ]
  return JSON.parse(execFileSync(process.execPath, args, { cwd, encoding: 'utf8' }))
}

export { proxyEvent } from '@portkey/runtime/testing'
