import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { DotProducts } from "./dotProducts.ts";

/** Folder of the word-vector table that ships with the bot (see its README for the source). */
export const WORD_VECTORS_DIR = join(dirname(fileURLToPath(import.meta.url)), "data");

/** Thrown when the word-vector files are missing or do not fit together. */
export class WordVectorsError extends Error {
  override readonly name = "WordVectorsError";
}

/** Vectors of a list of words, copied side by side for fast scans (see `WordVectors.tableOf`). */
export interface VectorTable {
  /** The words that have a vector, in the order given. */
  readonly words: readonly string[];
  /** Each word's row in the full table. */
  readonly rows: Int32Array;
  /** Each word's vector, one after the other. */
  readonly values: Int8Array;
  /** The rows' dot products with a query, for scans. */
  readonly dots: DotProducts;
}

/** A word and how close its meaning is to another (cosine of their vectors, -1 to 1). */
export interface Neighbour {
  readonly word: string;
  readonly similarity: number;
}

/**
 * GloVe word vectors of the 60k most frequent English words, one signed byte per dimension
 * (built by `test/tools/make-word-vectors.ts`), for meaning-level similarity of words.
 *
 * @example WordVectors.load().similarity("staff", "personnel") // ≈ 0.78
 */
export class WordVectors {
  private readonly rows = new Map<string, number>();
  private readonly norms: Float64Array;

  private constructor(
    words: readonly string[],
    private readonly table: Int8Array,
    readonly dimensions: number,
  ) {
    this.norms = new Float64Array(words.length);
    words.forEach((word, row) => {
      this.rows.set(word, row);
      let sum = 0;
      for (let i = row * dimensions; i < (row + 1) * dimensions; i++) {
        const x = table[i] ?? 0;
        sum += x * x;
      }
      this.norms[row] = Math.sqrt(sum);
    });
  }

  /** Reads `word-vectors.txt` (one word a line) and `word-vectors.i8` (the rows) from `dir`. */
  static load(dir: string = WORD_VECTORS_DIR): WordVectors {
    let words: string[];
    let bytes: Buffer;
    try {
      words = readFileSync(join(dir, "word-vectors.txt"), "utf8").split("\n").filter(Boolean);
      bytes = readFileSync(join(dir, "word-vectors.i8"));
    } catch (error) {
      throw new WordVectorsError(
        `Word vectors cannot be read from ${dir}: run test/tools/make-word-vectors.ts to rebuild them`,
        { cause: error },
      );
    }
    const dimensions = bytes.length / words.length;
    if (!Number.isInteger(dimensions) || dimensions === 0) {
      throw new WordVectorsError(
        `Word vectors in ${dir} do not fit: ${bytes.length} bytes for ${words.length} words`,
      );
    }
    const table = new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length);
    return new WordVectors(words, table, dimensions);
  }

  /** True when the table has a vector for this lower-case word. */
  has(word: string): boolean {
    return this.rows.has(word);
  }

  /** The word's row in the table, for `rowCosine`, or -1 when the table lacks the word. */
  rowNumber(word: string): number {
    return this.rows.get(word) ?? -1;
  }

  /** The word's vector as stored (a view of the table) and its length, or undefined when the table lacks the word. */
  rowOf(word: string): { readonly values: Int8Array; readonly norm: number } | undefined {
    const row = this.rows.get(word);
    if (row === undefined) return undefined;
    const start = row * this.dimensions;
    return {
      values: this.table.subarray(start, start + this.dimensions),
      norm: this.norms[row] ?? 0,
    };
  }

  /**
   * Adds `weight` times the word's unit vector (its row divided by its length) to `sum`, without
   * allocating it; false (and nothing added) when the table lacks the word.
   */
  addUnit(sum: Float32Array, word: string, weight: number): boolean {
    const row = this.rows.get(word);
    if (row === undefined) return false;
    const norm = this.norms[row] ?? 0;
    if (norm === 0) return true;
    // Locals and no fallbacks in the loop (indices are in range): passages' meanings add up
    // thousands of words a question, and this is what it costs.
    const table = this.table;
    const dimensions = Math.min(this.dimensions, sum.length);
    const start = row * this.dimensions;
    for (let i = 0; i < dimensions; i++) {
      // biome-ignore lint/style/noNonNullAssertion: i < sum.length, start + i < table.length
      sum[i] = sum[i]! + weight * Math.fround(table[start + i]! / norm);
    }
    return true;
  }

  /** Cosine similarity of two words, or null when either has no vector. */
  similarity(a: string, b: string): number | null {
    const rowA = this.rows.get(a);
    const rowB = this.rows.get(b);
    if (rowA === undefined || rowB === undefined) return null;
    return this.rowCosine(rowA, rowB);
  }

  /** The candidates at least `min` similar to `word`, most similar first; none if it has no vector. */
  nearest(word: string, candidates: Iterable<string>, min: number): Neighbour[] {
    const row = this.rows.get(word);
    if (row === undefined) return [];
    const found: Neighbour[] = [];
    for (const candidate of candidates) {
      const other = this.rows.get(candidate);
      if (other === undefined || other === row) continue;
      const similarity = this.rowCosine(row, other);
      if (similarity >= min) found.push({ word: candidate, similarity });
    }
    return found.sort((x, y) => y.similarity - x.similarity);
  }

  /** The vectors of the given words that have one, in order, for `nearestIn`. */
  tableOf(words: Iterable<string>): VectorTable {
    const kept: string[] = [];
    const rows: number[] = [];
    for (const word of words) {
      const row = this.rows.get(word);
      if (row === undefined) continue;
      kept.push(word);
      rows.push(row);
    }
    const values = new Int8Array(rows.length * this.dimensions);
    rows.forEach((row, i) => {
      values.set(
        this.table.subarray(row * this.dimensions, (row + 1) * this.dimensions),
        i * this.dimensions,
      );
    });
    return {
      words: kept,
      rows: Int32Array.from(rows),
      values,
      dots: new DotProducts(values, this.dimensions),
    };
  }

  /** `nearest` over a prepared table: the same neighbours, in the same order. */
  nearestIn(word: string, table: VectorTable, min: number): Neighbour[] {
    const row = this.rows.get(word);
    if (row === undefined) return [];
    const found: Neighbour[] = [];
    const own = this.norms[row] ?? 0;
    const { rows } = table;
    // Integer products and sums: exact in any order, so the same as `cosine`.
    const dots = table.dots.of(
      this.table.subarray(row * this.dimensions, (row + 1) * this.dimensions),
    );
    for (let i = 0; i < rows.length; i++) {
      const other = rows[i] ?? -1;
      if (other === row) continue;
      const norm = own * (this.norms[other] ?? 0);
      const similarity = norm === 0 ? 0 : (dots[i] ?? 0) / norm;
      if (similarity >= min) found.push({ word: table.words[i] ?? "", similarity });
    }
    return found.sort((x, y) => y.similarity - x.similarity);
  }

  /** Cosine similarity of the words at two rows (`rowNumber`), 0 when either vector is zero. */
  rowCosine(rowA: number, rowB: number): number {
    const norm = (this.norms[rowA] ?? 0) * (this.norms[rowB] ?? 0);
    if (norm === 0) return 0;
    // Locals and no fallbacks in the loop (rows are in range): the extractor compares hundreds of
    // word pairs an answer.
    const table = this.table;
    const dimensions = this.dimensions;
    const a = rowA * dimensions;
    const b = rowB * dimensions;
    let dot = 0;
    // biome-ignore lint/style/noNonNullAssertion: a + i and b + i are inside the table
    for (let i = 0; i < dimensions; i++) dot += table[a + i]! * table[b + i]!;
    return dot / norm;
  }
}
