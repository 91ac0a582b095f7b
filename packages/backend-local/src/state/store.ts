import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { readdir, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { ArtifactRef, DeployInput } from '@portkey/backend'
import { stateArtifactMissing, stateCorrupted, type LocalBackendError } from '../diagnostics.js'
import { writeFileAtomic } from './atomic.js'

/** What is kept of one mount: everything needed to deploy it again, except the zip itself. */
export interface MountRecord {
  format: 1
  name: string
  route: string
  handler: string
  sha256: string
  hex: string
  environment: Record<string, string>
  timeoutSeconds: number
  memoryMb: number
}

/** A record read back from disk: a deploy input ready to go, or why it cannot be one. */
export type StoredMount =
  { name: string; input: DeployInput } | { name: string; error: LocalBackendError }

/**
 * Mounts on disk: `mounts/<name>.json` per mount (so a damaged record costs only its own mount)
 * and `artifacts/<hex>.zip`, named by content hash and shared by mounts with the same code.
 *
 * Known shortcoming: a zip stays in `artifacts/` after the last mount using it is removed (as
 * does its unpacked directory); nothing collects them yet. Delete the directory to reclaim space.
 */
export class MountStore {
  constructor(private readonly stateDir: string) {}

  /** Saves the zip first and the record second, so a record never names a missing zip. */
  async save(record: MountRecord, zip: Uint8Array): Promise<void> {
    const zipPath = this.zipPath(record.hex)
    if (!existsSync(zipPath)) await writeFileAtomic(zipPath, zip)
    await writeFileAtomic(this.recordPath(record.name), `${JSON.stringify(record, null, 2)}\n`)
  }

  async delete(name: string): Promise<void> {
    await rm(this.recordPath(name), { force: true })
  }

  /** Every record in the state directory, read and checked one by one. */
  async load(): Promise<StoredMount[]> {
    const files = await this.recordFiles()
    return Promise.all(files.map(({ name, path }) => this.loadOne(path, name)))
  }

  /** The records alone, without reading the zips: what `portkey ls` shows with no server. */
  async records(): Promise<
    Array<{ name: string; record: MountRecord | null; error?: LocalBackendError }>
  > {
    const files = await this.recordFiles()
    return Promise.all(
      files.map(async ({ name, path }) => {
        try {
          return { name, record: parseRecord(await readFile(path, 'utf8'), name, path) }
        } catch (error: unknown) {
          if (isStateError(error)) return { name, record: null, error }
          throw error
        }
      }),
    )
  }

  private async recordFiles(): Promise<Array<{ name: string; path: string }>> {
    const dir = join(this.stateDir, 'mounts')
    if (!existsSync(dir)) return []
    const files = (await readdir(dir)).filter((file) => file.endsWith('.json')).sort()
    return files.map((file) => ({ name: file.slice(0, -5), path: join(dir, file) }))
  }

  private async loadOne(path: string, name: string): Promise<StoredMount> {
    try {
      const record = parseRecord(await readFile(path, 'utf8'), name, path)
      const artifact = await this.readArtifact(record, path)
      return { name, input: toDeployInput(record, artifact) }
    } catch (error: unknown) {
      if (isStateError(error)) return { name, error }
      throw error
    }
  }

  private async readArtifact(record: MountRecord, recordPath: string): Promise<ArtifactRef> {
    const zipPath = this.zipPath(record.hex)
    if (!existsSync(zipPath)) throw stateArtifactMissing(record.name, zipPath, recordPath)
    const zip = new Uint8Array(await readFile(zipPath))
    const hex = createHash('sha256').update(zip).digest('hex')
    if (hex !== record.hex) {
      throw stateCorrupted(zipPath, `its bytes hash to ${hex}, not ${record.hex}`)
    }
    return { zip, sha256: record.sha256, hex: record.hex, handler: record.handler }
  }

  private recordPath(name: string): string {
    return join(this.stateDir, 'mounts', `${name}.json`)
  }

  private zipPath(hex: string): string {
    return join(this.stateDir, 'artifacts', `${hex}.zip`)
  }
}

/** Checks every field, since a record may have been cut short or edited by hand. */
function parseRecord(text: string, name: string, path: string): MountRecord {
  let value: Partial<MountRecord>
  try {
    value = JSON.parse(text) as Partial<MountRecord>
  } catch (cause: unknown) {
    throw stateCorrupted(path, `it is not valid JSON (${(cause as Error).message})`)
  }
  const problem = recordProblem(value, name)
  if (problem !== null) throw stateCorrupted(path, problem)
  return value as MountRecord
}

function recordProblem(value: Partial<MountRecord>, name: string): string | null {
  if (typeof value !== 'object' || value === null) return 'it is not a JSON object'
  if (value.format !== 1) return `its \`format\` is ${String(value.format)}, expected 1`
  if (value.name !== name) return `its \`name\` does not match its file name '${name}.json'`
  for (const key of ['route', 'handler', 'sha256', 'hex'] as const) {
    if (typeof value[key] !== 'string') return `its \`${key}\` is missing or not a string`
  }
  if (!/^[0-9a-f]{64}$/.test(value.hex ?? '')) return 'its `hex` is not a SHA-256 in hex'
  if (typeof value.environment !== 'object' || value.environment === null) {
    return 'its `environment` is missing'
  }
  if (typeof value.timeoutSeconds !== 'number' || typeof value.memoryMb !== 'number') {
    return 'its `timeoutSeconds` or `memoryMb` is missing'
  }
  return null
}

function toDeployInput(record: MountRecord, artifact: ArtifactRef): DeployInput {
  return {
    name: record.name,
    route: record.route,
    artifact,
    environment: record.environment,
    timeoutSeconds: record.timeoutSeconds,
    memoryMb: record.memoryMb,
  }
}

function isStateError(error: unknown): error is LocalBackendError {
  const code = (error as { code?: unknown } | null)?.code
  return code === 'STATE_CORRUPTED' || code === 'STATE_ARTIFACT_MISSING'
}
