/**
 * Dot products of one vector with every row of a table of small integer vectors, eight products at
 * a time through WebAssembly's SIMD `i32x4.dot_i16x8_s`, or in plain JavaScript where it is
 * missing. The sums are exact integers either way, so callers get the same values as a scalar loop.
 *
 * @example new DotProducts(values, 100).of(query) // Int32Array, one dot product per row
 */
export class DotProducts {
  private readonly rows: number;
  private readonly simd: SimdRows | null;

  /** @param values the rows, `dimensions` signed bytes each, one after the other */
  constructor(
    private readonly values: Int8Array,
    private readonly dimensions: number,
  ) {
    this.rows = dimensions === 0 ? 0 : Math.floor(values.length / dimensions);
    this.simd = simdModule() === null ? null : new SimdRows(dimensions);
    this.simd?.loadTable(values, this.rows);
  }

  /** The dot product of `query` (`dimensions` values) with each row, in row order. */
  of(query: ArrayLike<number>): Int32Array {
    if (this.simd !== null) return this.simd.dots(query);
    const out = new Int32Array(this.rows);
    for (let i = 0; i < this.rows; i++) {
      out[i] = dotOf(query, this.values, i * this.dimensions, this.dimensions);
    }
    return out;
  }
}

/**
 * Dot products of queries with rows loaded anew for each batch, in one instance of the module whose
 * memory is reused (`DotProducts` copies a fixed table into an instance of its own): exact
 * integers, as `DotProducts` gives.
 *
 * @example const dots = new ReloadedDots(100); dots.load([a, b]); dots.of(q) // [q·a, q·b]
 */
export class ReloadedDots {
  private rows: readonly Int8Array[] = [];
  private count = 0;
  private readonly simd: SimdRows | null;

  constructor(private readonly dimensions: number) {
    this.simd = simdModule() === null ? null : new SimdRows(dimensions);
  }

  /**
   * Makes the first `count` of `rows` (`dimensions` signed bytes each) the rows the next queries
   * are multiplied with: a caller may hand over a longer array it reuses.
   */
  load(rows: readonly Int8Array[], count: number = rows.length): void {
    this.rows = rows;
    this.count = count;
    this.simd?.load(rows, count);
  }

  /** The dot product of `query` with each loaded row, in order; valid until the next call. */
  of(query: Int8Array): Int32Array {
    if (this.simd !== null) return this.simd.dots(query);
    const d = Math.min(this.dimensions, query.length);
    const out = new Int32Array(this.count);
    for (let r = 0; r < this.count; r++) {
      const row = this.rows[r] as Int8Array;
      out[r] = dotOf(query, row, 0, Math.min(d, row.length));
    }
    return out;
  }
}

/** The dot product of `query` with the `dimensions` values of `values` from `offset`. */
function dotOf(
  query: ArrayLike<number>,
  values: Int8Array,
  offset: number,
  dimensions: number,
): number {
  let dot = 0;
  for (let d = 0; d < dimensions; d++) dot += (query[d] ?? 0) * (values[offset + d] ?? 0);
  return dot;
}

// Rows are widened to 16-bit lanes and padded to whole 16-byte blocks of eight.
const LANES = 8;
const BLOCK_BYTES = 16;
const PAGE_BYTES = 65_536;

/**
 * Rows copied into the memory of an instance of the module of its own: once for `DotProducts`,
 * batch after batch for `ReloadedDots`, the memory grown when a batch needs it.
 */
class SimdRows {
  private readonly blocks: number;
  private readonly exports: SimdExports;
  private readonly rowsAt: number;
  private count = 0;

  constructor(private readonly dimensions: number) {
    this.exports = new WASM.Instance(simdModule() as object).exports as SimdExports;
    this.blocks = Math.ceil(dimensions / LANES);
    // The query's lanes first, then the rows', then the sums.
    this.rowsAt = this.blocks * BLOCK_BYTES;
  }

  /** Copies the first `count` rows of a batch, each `set` at once: a batch is a few hundred rows, loaded per question. */
  load(rows: readonly Int8Array[], count: number): void {
    const lanes = this.lanesFor(count);
    const rowLanes = this.blocks * LANES;
    // `set` widens each byte natively. Lanes past a row's end may hold an earlier batch's sums:
    // they meet the query's lanes past its end, which are zero.
    for (let r = 0; r < count; r++) {
      const row = rows[r] as Int8Array;
      lanes.set(
        row.length > this.dimensions ? row.subarray(0, this.dimensions) : row,
        r * rowLanes,
      );
    }
  }

  /**
   * Copies `count` rows laid one after the other in `values`, byte by byte: a table is a corpus's
   * vocabulary, loaded once, and a view per row cost 180 ms against 110 for 150,000 rows.
   */
  loadTable(values: Int8Array, count: number): void {
    const lanes = this.lanesFor(count);
    const rowLanes = this.blocks * LANES;
    for (let i = 0; i < count; i++) {
      const from = i * this.dimensions;
      const to = i * rowLanes;
      for (let d = 0; d < this.dimensions; d++) lanes[to + d] = values[from + d] ?? 0;
    }
  }

  /** The lanes of `count` rows, the memory grown to hold them and their sums. */
  private lanesFor(count: number): Int16Array {
    this.count = count;
    const bytes = this.outAt() + count * 4;
    const memory = this.exports.memory;
    const missing = Math.ceil((bytes - memory.buffer.byteLength) / PAGE_BYTES);
    if (missing > 0) memory.grow(missing);
    return new Int16Array(memory.buffer, this.rowsAt, count * this.blocks * LANES);
  }

  dots(query: ArrayLike<number>): Int32Array {
    const buffer = this.exports.memory.buffer;
    const lanes = new Int16Array(buffer, 0, this.blocks * LANES).fill(0);
    const d = Math.min(this.dimensions, query.length);
    for (let i = 0; i < d; i++) lanes[i] = query[i] ?? 0;
    const outAt = this.outAt();
    this.exports.dots(0, this.rowsAt, this.count, this.blocks, outAt);
    return new Int32Array(buffer, outAt, this.count);
  }

  private outAt(): number {
    return this.rowsAt + this.count * this.blocks * BLOCK_BYTES;
  }
}

interface SimdExports {
  readonly memory: { readonly buffer: ArrayBuffer; grow(pages: number): number };
  dots(query: number, rows: number, count: number, blocks: number, out: number): void;
}

// dots(query, rows, count, blocks, out): for each of `count` rows of `blocks` 16-byte blocks of
// i16 lanes, out[i] = sum of i32x4.dot_i16x8_s(query block, row block) over the blocks.
// Hand-assembled (the WebAssembly binary format, version 1, with the SIMD proposal's opcodes):
// params 0–4 as named, locals 5 row, 6 block, 7 query pointer (i32), 8 accumulator (v128).
// biome-ignore format: one line per instruction
const SIMD_DOTS = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // "\0asm", version 1
  0x01, 0x09, 0x01, 0x60, 0x05, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x00, // type: (i32 ×5) -> ()
  0x03, 0x02, 0x01, 0x00, // function 0 has type 0
  0x05, 0x03, 0x01, 0x00, 0x01, // memory: at least one page
  0x07, 0x11, 0x02, // exports: "dots" (function 0), "memory" (memory 0)
  0x04, 0x64, 0x6f, 0x74, 0x73, 0x00, 0x00,
  0x06, 0x6d, 0x65, 0x6d, 0x6f, 0x72, 0x79, 0x02, 0x00,
  0x0a, 0x91, 0x01, 0x01, 0x8e, 0x01, // code: one body of 142 bytes
  0x02, 0x03, 0x7f, 0x01, 0x7b, // locals: 3 × i32, 1 × v128
  0x02, 0x40, 0x03, 0x40, // block, loop (over rows)
  0x20, 0x05, 0x20, 0x02, 0x4f, 0x0d, 0x01, // row >= count: break
  0xfd, 0x0c, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x21, 0x08, // acc = 0
  0x41, 0x00, 0x21, 0x06, // block = 0
  0x20, 0x00, 0x21, 0x07, // q = query
  0x03, 0x40, // loop (over blocks)
  0x20, 0x08, // acc
  0x20, 0x07, 0xfd, 0x00, 0x04, 0x00, // v128.load q
  0x20, 0x01, 0xfd, 0x00, 0x04, 0x00, // v128.load rows
  0xfd, 0xba, 0x01, 0xfd, 0xae, 0x01, 0x21, 0x08, // acc = acc + i32x4.dot_i16x8_s
  0x20, 0x07, 0x41, 0x10, 0x6a, 0x21, 0x07, // q += 16
  0x20, 0x01, 0x41, 0x10, 0x6a, 0x21, 0x01, // rows += 16
  0x20, 0x06, 0x41, 0x01, 0x6a, 0x22, 0x06, // block += 1
  0x20, 0x03, 0x49, 0x0d, 0x00, // block < blocks: again
  0x0b, // end loop (over blocks)
  0x20, 0x04, // out
  0x20, 0x08, 0xfd, 0x1b, 0x00, 0x20, 0x08, 0xfd, 0x1b, 0x01, 0x6a, // acc[0] + acc[1]
  0x20, 0x08, 0xfd, 0x1b, 0x02, 0x6a, 0x20, 0x08, 0xfd, 0x1b, 0x03, 0x6a, // + acc[2] + acc[3]
  0x36, 0x02, 0x00, // i32.store
  0x20, 0x04, 0x41, 0x04, 0x6a, 0x21, 0x04, // out += 4
  0x20, 0x05, 0x41, 0x01, 0x6a, 0x21, 0x05, // row += 1
  0x0c, 0x00, // again
  0x0b, 0x0b, 0x0b, // end loop, block, function
]);

// The part of the WebAssembly API used here (this project's TypeScript libraries do not declare it).
interface WebAssemblyApi {
  validate(bytes: Uint8Array): boolean;
  readonly Module: new (bytes: Uint8Array) => object;
  readonly Instance: new (module: object) => { readonly exports: unknown };
}
const WASM = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;

let compiled: object | null | undefined;

/** The compiled module, or null where this runtime lacks WebAssembly SIMD. */
function simdModule(): object | null {
  if (compiled === undefined) {
    try {
      compiled = WASM.validate(SIMD_DOTS) ? new WASM.Module(SIMD_DOTS) : null;
    } catch {
      compiled = null;
    }
  }
  return compiled;
}
