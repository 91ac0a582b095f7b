// bench/artifact: zip size and cold start of Portkey artifacts against the same logic written by
// hand and bundled by esbuild with the same settings, measured side by side in one run.
// Run with `node bench/artifact/run.mjs` after `npm run build`.
import { rmSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { serialize } from '@portkey/closure-graph'
import { buildArtifact } from '@portkey/core'
import { pack } from '@portkey/packager'
import { proxyEvent } from '@portkey/runtime/testing'
import { unzipSync } from 'fflate'
import { machine, writeSection } from '../results.mjs'
import { makeRows, ROW_COUNT } from './dataset.mjs'
import * as functions from './functions.mjs'
import { packHandwritten } from './handwritten.mjs'
import { coldStart, compareColdStarts, unzipToTemp } from './measure.mjs'

const RUNS = Number(process.env.BENCH_RUNS ?? 15)
const TARGET = { size: 1.05, coldStart: 1.1 }

const CASES = [
  { name: 'trivial', route: '/hello?name={name}', query: { name: 'Rich' } },
  { name: 'onePackage', route: '/kebab?text={text}', query: { text: 'Hello Big World' } },
  {
    name: 'severalPackages',
    route: '/several?text={text}&duration={duration}',
    query: { text: 'hello big wide world', duration: '2 days' },
  },
  { name: 'dataset', route: '/row?id={id}', query: { id: '4321' } },
]

const SETTINGS = [
  { label: 'default (source map)', minify: false, sourceMap: true },
  { label: 'minified, no map', minify: true, sourceMap: false },
]

/** The default artifact is buildArtifact()'s; other settings re-pack the same capture. */
async function portkeyZip(benchCase, setting) {
  const fn = functions[benchCase.name]
  const { artifact, name } = await buildArtifact(fn, benchCase.route)
  if (!setting.minify && setting.sourceMap) return artifact.zip

  const manifest = JSON.parse(Buffer.from(unzipSync(artifact.zip)['portkey.json']).toString())
  const { code, map, graph } = await serialize(fn, { name })
  const handler = { route: manifest.route, call: manifest.call }
  const repacked = await pack({ code, map, resolveDir: graph.resolveDir, handler, ...setting })
  return repacked.zip
}

async function measureCase(benchCase, setting) {
  const { label: _label, ...options } = setting
  const portkey = await portkeyZip(benchCase, options)
  const hand = await packHandwritten(benchCase.name, options)
  const portkeyDir = unzipToTemp(portkey, 'portkey')
  const handDir = unzipToTemp(hand, 'hand')

  // Both must give the same answer, or the comparison is between different programs.
  const event = proxyEvent('/bench', benchCase.query)
  const answers = [coldStart(portkeyDir, event), coldStart(handDir, event)]
  if (answers[0].body !== answers[1].body || answers[0].statusCode !== 200) {
    throw new Error(`${benchCase.name}: answers differ: ${JSON.stringify(answers)}`)
  }

  const cold = compareColdStarts(portkeyDir, handDir, event, RUNS)
  for (const directory of [portkeyDir, handDir]) rmSync(directory, { recursive: true })
  return { portkeySize: portkey.byteLength, handSize: hand.byteLength, ...cold }
}

function ratio(a, b) {
  return (a / b).toFixed(2)
}

function row(benchCase, setting, result) {
  const sizeRatio = ratio(result.portkeySize, result.handSize)
  const coldRatio = ratio(result.portkey, result.hand)
  return [
    benchCase.name,
    setting.label,
    result.portkeySize,
    result.handSize,
    `${sizeRatio}x${Number(sizeRatio) <= TARGET.size ? '' : ' (over)'}`,
    result.portkey.toFixed(1),
    result.hand.toFixed(1),
    `${coldRatio}x${Number(coldRatio) <= TARGET.coldStart ? '' : ' (over)'}`,
  ]
}

const HEADER = [
  'function',
  'settings',
  'portkey zip (B)',
  'hand zip (B)',
  'size ratio',
  'portkey cold (ms)',
  'hand cold (ms)',
  'cold ratio',
]

async function main() {
  const rowsFile = fileURLToPath(new URL('./handwritten/rows.json', import.meta.url))
  writeFileSync(rowsFile, JSON.stringify(makeRows(ROW_COUNT)))

  const rows = []
  for (const benchCase of CASES) {
    for (const setting of SETTINGS) {
      rows.push(row(benchCase, setting, await measureCase(benchCase, setting)))
      process.stderr.write(`  ${rows.at(-1).join('  ')}\n`)
    }
  }

  const table = [HEADER, HEADER.map(() => '---'), ...rows].map(
    (cells) => `| ${cells.join(' | ')} |`,
  )
  process.stdout.write(`${table.join('\n')}\n`)
  writeSection('artifact', report(table, await adapterCost()))
}

/** What every artifact carries besides the function: the runtime adapter, unzipped bytes. */
async function adapterCost() {
  const { artifact } = await buildArtifact(functions.trivial, CASES[0].route)
  const bytes = (name) => artifact.contributors.find((c) => c.name === name)?.bytes ?? 0
  return { runtime: bytes('(portkey runtime)'), map: bytes('(source map)'), zip: artifact.size }
}

function report(table, adapter) {
  return [
    '## artifact: zip size and cold start against a hand-written handler',
    '',
    machine(),
    '',
    `Each function is captured with \`buildArtifact(fn, route)\` and compared with the same logic written by hand as a handler file (\`bench/artifact/handwritten/\`), bundled by esbuild with the same settings and zipped by the same zipper. Cold start: a fresh \`node\` imports the unzipped \`index.mjs\` and answers one event, timed in the process; median of ${RUNS} alternating runs. Targets: size at most ${TARGET.size}x, cold start at most ${TARGET.coldStart}x.`,
    '',
    ...table,
    '',
    '### Why the targets are missed (measured, not guessed)',
    '',
    `- **Fixed adapter cost.** Every artifact carries the runtime adapter (argument reading and its 400 messages, 500 handling, results as text, JSON, bytes or a passed-through Fetch \`Response\`), specialised when packing: the route is parsed and checked against the call shape at pack time, so the zip holds no route parser and none of its messages, and only the converters of the route's placeholder types (the path matcher only for path placeholders) are bundled. For the trivial function that is ${adapter.runtime} B of the bundle, plus most of the ${adapter.map} B source map, unzipped; the whole trivial artifact is ${adapter.zip} B zipped (with the whole runtime it was 12669 B, 11767 B and 7885 B). The hand-written handlers do only what these four functions need (about 20 lines of glue: one fixed 400 message, no bytes, \`Response\` or error-status handling). This is a constant, so the size ratio falls as the function grows; what remains is behaviour the hand-written handlers lack, so small functions stay over 1.05x unless that behaviour is given up.`,
    '- **Cold start.** At load the adapter touches neither the global `Response` (on Node 20 that loads undici, about 24 ms; a returned Response is recognised by its shape) nor `node:http` (about 3 ms; its status texts are loaded only when an error needs one). What remains is parsing the adapter itself, the difference in the trivial rows above.',
    "- **Captured dataset.** Plain data reached once is emitted inline as literals inside its parent, so the 5000-row dataset travels at about the size of the hand-written handler's JSON (the dataset rows above); no gap remains there.",
  ].join('\n')
}

await main()
