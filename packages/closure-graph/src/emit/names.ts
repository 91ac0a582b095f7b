import { isIdentifierName } from '../walk/literals.js'

const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends ' +
    'false finally for function if import in instanceof new null return super switch this throw ' +
    'true try typeof var void while with yield let static implements interface package private ' +
    'protected public await async arguments eval undefined NaN Infinity'
  ).split(' '),
)

export function isBindableName(name: string): boolean {
  return isIdentifierName(name) && !RESERVED.has(name)
}

/**
 * Hands out top-level names for the emitted module. Every name any captured source leaves free
 * is taken up front, so a top-level name can never capture a global reference of user code.
 */
export class Names {
  private readonly taken: Set<string>
  /** Where the numbered search for each hint resumes, so many equal hints stay linear. */
  private readonly next = new Map<string, number>()

  constructor(reserved: Iterable<string>) {
    this.taken = new Set(reserved)
  }

  /** `hint` itself when free, else `pk$hint`, `pk$hint2`, ... */
  allocate(hint: string): string {
    const base = sanitize(hint)
    if (isBindableName(base) && this.take(base)) return base
    for (let n = this.next.get(base) ?? 1; ; n++) {
      const candidate = `pk$${base}${n === 1 ? '' : n}`
      if (this.take(candidate)) {
        this.next.set(base, n + 1)
        return candidate
      }
    }
  }

  private take(name: string): boolean {
    if (this.taken.has(name)) return false
    this.taken.add(name)
    return true
  }
}

/** `lodash-es` -> `lodashEs`, `[0]` -> `item0`; always a valid identifier tail. */
function sanitize(hint: string): string {
  const words = hint.split(/[^A-Za-z0-9_$]+/).filter(Boolean)
  const joined = words.map((w, i) => (i === 0 ? w : w[0]!.toUpperCase() + w.slice(1))).join('')
  if (!joined) return 'value'
  return /^\d/.test(joined) ? `item${joined}` : joined
}
