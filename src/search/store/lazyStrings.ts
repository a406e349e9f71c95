/**
 * A list of UTF-8 strings left as bytes, in memory or in a file, and decoded one at a time when
 * asked for: the passage texts of a large snapshot are most of its bytes, and a search reads only
 * the few it re-ranks or shows.
 */

/** Bytes that can be read by range: a buffer in memory or a stretch of an open file. */
export interface ByteSource {
  readonly length: number;
  /** The `length` bytes from `offset` on (from the start of this source). */
  read(offset: number, length: number): Buffer;
}

/** A buffer as a `ByteSource`, read without copying. */
export function bufferSource(bytes: Buffer): ByteSource {
  return {
    length: bytes.length,
    read: (offset, length) => bytes.subarray(offset, offset + length),
  };
}

/** Strings stored one after another as UTF-8 in a `ByteSource`, each decoded when asked for. */
export class LazyStrings {
  // Where each string starts in the source, and where the last one ends.
  private readonly starts: Float64Array;

  /**
   * @param lengths each string's length in bytes, in order; together they fill `source` from
   *   `offset` on, which the caller has checked.
   */
  constructor(
    private readonly source: ByteSource,
    offset: number,
    lengths: ArrayLike<number>,
  ) {
    this.starts = new Float64Array(lengths.length + 1);
    let at = offset;
    for (let i = 0; i < lengths.length; i++) {
      this.starts[i] = at;
      at += lengths[i] ?? 0;
    }
    this.starts[lengths.length] = at;
  }

  /** How many strings there are. */
  get count(): number {
    return this.starts.length - 1;
  }

  /** The string at `i` (0 ≤ i < count), decoded from its bytes. */
  at(i: number): string {
    return this.range(i, i + 1)[0] ?? "";
  }

  /** The strings from `from` up to (not including) `to`, read from the source at once. */
  range(from: number, to: number): string[] {
    const start = this.starts[from] ?? 0;
    const bytes = this.source.read(start, (this.starts[to] ?? start) - start);
    const list: string[] = new Array(Math.max(0, to - from));
    for (let i = from; i < to; i++) {
      // UTF-8 decoding gives an ASCII string exactly what Latin-1 would, so one decoder serves all.
      list[i - from] = bytes.toString(
        "utf8",
        (this.starts[i] ?? 0) - start,
        (this.starts[i + 1] ?? 0) - start,
      );
    }
    return list;
  }
}
