import { endianness } from "node:os";
import type { CorpusProblem, Passage, Story } from "../../corpus/types.ts";
import type { Vocabulary } from "../../language/expand.ts";
import type { IndexData } from "../types.ts";
import { checkPacked, type PackedIndex } from "./packed.ts";

/** What a snapshot's payload holds: the index and the problems of the corpus it was built from. */
export interface SnapshotContent {
  readonly index: IndexData;
  readonly problems: readonly CorpusProblem[];
}

/** The two parts of a payload after its prefix: the typed-array tables, then everything else. */
export interface PayloadParts {
  /** The tables: viewed in place when they start 8-byte aligned in their buffer, else copied. */
  readonly tables: Uint8Array;
  /** The JSON section's length (4 bytes), the JSON section, then the strings. */
  readonly rest: Uint8Array;
}

/**
 * Bytes at the start of a payload: the length of its tables (4 bytes, little-endian), then 4 zero
 * bytes, so that tables read along with the prefix stay 8-byte aligned.
 */
export const PAYLOAD_PREFIX_BYTES = 8;

// Every table starts at a multiple of this from the start of the tables, the largest element size.
const TABLE_ALIGNMENT = 8;
const PASSAGE_KINDS = ["headline", "paragraph"] as const satisfies readonly Passage["kind"][];
const NO_PART = -1;

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
type Table = Tables[TableType];

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

interface StoryEntry extends Omit<Story, "passages"> {
  readonly passages: number;
}

/** The JSON section: where each table and string list is, and the data too small to need one. */
interface Layout {
  readonly byteOrder: string;
  readonly tables: Readonly<Record<string, TableEntry>>;
  readonly strings: Readonly<Record<string, StringsEntry>>;
  readonly stories: readonly StoryEntry[];
  readonly problems: readonly CorpusProblem[];
  readonly postings: Pick<
    PackedIndex,
    "documentCount" | "nextId" | "dirtCount" | "fieldIds" | "averageFieldLength"
  > & {
    /** Index terms, the first of the `terms` strings; the vocabulary may add others after them. */
    readonly terms: number;
  };
}

/**
 * Encodes a snapshot's content in the binary payload of snapshot format 4: an 8-byte prefix,
 * typed-array tables (postings, field lengths, passage numbers, string lengths) that a reader views
 * without copying, a JSON section (the layout, story metadata, problems) and the strings (passage
 * ids and texts, terms, words) as UTF-8, one list after another.
 *
 * @returns the payload in pieces, to be written one after the other.
 * @throws Error when the content cannot be saved faithfully (a passage filed under another story,
 *   a number that is no 32-bit integer), naming the passage and the value.
 */
export function encodePayload(content: SnapshotContent): Uint8Array[] {
  const writer = new PayloadWriter();
  const { stories, postings, vocabulary } = content.index;
  const passages = stories.flatMap((story) => story.passages);
  for (const story of stories) {
    for (const passage of story.passages) {
      if (passage.story !== story.slug) {
        throw new Error(
          `passage ${passage.id} says it belongs to story ${passage.story}, but is filed under ${story.slug}`,
        );
      }
    }
  }
  const ids = passages.map((p) => p.id);
  const texts = passages.map((p) => p.text);
  const kinds = Uint8Array.from(passages, (p) => PASSAGE_KINDS.indexOf(p.kind));
  const paragraphs = int32Table("paragraph", passages, (p) => p.paragraph);
  const partNumbers = int32Table("part", passages, (p) => p.part ?? NO_PART);
  const lines = int32Table("line", passages, (p) => p.line);
  writer.strings("passage.id", ids);
  writer.strings("passage.text", texts);
  writer.table("passage.kind", kinds);
  writer.table("passage.paragraph", paragraphs);
  writer.table("passage.part", partNumbers);
  writer.table("passage.line", lines);

  const passageOf = new Map(passages.map((p, i) => [p.id, i]));
  const documentPassages = postings.ids.map((id) => {
    const passage = passageOf.get(id);
    if (passage === undefined) {
      throw new Error(`indexed document ${id} is no passage of the stories`);
    }
    return passage;
  });
  // One list of terms for the postings and the vocabulary, whose terms are nearly all indexed.
  const terms = [...postings.terms];
  const termOf = new Map(terms.map((term, t) => [term, t]));
  const termNumber = (term: string): number => {
    let t = termOf.get(term);
    if (t === undefined) {
      t = terms.push(term) - 1;
      termOf.set(term, t);
    }
    return t;
  };
  writer.table("postings.shortIds", postings.shortIds);
  writer.table("postings.passages", Int32Array.from(documentPassages));
  writer.table("postings.fieldLengths", postings.fieldLengths);
  writer.table("postings.termLists", postings.termLists);
  writer.table("postings.listFields", postings.listFields);
  writer.table("postings.listStarts", postings.listStarts);
  writer.table("postings.documents", postings.documents);
  writer.table("postings.counts", narrowCounts(postings.counts));
  writer.table("vocabulary.terms", Int32Array.from(vocabulary.terms.keys(), termNumber));
  writer.table("vocabulary.passages", Uint32Array.from(vocabulary.terms.values()));
  writer.table("vocabulary.wordTerms", Int32Array.from(vocabulary.words.values(), termNumber));
  writer.strings("vocabulary.words", [...vocabulary.words.keys()]);
  writer.strings("vocabulary.names", [...vocabulary.names]);
  writer.strings("terms", terms);

  return writer.finish({
    stories: stories.map(({ passages, ...story }) => ({ ...story, passages: passages.length })),
    problems: content.problems,
    postings: {
      documentCount: postings.documentCount,
      nextId: postings.nextId,
      dirtCount: postings.dirtCount,
      fieldIds: postings.fieldIds,
      averageFieldLength: postings.averageFieldLength,
      terms: postings.terms.length,
    },
  });
}

/** The length of the tables that follow a payload's prefix, as the prefix gives it. */
export function tablesLengthOf(prefix: Uint8Array): number {
  if (prefix.length < PAYLOAD_PREFIX_BYTES) return 0;
  return new DataView(prefix.buffer, prefix.byteOffset, prefix.length).getUint32(0, true);
}

/** Splits a whole payload into its parts (see `PayloadParts`), without copying. */
export function splitPayload(payload: Uint8Array): PayloadParts {
  const end = PAYLOAD_PREFIX_BYTES + tablesLengthOf(payload);
  return {
    tables: payload.subarray(PAYLOAD_PREFIX_BYTES, end),
    rest: payload.subarray(end),
  };
}

/**
 * Decodes a payload written by `encodePayload`. Its tables become views of `parts.tables`, which
 * is copied only if it is not 8-byte aligned; `parts.rest` is not kept.
 *
 * @throws Error saying what does not fit when the payload is malformed.
 */
export function decodePayload(parts: PayloadParts): SnapshotContent {
  const reader = new PayloadReader(parts);
  const { layout } = reader;
  const ids = reader.strings("passage.id");
  const texts = reader.strings("passage.text");
  const kinds = reader.table("passage.kind", "u8");
  const paragraphs = reader.table("passage.paragraph", "i32");
  const partNumbers = reader.table("passage.part", "i32");
  const lines = reader.table("passage.line", "i32");
  const passageCount = layout.stories.reduce((sum, story) => sum + story.passages, 0);
  for (const [name, length] of [
    ["passage ids", ids.length],
    ["passage texts", texts.length],
    ["passage kinds", kinds.length],
    ["paragraph numbers", paragraphs.length],
    ["parts", partNumbers.length],
    ["lines", lines.length],
  ] as const) {
    if (length !== passageCount) malformed(`${length} ${name} for ${passageCount} passages`);
  }
  let at = 0;
  const stories: Story[] = layout.stories.map((entry) => {
    const passages: Passage[] = new Array(entry.passages);
    for (let i = 0; i < entry.passages; i++, at++) {
      const kind = PASSAGE_KINDS[kinds[at] ?? -1];
      if (kind === undefined) malformed(`passage ${ids[at]} has kind ${kinds[at]}`);
      const part = partNumbers[at] ?? NO_PART;
      passages[i] = {
        id: ids[at] ?? "",
        story: entry.slug,
        kind,
        paragraph: paragraphs[at] ?? 0,
        part: part === NO_PART ? null : part,
        text: texts[at] ?? "",
        line: lines[at] ?? 0,
      };
    }
    return {
      slug: entry.slug,
      title: entry.title,
      source: entry.source,
      url: entry.url,
      date: entry.date,
      file: entry.file,
      passages,
      duplicatesRemoved: entry.duplicatesRemoved,
      paragraphsDropped: entry.paragraphsDropped,
    };
  });

  const terms = reader.strings("terms");
  const indexed = layout.postings.terms;
  if (indexed > terms.length) malformed(`${indexed} index terms of ${terms.length} terms`);
  const documentPassages = reader.table("postings.passages", "i32");
  const postings: PackedIndex = {
    documentCount: layout.postings.documentCount,
    nextId: layout.postings.nextId,
    dirtCount: layout.postings.dirtCount,
    fieldIds: layout.postings.fieldIds,
    averageFieldLength: layout.postings.averageFieldLength,
    shortIds: reader.table("postings.shortIds", "i32"),
    ids: Array.from(
      documentPassages,
      (passage) => ids[passage] ?? malformed(`no passage ${passage}`),
    ),
    fieldLengths: reader.table("postings.fieldLengths", "i32"),
    terms: terms.slice(0, indexed),
    termLists: reader.table("postings.termLists", "u32"),
    listFields: reader.table("postings.listFields", "u8"),
    listStarts: reader.table("postings.listStarts", "u32"),
    documents: reader.table("postings.documents", "i32"),
    counts: reader.counts("postings.counts"),
  };
  const problem = checkPacked(postings);
  if (problem !== null) malformed(problem);

  const termOf = (t: number): string => terms[t] ?? malformed(`no term ${t}`);
  const vocabularyTerms = reader.table("vocabulary.terms", "i32");
  const vocabularyPassages = reader.table("vocabulary.passages", "u32");
  const words = reader.strings("vocabulary.words");
  const wordTerms = reader.table("vocabulary.wordTerms", "i32");
  if (vocabularyPassages.length !== vocabularyTerms.length || wordTerms.length !== words.length) {
    malformed("the vocabulary's tables do not fit together");
  }
  const vocabulary: Vocabulary = {
    terms: new Map(Array.from(vocabularyTerms, (t, i) => [termOf(t), vocabularyPassages[i] ?? 0])),
    words: new Map(words.map((word, i) => [word, termOf(wordTerms[i] ?? -1)])),
    names: new Set(reader.strings("vocabulary.names")),
  };
  return { index: { stories, postings, vocabulary }, problems: layout.problems };
}

/** The counts in the narrowest array that holds them: a byte each unless a term repeats 256 times in a field. */
function narrowCounts(counts: PackedIndex["counts"]): PackedIndex["counts"] {
  let max = 0;
  for (const count of counts) if (count > max) max = count;
  if (max <= 0xff) return counts instanceof Uint8Array ? counts : Uint8Array.from(counts);
  if (max <= 0xffff) return counts instanceof Uint16Array ? counts : Uint16Array.from(counts);
  return counts;
}

function int32Table(
  name: string,
  passages: readonly Passage[],
  value: (passage: Passage) => number,
): Int32Array {
  const table = new Int32Array(passages.length);
  passages.forEach((passage, i) => {
    const number = value(passage);
    table[i] = number;
    if (table[i] !== number) {
      throw new Error(`passage ${passage.id} has ${name} ${number}, not a 32-bit integer`);
    }
  });
  return table;
}

function malformed(problem: string): never {
  throw new Error(`malformed payload: ${problem}`);
}

/** Collects tables and strings, then lays them out as a payload. */
class PayloadWriter {
  private readonly tables: Uint8Array[] = [];
  private tablesBytes = 0;
  private readonly tableEntries: Record<string, TableEntry> = {};
  private readonly stringParts: Uint8Array[] = [];
  private stringsBytes = 0;
  private readonly stringEntries: Record<string, StringsEntry> = {};

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

  // Each string is written on its own, so a lone surrogate at the end of one cannot pair with the
  // start of the next and shift every length after it.
  strings(name: string, list: readonly string[]): void {
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

  finish(data: Omit<Layout, "byteOrder" | "tables" | "strings">): Uint8Array[] {
    const layout: Layout = {
      byteOrder: endianness(),
      tables: this.tableEntries,
      strings: this.stringEntries,
      ...data,
    };
    const json = Buffer.from(JSON.stringify(layout), "utf8");
    if (this.tablesBytes > 0xffffffff || json.length > 0xffffffff) {
      throw new Error(
        `the index needs ${this.tablesBytes} bytes of tables; snapshot format 4 holds 4 GB at most`,
      );
    }
    const prefix = new Uint8Array(PAYLOAD_PREFIX_BYTES);
    new DataView(prefix.buffer).setUint32(0, this.tablesBytes, true);
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
class PayloadReader {
  readonly layout: Layout;
  private readonly tables: Uint8Array;
  private readonly strings_: Buffer;

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
    if (!isLayout(layout)) malformed("its JSON section lacks part of the layout");
    if (layout.byteOrder !== endianness()) {
      malformed(`it was written on a ${layout.byteOrder} machine; this one is ${endianness()}`);
    }
    this.layout = layout;
    this.strings_ = rest.subarray(4 + jsonBytes);
  }

  table<T extends TableType>(name: string, type: T): Tables[T] {
    const entry = this.entry(name);
    if (entry.type !== type) malformed(`table ${name} holds ${entry.type}, not ${type}`);
    return this.view(name, entry) as Tables[T];
  }

  counts(name: string): Uint8Array | Uint16Array | Uint32Array {
    const entry = this.entry(name);
    if (entry.type === "i32") malformed(`table ${name} holds i32, not unsigned counts`);
    return this.view(name, entry) as Uint8Array | Uint16Array | Uint32Array;
  }

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

function isLayout(value: unknown): value is Layout {
  if (!isRecord(value)) return false;
  const { tables, strings, stories, problems, postings } = value;
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
    ) &&
    Array.isArray(stories) &&
    stories.every(
      (story: unknown) =>
        isRecord(story) &&
        typeof story.slug === "string" &&
        typeof story.title === "string" &&
        isNullableString(story.source) &&
        isNullableString(story.url) &&
        isNullableString(story.date) &&
        typeof story.file === "string" &&
        isCount(story.passages) &&
        isCount(story.duplicatesRemoved) &&
        isCount(story.paragraphsDropped),
    ) &&
    Array.isArray(problems) &&
    problems.every(
      (problem: unknown) =>
        isRecord(problem) &&
        typeof problem.file === "string" &&
        typeof problem.message === "string",
    ) &&
    isRecord(postings) &&
    isCount(postings.documentCount) &&
    isCount(postings.nextId) &&
    isCount(postings.dirtCount) &&
    isCount(postings.terms) &&
    isRecord(postings.fieldIds) &&
    Object.values(postings.fieldIds).every(isCount) &&
    Array.isArray(postings.averageFieldLength) &&
    postings.averageFieldLength.every((length: unknown) => typeof length === "number")
  );
}

function isCount(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
}

function isNullableString(value: unknown): value is string | null {
  return value === null || typeof value === "string";
}

/** True for a JSON object (not an array, not null), as a parsed header or payload section is checked. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
