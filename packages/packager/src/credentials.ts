/**
 * Warns about string literals in the bundle that look like credentials. A captured value is
 * packed as it was at capture time, so a key read from the environment into a variable the
 * function closes over ends up in the zip as text. These are warnings, not errors: public keys,
 * test fixtures and documentation examples look the same.
 */

interface CredentialPattern {
  kind: string
  pattern: RegExp
}

// The documented formats of common credentials. Each match is reported with most of its text
// hidden, so the warning itself does not leak the secret into logs.
const PATTERNS: CredentialPattern[] = [
  { kind: 'AWS access key id', pattern: /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/g },
  { kind: 'private key', pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----/g },
  { kind: 'GitHub token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_\w{82})\b/g },
  { kind: 'Slack token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}\b/g },
  { kind: 'Stripe secret key', pattern: /\b[sr]k_live_[A-Za-z0-9]{20,}\b/g },
  { kind: 'Google API key', pattern: /\bAIza[A-Za-z0-9_-]{35}\b/g },
  { kind: 'npm token', pattern: /\bnpm_[A-Za-z0-9]{36}\b/g },
  {
    kind: 'JSON Web Token',
    pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g,
  },
]

// AWS's documentation uses keys ending in EXAMPLE; SDKs and their tests carry them.
const DOCUMENTED_EXAMPLE = /EXAMPLE/

/** One warning per match: `file:line: looks like a <kind> (AKIA…): ...`. */
export function scanForCredentials(file: string, text: string): string[] {
  const warnings: string[] = []
  for (const { kind, pattern } of PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      if (DOCUMENTED_EXAMPLE.test(match[0])) continue
      const where = `${file}:${lineOf(text, match.index)}${moduleAt(text, match.index)}`
      const shown = `${match[0].slice(0, 4)}…`
      warnings.push(
        `${where}: a string that looks like a ${kind} (${shown}) is in the artifact. If it is a real secret, do not capture it: read it inside the function from an environment variable set at mount time.`,
      )
    }
  }
  return warnings
}

function lineOf(text: string, index: number): number {
  let line = 1
  for (let at = text.indexOf('\n'); at !== -1 && at < index; at = text.indexOf('\n', at + 1)) line++
  return line
}

// An unminified bundle names each module in a `// name` comment line above its code.
function moduleAt(text: string, index: number): string {
  const before = text.slice(0, index)
  const comments = [...before.matchAll(/^\/\/ (\S+)$/gm)]
  const last = comments.at(-1)?.[1]
  return last === undefined ? '' : ` (from ${last})`
}
