import MiniSearch, { type Options } from "minisearch";

/**
 * A MiniSearch index in a compact form for snapshots: numbers in flat arrays instead of objects
 * keyed by numeric strings, which MiniSearch's own `loadJS` has to enumerate and `parseInt` one
 * posting at a time (about 2 s for 100k passages, against a fraction of that for these arrays).
 */
export interface PackedIndex {
  readonly documentCount: number;
  readonly nextId: number;
  readonly dirtCount: number;
  readonly fieldIds: Readonly<Record<string, number>>;
  readonly averageFieldLength: readonly number[];
  /** Short ids of the documents, each as the difference from the one before. */
  readonly shortIds: readonly number[];
  /** The documents' ids, in the order of `shortIds`. */
  readonly ids: readonly string[];
  /** Each document's field lengths, one per field id in turn; -1 where a field has none. */
  readonly fieldLengths: readonly number[];
  /** Per term and field: the term, the field id, then pairs of short-id difference and count. */
  readonly postings: readonly (readonly [string, number, readonly number[]])[];
}

/** The parts of a MiniSearch 7 index that packing and BM25 scoring read; private in its types. */
export interface MiniSearchInternals {
  readonly _index: {
    get(term: string): ReadonlyMap<number, ReadonlyMap<number, number>> | undefined;
    set(term: string, data: Map<number, Map<number, number>>): void;
    [Symbol.iterator](): Iterator<[string, ReadonlyMap<number, ReadonlyMap<number, number>>]>;
  };
  readonly _documentIds: Map<number, string>;
  readonly _idToShortId: Map<string, number>;
  readonly _fieldIds: Readonly<Record<string, number>>;
  readonly _fieldLength: Map<number, number[]>;
  readonly _avgFieldLength: readonly number[];
  readonly _documentCount: number;
  readonly _nextId: number;
  readonly _dirtCount: number;
}

/** The internals of a MiniSearch index, or null when they are not the ones this module knows. */
export function internalsOf<T>(
  search: MiniSearch<T>,
  fields: readonly string[],
): MiniSearchInternals | null {
  const index = search as unknown as Partial<Record<keyof MiniSearchInternals, unknown>>;
  const fieldIds = index._fieldIds as Record<string, unknown> | undefined;
  const tree = index._index as { get?: unknown; set?: unknown } | undefined;
  const known =
    typeof tree?.get === "function" &&
    typeof tree.set === "function" &&
    index._documentIds instanceof Map &&
    index._idToShortId instanceof Map &&
    index._fieldLength instanceof Map &&
    Array.isArray(index._avgFieldLength) &&
    typeof index._documentCount === "number" &&
    typeof index._nextId === "number" &&
    fields.every((field) => typeof fieldIds?.[field] === "number");
  return known ? (search as unknown as MiniSearchInternals) : null;
}

/**
 * Packs a MiniSearch index (see `PackedIndex`).
 *
 * @throws Error when MiniSearch's internals are not the ones this module knows.
 */
export function packIndex<T>(search: MiniSearch<T>, fields: readonly string[]): PackedIndex {
  const index = internalsOf(search, fields);
  if (index === null) throw new Error("SearchIndex: this MiniSearch version cannot be packed");
  const fieldCount = Object.keys(index._fieldIds).length;
  const shortIds: number[] = [];
  const ids: string[] = [];
  const fieldLengths: number[] = [];
  let previous = 0;
  for (const [shortId, id] of index._documentIds) {
    shortIds.push(shortId - previous);
    previous = shortId;
    ids.push(id);
    const lengths = index._fieldLength.get(shortId);
    for (let field = 0; field < fieldCount; field++) fieldLengths.push(lengths?.[field] ?? -1);
  }
  const postings: [string, number, number[]][] = [];
  for (const [term, data] of index._index) {
    for (const [fieldId, frequencies] of data) {
      const pairs: number[] = [];
      let last = 0;
      for (const [shortId, count] of frequencies) {
        pairs.push(shortId - last, count);
        last = shortId;
      }
      postings.push([term, fieldId, pairs]);
    }
  }
  return {
    documentCount: index._documentCount,
    nextId: index._nextId,
    dirtCount: index._dirtCount,
    fieldIds: index._fieldIds,
    averageFieldLength: index._avgFieldLength,
    shortIds,
    ids,
    fieldLengths,
    postings,
  };
}

/**
 * Restores a MiniSearch index packed with `packIndex`: the same documents, field lengths and
 * postings, each map in the same order as the packed index had them.
 *
 * @throws Error when the packed index is malformed or MiniSearch's internals are unknown.
 */
export function unpackIndex<T>(packed: PackedIndex, options: Options<T>): MiniSearch<T> {
  if (
    !Array.isArray(packed.shortIds) ||
    !Array.isArray(packed.ids) ||
    !Array.isArray(packed.fieldLengths) ||
    !Array.isArray(packed.postings) ||
    packed.ids.length !== packed.shortIds.length
  ) {
    throw new Error("SearchIndex: the saved MiniSearch index is not a packed index");
  }
  const search = MiniSearch.loadJS<T>(
    {
      documentCount: packed.documentCount,
      nextId: packed.nextId,
      documentIds: {},
      fieldIds: packed.fieldIds,
      fieldLength: {},
      averageFieldLength: [...packed.averageFieldLength],
      storedFields: {},
      dirtCount: packed.dirtCount,
      index: [],
      serializationVersion: 2,
    },
    options,
  );
  const index = internalsOf(search, Object.keys(packed.fieldIds));
  if (index === null) throw new Error("SearchIndex: this MiniSearch version cannot be unpacked");
  const fieldCount = Object.keys(packed.fieldIds).length;
  let shortId = 0;
  packed.shortIds.forEach((difference, i) => {
    shortId += difference;
    const id = packed.ids[i] ?? "";
    index._documentIds.set(shortId, id);
    index._idToShortId.set(id, shortId);
    const lengths: number[] = [];
    for (let field = 0; field < fieldCount; field++) {
      const length = packed.fieldLengths[i * fieldCount + field] ?? -1;
      if (length >= 0) lengths[field] = length;
    }
    index._fieldLength.set(shortId, lengths);
  });
  let term: string | null = null;
  let data = new Map<number, Map<number, number>>();
  for (const [postingTerm, fieldId, pairs] of packed.postings) {
    if (postingTerm !== term) {
      data = new Map();
      index._index.set(postingTerm, data);
      term = postingTerm;
    }
    const frequencies = new Map<number, number>();
    let id = 0;
    for (let i = 0; i + 1 < pairs.length; i += 2) {
      id += pairs[i] ?? 0;
      frequencies.set(id, pairs[i + 1] ?? 0);
    }
    data.set(fieldId, frequencies);
  }
  return search;
}
