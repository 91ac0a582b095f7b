// The example from the README: mount a live function on the local backend, call its URL, and
// print the answer. Run it with `npm run demo` from the repository root.
import { close, mount } from '@portkey/core'

const flatter = (name) =>
  `${name} is ${['incredible', 'awesome', 'fantastic'][Math.floor(Math.random() * 3)]}`

const { url } = await mount(flatter, '/hello?name={name}')
const response = await fetch(`${url}?name=Rich`)
const answer = await response.text()

console.log(answer)
console.log(`(served by ${url}, HTTP ${response.status})`)
await close()
if (!response.ok) process.exitCode = 1
