import MiniSearch, { type Options } from "minisearch";

/**
 * A MiniSearch index in typed arrays: its postings in compressed sparse rows (per term, per field,
 * the short ids of the documents holding the term and how often), its documents and their field
 * lengths. It is what a snapshot saves and what `TopScorer` reads, so that loading an index needs
 * none of MiniSearch's millions of map entries; `unpackIndex` rebuilds them if MiniSearch itself
 * must search.
 *
 * @example packed.documents.subarray(packed.listStarts[l], packed.listStarts[l + 1]) // posting list l
 */
export interface PackedIndex {
  readonly documentCount: number;
  readonly nextId: number;
  readonly dirtCount: number;
  readonly fieldIds: Readonly<Record<string, number>>;
  readonly averageFieldLength: readonly number[];
  /** Short ids of the documents, in MiniSearch's order (ascending, as it hands them out). */
  readonly shortIds: Int32Array;
  /** The documents' ids, in the order of `shortIds`. */
  readonly ids: readonly string[];
  /** Each document's field lengths, one per field id in turn, in the order of `shortIds`; -1 where a field has none. */
  readonly fieldLengths: Int32Array;
  /** The indexed terms, in MiniSearch's order. */
  readonly terms: readonly string[];
  /** Where each term's posting lists begin; one entry more than `terms`, so term t has lists `termLists[t]` to `termLists[t + 1]`. */
  readonly termLists: Uint32Array;
  /** The field id of each posting list. */
  readonly listFields: Uint8Array;
  /** Where each posting list begins in `documents` and `counts`; one entry more than there are lists. */
  readonly listStarts: Uint32Array;
  /** The short ids of each posting list, list after list, in MiniSearch's order. */
  readonly documents: Int32Array;
  /** How often the list's term occurs in the list's field of each document of `documents`. */
  readonly counts: Uint8Array | Uint16Array | Uint32Array;
}

/** The parts of a MiniSearch 7 index that packing reads; private in its types. */
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

// Field ids are saved in a byte per posting list.
const MAX_FIELDS = 256;

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
    fields.length <= MAX_FIELDS &&
    fields.every((field) => typeof fieldIds?.[field] === "number");
  return known ? (search as unknown as MiniSearchInternals) : null;
}

/**
 * Packs a MiniSearch index (see `PackedIndex`), keeping the order of each of its maps.
 *
 * @throws Error when MiniSearch's internals are not the ones this module knows.
 */
export function packIndex<T>(search: MiniSearch<T>, fields: readonly string[]): PackedIndex {
  const index = internalsOf(search, fields);
  if (index === null) throw new Error("SearchIndex: this MiniSearch version cannot be packed");
  const fieldCount = Object.keys(index._fieldIds).length;
  const documentTotal = index._documentIds.size;
  const shortIds = new Int32Array(documentTotal);
  const ids: string[] = new Array(documentTotal);
  const fieldLengths = new Int32Array(documentTotal * fieldCount).fill(-1);
  let d = 0;
  for (const [shortId, id] of index._documentIds) {
    shortIds[d] = shortId;
    ids[d] = id;
    const lengths = index._fieldLength.get(shortId);
    for (let field = 0; field < fieldCount; field++) {
      const length = lengths?.[field];
      if (length !== undefined) fieldLengths[d * fieldCount + field] = length;
    }
    d++;
  }
  // Counted first, so that every array is allocated once at its size.
  let termTotal = 0;
  let listTotal = 0;
  let postingTotal = 0;
  for (const [, data] of index._index) {
    termTotal++;
    listTotal += data.size;
    for (const frequencies of data.values()) postingTotal += frequencies.size;
  }
  const terms: string[] = new Array(termTotal);
  const termLists = new Uint32Array(termTotal + 1);
  const listFields = new Uint8Array(listTotal);
  const listStarts = new Uint32Array(listTotal + 1);
  const documents = new Int32Array(postingTotal);
  const counts = new Uint32Array(postingTotal);
  let t = 0;
  let l = 0;
  let p = 0;
  for (const [term, data] of index._index) {
    terms[t] = term;
    termLists[t] = l;
    t++;
    for (const [fieldId, frequencies] of data) {
      listFields[l] = fieldId;
      listStarts[l] = p;
      l++;
      for (const [shortId, count] of frequencies) {
        documents[p] = shortId;
        counts[p] = count;
        p++;
      }
    }
  }
  termLists[t] = l;
  listStarts[l] = p;
  return {
    documentCount: index._documentCount,
    nextId: index._nextId,
    dirtCount: index._dirtCount,
    fieldIds: index._fieldIds,
    averageFieldLength: index._avgFieldLength,
    shortIds,
    ids,
    fieldLengths,
    terms,
    termLists,
    listFields,
    listStarts,
    documents,
    counts,
  };
}

/**
 * Restores a MiniSearch index packed with `packIndex`: the same documents, field lengths and
 * postings, each map in the same order as the packed index had them. Only the term tree may list
 * its terms in another order (its shape follows the order terms are added in), which searching
 * for exact terms does not see.
 *
 * @throws Error when the packed index is malformed or MiniSearch's internals are unknown.
 */
export function unpackIndex<T>(packed: PackedIndex, options: Options<T>): MiniSearch<T> {
  const problem = checkPacked(packed);
  if (problem !== null)
    throw new Error(`SearchIndex: the packed MiniSearch index is malformed: ${problem}`);
  const fieldCount = Object.keys(packed.fieldIds).length;
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
  packed.shortIds.forEach((shortId, d) => {
    const id = packed.ids[d] ?? "";
    index._documentIds.set(shortId, id);
    index._idToShortId.set(id, shortId);
    const lengths: number[] = [];
    for (let field = 0; field < fieldCount; field++) {
      const length = packed.fieldLengths[d * fieldCount + field] ?? -1;
      if (length >= 0) lengths[field] = length;
    }
    index._fieldLength.set(shortId, lengths);
  });
  packed.terms.forEach((term, t) => {
    const data = new Map<number, Map<number, number>>();
    for (let l = packed.termLists[t] ?? 0; l < (packed.termLists[t + 1] ?? 0); l++) {
      const frequencies = new Map<number, number>();
      for (let p = packed.listStarts[l] ?? 0; p < (packed.listStarts[l + 1] ?? 0); p++) {
        frequencies.set(packed.documents[p] ?? 0, packed.counts[p] ?? 0);
      }
      data.set(packed.listFields[l] ?? 0, frequencies);
    }
    index._index.set(term, data);
  });
  return search;
}

/**
 * What makes a packed index unusable (arrays that do not fit together, offsets that go backwards,
 * short ids or field ids out of range), or null when it can be scored and unpacked.
 */
export function checkPacked(packed: PackedIndex): string | null {
  const fieldCount = Object.keys(packed.fieldIds).length;
  const documentTotal = packed.shortIds.length;
  const lists = packed.listFields.length;
  if (packed.ids.length !== documentTotal) {
    return `${packed.ids.length} ids for ${documentTotal} documents`;
  }
  if (packed.fieldLengths.length !== documentTotal * fieldCount) {
    return `${packed.fieldLengths.length} field lengths for ${documentTotal} documents of ${fieldCount} fields`;
  }
  if (packed.averageFieldLength.length > fieldCount) {
    return `${packed.averageFieldLength.length} average field lengths for ${fieldCount} fields`;
  }
  const termProblem = checkOffsets("term lists", packed.termLists, packed.terms.length, lists);
  if (termProblem !== null) return termProblem;
  const listProblem = checkOffsets(
    "posting lists",
    packed.listStarts,
    lists,
    packed.documents.length,
  );
  if (listProblem !== null) return listProblem;
  if (packed.counts.length !== packed.documents.length) {
    return `${packed.counts.length} counts for ${packed.documents.length} postings`;
  }
  const shortIdProblem = checkBelow("short id", packed.shortIds, packed.nextId);
  if (shortIdProblem !== null) return shortIdProblem;
  const postingProblem = checkBelow("posting of short id", packed.documents, packed.nextId);
  if (postingProblem !== null) return postingProblem;
  const fieldProblem = checkBelow("posting list of field", packed.listFields, fieldCount);
  if (fieldProblem !== null) return fieldProblem;
  return null;
}

/** Checks that `offsets` has one entry per item and one more, rising from 0 to `end`. */
function checkOffsets(
  name: string,
  offsets: Uint32Array,
  items: number,
  end: number,
): string | null {
  if (offsets.length !== items + 1) return `${offsets.length} ${name} offsets for ${items} entries`;
  if (offsets[0] !== 0 || offsets[items] !== end) {
    return `${name} run from ${offsets[0]} to ${offsets[items]}, not from 0 to ${end}`;
  }
  for (let i = 1; i <= items; i++) {
    if ((offsets[i] ?? 0) < (offsets[i - 1] ?? 0)) return `${name} offset ${i} goes backwards`;
  }
  return null;
}

/** Checks that every value is at least 0 and below `limit`. */
function checkBelow(name: string, values: Int32Array | Uint8Array, limit: number): string | null {
  let min = 0;
  let max = -1;
  for (let i = 0; i < values.length; i++) {
    const value = values[i] ?? 0;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  if (min < 0) return `${name} ${min} is negative`;
  if (max >= limit) return `${name} ${max} is not below ${limit}`;
  return null;
}
