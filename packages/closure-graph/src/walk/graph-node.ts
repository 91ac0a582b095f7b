import type { CapturePath } from './path.js'

/**
 * One entry of `graph.nodes`. Its path is written out only when read: a graph of 100,000 values
 * would otherwise build 100,000 strings that nobody looks at.
 */
export class GraphNode {
  constructor(
    readonly id: string,
    readonly kind: string,
    private readonly capturePath: CapturePath,
  ) {}

  get path(): string {
    return this.capturePath.toString()
  }

  toJSON(): { id: string; kind: string; path: string } {
    return { id: this.id, kind: this.kind, path: this.path }
  }
}
