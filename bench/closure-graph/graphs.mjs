// The graphs the benchmark captures. Each builder returns the function to capture and, for pure
// data graphs, the data itself (to compare the output size with its JSON.stringify size).

/** A chain of n functions, each calling the one before it. */
function chain(n) {
  let f = (x) => x
  for (let i = 1; i < n; i++) {
    const previous = f
    f = (x) => previous(x) + 1
  }
  return { fn: f }
}

/** One object with n number-valued keys. */
function wide(n) {
  const data = {}
  for (let i = 0; i < n; i++) data[`key${i}`] = i
  return { fn: () => data, data }
}

/** n objects nested inside one another. */
function deep(n) {
  let data = { leaf: true }
  for (let i = 1; i < n; i++) data = { level: i, child: data }
  return { fn: () => data, data }
}

/** Records with arrays and nested objects, and a helper function every 50 records. */
function mix(n) {
  const records = []
  const helpers = []
  for (let i = 0; records.length * 4 + helpers.length < n; i++) {
    records.push({ id: i, name: `item ${i}`, tags: ['a', 'b'] })
    if (i % 50 === 0) helpers.push((x) => x + i)
  }
  return { fn: () => [records.length, helpers.reduce((sum, h) => h(sum), 0)] }
}

/**
 * A function leaning on a package namespace and a node built-in, as real handlers do. Its module
 * is loaded only for this graph: lodash-es brings 600 modules that would make every other graph's
 * process bigger.
 */
async function packageHeavy() {
  const { packageHeavy } = await import('./package-graph.mjs')
  return packageHeavy()
}

export const GRAPHS = { chain, wide, deep, mix, package: packageHeavy }
