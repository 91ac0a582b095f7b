import { connectToServe, MountStore } from '@portkey/backend-local'
import type { Deployment } from '@portkey/core'
import { stateDirOf } from '../state-dir.js'
import { awsBackend, type AwsTargetArgs } from './aws-target.js'

export interface LsArgs extends AwsTargetArgs {
  backend: string
  stateDir?: string
  json: boolean
}

/** `portkey ls`: the mounts of the running server, or those recorded on disk when none runs. */
export async function lsCommand(args: LsArgs): Promise<number> {
  if (args.backend === 'aws') return print((await awsBackend(args).list()).map(row), args.json)

  const stateDir = stateDirOf(args.stateDir)
  const client = await connectToServe(stateDir)
  if (client !== null) return print((await client.list()).map(row), args.json)

  const records = await new MountStore(stateDir).records()
  for (const { error } of records) {
    if (error !== undefined) process.stderr.write(`portkey: ${error.code}: ${error.message}\n`)
  }
  const rows = records.flatMap(({ name, record }) =>
    record === null ? [] : [{ name, route: record.route, url: '(not served)' }],
  )
  if (rows.length > 0) {
    process.stderr.write(
      `portkey: no server running for ${stateDir}; \`portkey serve\` serves these\n`,
    )
  }
  return print(rows, args.json)
}

interface Row {
  name: string
  route: string
  url: string
}

function row(deployment: Deployment): Row {
  return { name: deployment.name, route: deployment.route, url: deployment.url }
}

function print(rows: Row[], json: boolean): number {
  if (json) {
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`)
    return 0
  }
  const width = Math.max(4, ...rows.map((r) => r.name.length))
  const routeWidth = Math.max(5, ...rows.map((r) => r.route.length))
  for (const r of rows) {
    process.stdout.write(`${r.name.padEnd(width)}  ${r.route.padEnd(routeWidth)}  ${r.url}\n`)
  }
  process.stderr.write(`portkey: ${rows.length} mount(s)\n`)
  return 0
}
