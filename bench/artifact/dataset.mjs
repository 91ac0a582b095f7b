// A deterministic table of products, the kind of reference data people capture in a closure
// (a price list, a lookup table) instead of reading it from a database.
const COLOURS = ['red', 'green', 'blue', 'black', 'white', 'silver']

export function makeRows(count) {
  const rows = []
  let seed = 42
  for (let id = 0; id < count; id++) {
    // A small linear congruential generator: the same rows in every run.
    seed = (seed * 1103515245 + 12345) % 2147483648
    rows.push({
      id,
      sku: `SKU-${String(id).padStart(6, '0')}`,
      colour: COLOURS[seed % COLOURS.length],
      price: (seed % 100000) / 100,
      stock: seed % 500,
    })
  }
  return rows
}

export const ROW_COUNT = 5000
