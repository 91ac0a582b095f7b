// The trivial function every server in this benchmark answers with.
export const hello = (name) => `hello ${name}`
