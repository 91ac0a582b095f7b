// The functions the benchmark captures with buildArtifact(), as a user would write them.
import isNumber from 'is-number'
import { camelCase, chunk, kebabCase } from 'lodash-es'
import ms from 'ms'
import { makeRows, ROW_COUNT } from './dataset.mjs'

export const trivial = (name) => `hello ${name}`

export const onePackage = (text) => kebabCase(text)

export const severalPackages = (text, duration) => ({
  camel: camelCase(text),
  ms: ms(duration),
  numeric: isNumber(duration),
  pairs: chunk(text.split(' '), 2),
})

const rows = makeRows(ROW_COUNT)

export const dataset = (id) => rows[Number(id)] ?? null
