import { endianness } from "node:os";
import { type ByteSource, bufferSource, LazyStrings } from "./lazyStrings.ts";

/**
 * The binary container of a snapshot's payload: an 8-byte prefix, typed-array tables that a reader
 * views without copying, a JSON section saying where each table and string list lies (plus the
 * data too small to need a table), then lists of strings as UTF-8, those a reader may leave unread
 * until asked for (`LazyStrings`) last. `codec.ts` says what goes in it.
 */

/** The two parts of a payload after its prefix: the typed-array tables, then everything else. */
export interface PayloadParts {
  /** The tables: viewed in place when they start 8-byte aligned in their buffer, else copied. */
  readonly tables: Uint8Array;
  /** The JSON section's length (4 bytes), the JSON section, then the strings (all, or up to `tail`). */
  readonly rest: Uint8Array;
  /** The strings after `rest`, left where they are (in a file) and read when asked for. */
  readonly tail?: ByteSource;
}

/**
 * Bytes at the start of a payload: the length of its tables, then the length of what follows them
 * up to the strings a reader may leave unread (4 bytes each, little-endian), so that tables read
 * along with the prefix stay 8-byte aligned.
 */
export const PAYLOAD_PREFIX_BYTES = 8;

// Every table starts at a multiple of this from the start of the tables, the largest element size.
const TABLE_ALIGNMENT = 8;

const TABLE_TYPES = {
  u8: Uint8Array,
  u16: Uint16Array,
  u32: Uint32Array,
  i32: Int32Array,
} as const;
type TableType = keyof typeof TABLE_TYPES;
interface Tables {
  u8: Uint8Array;
  u16: Uint16Array;
  u32: Uint32Array;
  i32: Int32Array;
}
/** A table a payload can hold. */
export type Table = Tables[TableType];

interface TableEntry {
  readonly type: TableType;
  /** Bytes from the start of the tables. */
  readonly offset: number;
  /** Elements. */
  readonly length: number;
}

interface StringsEntry {
  /** Bytes from the start of the strings. */
  readonly offset: number;
  readonly bytes: number;
  /** The table holding each string's length in bytes. */
  readonly lengths: string;
  /** The table saying, string by string, whether it is all ASCII (1) or not (0). */
  readonly ascii: string;
}

/** The container's part of the JSON section: where each table and string list is. */
interface ContainerLayout {
  readonly byteOrder: string;
  readonly tables: Readonly<Record<string, TableEntry>>;
  readonly strings: Readonly<Record<string, StringsEntry>>;
}

/** The length of the tables that follow a payload's prefix, as the prefix gives it. */
export function tablesLengthOf(prefix: Uint8Array): number {
  if (prefix.length < PAYLOAD_PREFIX_BYTES) return 0;
  return new DataView(prefix.buffer, prefix.byteOffset, prefix.length).getUint32(0, true);
}

/** The length of the JSON section and the strings that precede the lazy ones, as the prefix gives it. */
export function eagerLengthOf(prefix: Uint8Array): number {
  if (prefix.length < PAYLOAD_PREFIX_BYTES) return 0;
  return new DataView(prefix.buffer, prefix.byteOffset, prefix.length).getUint32(4, true);
}

/** Splits a whole payload into its parts (see `PayloadParts`), without copying. */
export function splitPayload(payload: Uint8Array): PayloadParts {
  const end = PAYLOAD_PREFIX_BYTES + tablesLengthOf(payload);
  return {
    tables: payload.subarray(PAYLOAD_PREFIX_BYTES, end),
    rest: payload.subarray(end),
  };
}

/** Throws the error a malformed payload gets, saying what does not fit. */
export function malformed(problem: string): never {
  throw new Error(`malformed payload: ${problem}`);
}

/** Collects tables and strings, then lays them out as a payload. */
export class PayloadWriter {
  private readonly tables: Uint8Array[] = [];
  private tablesBytes = 0;
  private readonly tableEntries: Record<string, TableEntry> = {};
  private readonly stringParts: Uint8Array[] = [];
  private stringsBytes = 0;
  private readonly stringEntries: Record<string, StringsEntry> = {};
  // Where the lazy strings start among the strings, once some have been added.
  private lazyFrom: number | null = null;

  /** Adds a table, 8-byte aligned. */
  table(name: string, table: Table): void {
    const padding = (TABLE_ALIGNMENT - (this.tablesBytes % TABLE_ALIGNMENT)) % TABLE_ALIGNMENT;
    if (padding > 0) this.tables.push(new Uint8Array(padding));
    this.tablesBytes += padding;
    this.tableEntries[name] = {
      type: tableTypeOf(table),
      offset: this.tablesBytes,
      length: table.length,
    };
    this.tables.push(new Uint8Array(table.buffer, table.byteOffset, table.byteLength));
    this.tablesBytes += table.byteLength;
  }

  /** Adds a list of strings as UTF-8, with a table of their lengths and one of ASCII flags. */
  // Each string is written on its own, so a lone surrogate at the end of one cannot pair with the
  // start of the next and shift every length after it.
  strings(name: string, list: readonly string[]): void {
    if (this.lazyFrom !== null) throw new Error(`strings ${name} come after the lazy strings`);
    this.addStrings(name, list);
  }

  /**
   * Adds a list of strings that a reader may leave unread until asked for (see `LazyStrings`):
   * after every other list, so that the rest of the payload can be read without them.
   */
  lazyStrings(name: string, list: readonly string[]): void {
    this.lazyFrom ??= this.stringsBytes;
    this.addStrings(name, list);
  }

  private addStrings(name: string, list: readonly string[]): void {
    const lengths = new Uint32Array(list.length);
    const ascii = new Uint8Array(list.length);
    let bytes = 0;
    list.forEach((text, i) => {
      const length = Buffer.byteLength(text, "utf8");
      lengths[i] = length;
      // Only ASCII takes one byte a character in UTF-8.
      ascii[i] = length === text.length ? 1 : 0;
      bytes += length;
    });
    const buffer = Buffer.allocUnsafe(bytes);
    let at = 0;
    for (const text of list) at += buffer.write(text, at, "utf8");
    const entry = {
      offset: this.stringsBytes,
      bytes,
      lengths: `${name}.lengths`,
      ascii: `${name}.ascii`,
    };
    this.table(entry.lengths, lengths);
    this.table(entry.ascii, ascii);
    this.stringEntries[name] = entry;
    this.stringParts.push(buffer);
    this.stringsBytes += bytes;
  }

  /** The payload in pieces, to be written one after the other; `data` joins the JSON section. */
  finish(data: Readonly<Record<string, unknown>>): Uint8Array[] {
    const layout = {
      byteOrder: endianness(),
      tables: this.tableEntries,
      strings: this.stringEntries,
      ...data,
    };
    const json = Buffer.from(JSON.stringify(layout), "utf8");
    if (this.tablesBytes > 0xffffffff || json.length > 0xffffffff) {
      throw new Error(
        `the index needs ${this.tablesBytes} bytes of tables; a payload holds 4 GB at most`,
      );
    }
    const eagerBytes = 4 + json.length + (this.lazyFrom ?? this.stringsBytes);
    if (eagerBytes > 0xffffffff) {
      throw new Error(
        `the index needs ${eagerBytes} bytes of strings read at start-up; 4 GB at most`,
      );
    }
    const prefix = new Uint8Array(PAYLOAD_PREFIX_BYTES);
    new DataView(prefix.buffer).setUint32(0, this.tablesBytes, true);
    new DataView(prefix.buffer).setUint32(4, eagerBytes, true);
    const jsonLength = new Uint8Array(4);
    new DataView(jsonLength.buffer).setUint32(0, json.length, true);
    return [prefix, ...this.tables, jsonLength, json, ...this.stringParts];
  }
}

function tableTypeOf(table: Table): TableType {
  if (table instanceof Uint8Array) return "u8";
  if (table instanceof Uint16Array) return "u16";
  if (table instanceof Uint32Array) return "u32";
  return "i32";
}

/** Reads the tables and strings of a payload by the layout its JSON section gives. */
export class PayloadReader {
  /** The JSON section beyond the container's own keys (`byteOrder`, `tables`, `strings`). */
  readonly data: Readonly<Record<string, unknown>>;
  private readonly layout: ContainerLayout;
  private readonly tables: Uint8Array;
  private readonly strings_: Buffer;
  private readonly tail: ByteSource | undefined;

  constructor(parts: PayloadParts) {
    // A copy made with the constructor: a Buffer's `slice` would be a view of the same bytes.
    this.tables =
      parts.tables.byteOffset % TABLE_ALIGNMENT === 0 ? parts.tables : new Uint8Array(parts.tables);
    const rest = Buffer.from(parts.rest.buffer, parts.rest.byteOffset, parts.rest.byteLength);
    if (rest.length < 4) malformed("it has no JSON section");
    const jsonBytes = rest.readUInt32LE(0);
    if (4 + jsonBytes > rest.length) malformed(`its JSON section of ${jsonBytes} bytes is cut off`);
    let layout: unknown;
    try {
      layout = JSON.parse(rest.toString("utf8", 4, 4 + jsonBytes));
    } catch {
      malformed("its JSON section does not parse");
    }
    if (!isContainerLayout(layout)) malformed("its JSON section lacks part of the layout");
    if (layout.byteOrder !== endianness()) {
      malformed(`it was written on a ${layout.byteOrder} machine; this one is ${endianness()}`);
    }
    this.layout = layout;
    this.data = layout;
    this.strings_ = rest.subarray(4 + jsonBytes);
    this.tail = parts.tail;
  }

  /** The table of this name, viewed in place; it must hold elements of `type`. */
  table<T extends TableType>(name: string, type: T): Tables[T] {
    const entry = this.entry(name);
    if (entry.type !== type) malformed(`table ${name} holds ${entry.type}, not ${type}`);
    return this.view(name, entry) as Tables[T];
  }

  /** The table of this name, of whichever unsigned type it was written in. */
  counts(name: string): Uint8Array | Uint16Array | Uint32Array {
    const entry = this.entry(name);
    if (entry.type === "i32") malformed(`table ${name} holds i32, not unsigned counts`);
    return this.view(name, entry) as Uint8Array | Uint16Array | Uint32Array;
  }

  /** The strings of this name, in order. */
  strings(name: string): string[] {
    const entry = this.layout.strings[name];
    if (entry === undefined) malformed(`it has no strings ${name}`);
    const lengths = this.table(entry.lengths, "u32");
    const ascii = this.table(entry.ascii, "u8");
    if (ascii.length !== lengths.length) malformed(`strings ${name} have lengths and flags apart`);
    const start = entry.offset;
    const end = entry.offset + entry.bytes;
    if (end > this.strings_.length) malformed(`strings ${name} are cut off`);
    // All the bytes decoded at once as Latin-1, a character a byte, so an ASCII string is a slice
    // of it (which V8 makes without copying); a few hundred thousand strings decoded one by one
    // cost the garbage collector more than their decoding.
    const bytes = this.strings_.toString("latin1", start, end);
    const list: string[] = new Array(lengths.length);
    let at = start;
    for (let i = 0; i < lengths.length; i++) {
      const next = at + (lengths[i] ?? 0);
      if (next > end) malformed(`strings ${name} run past their ${entry.bytes} bytes`);
      list[i] =
        ascii[i] === 1
          ? bytes.slice(at - start, next - start)
          : this.strings_.toString("utf8", at, next);
      at = next;
    }
    if (at !== end) malformed(`strings ${name} fill ${at - entry.offset} of ${entry.bytes} bytes`);
    return list;
  }

  /**
   * The strings of this name, left as bytes and decoded one at a time when asked for: from the
   * payload's tail when a reader left them there, else from the strings read with the rest.
   */
  lazyStrings(name: string): LazyStrings {
    const entry = this.layout.strings[name];
    if (entry === undefined) malformed(`it has no strings ${name}`);
    const lengths = this.table(entry.lengths, "u32");
    if (this.table(entry.ascii, "u8").length !== lengths.length) {
      malformed(`strings ${name} have lengths and flags apart`);
    }
    let total = 0;
    for (const length of lengths) total += length;
    if (total !== entry.bytes) malformed(`strings ${name} fill ${total} of ${entry.bytes} bytes`);
    const eager = this.strings_.length;
    if (entry.offset + entry.bytes <= eager) {
      return new LazyStrings(bufferSource(this.strings_), entry.offset, lengths);
    }
    const tail = this.tail;
    if (
      tail === undefined ||
      entry.offset < eager ||
      entry.offset - eager + entry.bytes > tail.length
    ) {
      malformed(`strings ${name} are cut off`);
    }
    return new LazyStrings(tail, entry.offset - eager, lengths);
  }

  private entry(name: string): TableEntry {
    const entry = this.layout.tables[name];
    if (entry === undefined) malformed(`it has no table ${name}`);
    return entry;
  }

  private view(name: string, entry: TableEntry): Table {
    const Type = TABLE_TYPES[entry.type];
    const end = entry.offset + entry.length * Type.BYTES_PER_ELEMENT;
    if (entry.offset % Type.BYTES_PER_ELEMENT !== 0 || end > this.tables.length) {
      malformed(`table ${name} does not fit in ${this.tables.length} bytes of tables`);
    }
    const { buffer, byteOffset } = this.tables;
    return new Type(buffer as ArrayBuffer, byteOffset + entry.offset, entry.length);
  }
}

function isContainerLayout(
  value: unknown,
): value is ContainerLayout & Readonly<Record<string, unknown>> {
  if (!isRecord(value)) return false;
  const { tables, strings } = value;
  return (
    typeof value.byteOrder === "string" &&
    isRecord(tables) &&
    Object.values(tables).every(
      (entry) =>
        isRecord(entry) &&
        typeof entry.type === "string" &&
        Object.hasOwn(TABLE_TYPES, entry.type) &&
        isCount(entry.offset) &&
        isCount(entry.length),
    ) &&
    isRecord(strings) &&
    Object.values(strings).every(
      (entry) =>
        isRecord(entry) &&
        isCount(entry.offset) &&
        isCount(entry.bytes) &&
        typeof entry.lengths === "string" &&
        typeof entry.ascii === "string",
    )
  );
}

/** True for a whole number from 0 up, as sizes and offsets in a payload must be. */
export function isCount(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
}

/** True for a JSON object (not an array, not null), as a parsed header or payload section is checked. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
