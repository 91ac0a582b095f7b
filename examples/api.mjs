// Functions for the README's command-line examples:
//   npm run portkey -- mount examples/api.mjs#flatter '/hello?name={name}'
const words = ['incredible', 'awesome', 'fantastic']

export const flatter = (name) => `${name} is ${words[Math.floor(Math.random() * words.length)]}`

export function add(a, b) {
  return { sum: a + b }
}
