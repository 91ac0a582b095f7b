import MagicString, { Bundle } from 'magic-string'

/** The emitted module as it grows: plain text, plus function sources that carry their map. */
export class Output {
  private readonly bundle = new Bundle({ separator: '' })

  text(text: string): void {
    this.bundle.addSource({ content: new MagicString(text) })
  }

  line(text = ''): void {
    this.text(`${text}\n`)
  }

  source(source: MagicString): void {
    const filename = (source as MagicString & { filename?: string }).filename
    this.bundle.addSource(filename ? { filename, content: source } : { content: source })
  }

  finish(): {
    code: string
    map: { version: number; sources: string[]; mappings: string; names: string[] }
  } {
    const code = this.bundle.toString()
    const map = this.bundle.generateMap({ includeContent: false, hires: 'boundary' })
    return {
      code,
      map: { version: map.version, sources: map.sources, mappings: map.mappings, names: map.names },
    }
  }
}
