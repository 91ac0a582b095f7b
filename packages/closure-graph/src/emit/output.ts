import MagicString, { Bundle } from 'magic-string'

/** The emitted module as it grows: plain text, plus function sources that carry their map. */
export class Output {
  private readonly bundle = new Bundle({ separator: '' })
  /**
   * Plain text not yet added to the bundle. Consecutive texts go in as one MagicString: plain
   * text carries no mappings, and one MagicString per line was most of the emit time.
   */
  private pending = ''

  text(text: string): void {
    this.pending += text
  }

  line(text = ''): void {
    this.text(`${text}\n`)
  }

  source(source: MagicString): void {
    this.flush()
    const filename = (source as MagicString & { filename?: string }).filename
    this.bundle.addSource(filename ? { filename, content: source } : { content: source })
  }

  finish(): {
    code: string
    map: { version: number; sources: string[]; mappings: string; names: string[] }
  } {
    this.flush()
    const code = this.bundle.toString()
    const map = this.bundle.generateMap({ includeContent: false, hires: 'boundary' })
    return {
      code,
      map: { version: map.version, sources: map.sources, mappings: map.mappings, names: map.names },
    }
  }

  private flush(): void {
    if (this.pending === '') return
    this.bundle.addSource({ content: new MagicString(this.pending) })
    this.pending = ''
  }
}
