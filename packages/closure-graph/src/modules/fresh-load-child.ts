// The fresh process of the configured-package check (see configured.ts): it loads each source
// anew, prints it, and loads the ones that differ from the live prints a second time in a worker
// thread (its own module caches), so that values a package computes at each load can be told
// apart from the user's changes. It also runs as that worker.
import { readFileSync, writeSync } from 'node:fs'
import { createRequire } from 'node:module'
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads'
import { fingerprintOf, type Fingerprint } from './fingerprint.js'
import type { FreshAnswer, FreshRequest } from './fresh-load.js'
import type { FreshSource } from './live-packages.js'

type Prints = Array<Fingerprint | null>

/** The descriptor the parent reads the answer from. */
const ANSWER_FD = 3

if (isMainThread) await answer()
else parentPort?.postMessage(await loadAll(workerData as WorkerRequest))

async function answer(): Promise<void> {
  silence()
  const request = JSON.parse(readFileSync(0, 'utf8')) as FreshRequest
  const first = await loadAll(request)

  const differing = request.sources.map(
    (_, index) => first[index] !== null && !samePrint(first[index], request.live[index]),
  )
  const again = differing.some(Boolean) ? await loadInWorker(request, differing) : undefined
  const second = first.map((_, index) => (differing[index] && again?.[index]) || null)

  const result: FreshAnswer = { first, second }
  writeSync(ANSWER_FD, JSON.stringify(result))
  // Packages may leave timers or sockets open: they must not keep this process until the timeout.
  process.exit(0)
}

/** What the worker is asked: null for the sources it need not load again. */
interface WorkerRequest {
  sources: Array<FreshSource | null>
  argv: string[]
}

async function loadAll({ sources, argv }: WorkerRequest): Promise<Prints> {
  process.argv = argv
  const prints: Prints = []
  for (const source of sources) prints.push(source ? await printOf(source) : null)
  return prints
}

async function printOf(source: FreshSource): Promise<Fingerprint | null> {
  try {
    const root: unknown =
      source.format === 'require'
        ? createRequire(source.location)(source.location)
        : await import(source.location)
    return fingerprintOf(root)
  } catch {
    // This copy does not load on its own: nothing to compare it with.
    return null
  }
}

/** The same sources in a worker thread; only those that differed are loaded there. */
function loadInWorker(request: FreshRequest, differing: boolean[]): Promise<Prints | undefined> {
  const sources = request.sources.map((source, index) => (differing[index] ? source : null))
  const data: WorkerRequest = { sources, argv: request.argv }
  return new Promise((resolve) => {
    const worker = new Worker(new URL(import.meta.url), {
      workerData: data,
      stdout: true,
      stderr: true,
    })
    worker.stdout.resume()
    worker.stderr.resume()
    worker.once('message', (prints: Prints) => resolve(prints))
    worker.once('error', () => resolve(undefined))
    worker.once('exit', () => resolve(undefined))
  })
}

function samePrint(a: Fingerprint | null | undefined, b: Fingerprint | null | undefined) {
  return JSON.stringify(a) === JSON.stringify(b)
}

/**
 * The terminal is shared with the capturing process (see fresh-load.ts): nothing a package logs
 * while loading here may reach it, and an error it throws later must not be printed either.
 */
function silence(): void {
  const quiet = (() => true) as typeof process.stdout.write
  process.stdout.write = quiet
  process.stderr.write = quiet
  process.on('uncaughtException', ignore)
  process.on('unhandledRejection', ignore)
}

function ignore(): void {
  // See silence(): the answer on fd 3 is all this process reports.
}
