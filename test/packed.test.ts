import MiniSearch from "minisearch";
import { describe, expect, test } from "vitest";
import {
  checkPacked,
  internalsOf,
  type MiniSearchInternals,
  type PackedIndex,
  packIndex,
  unpackIndex,
} from "../src/search/store/packed.ts";

interface Doc {
  id: string;
  text: string;
  title: string;
}

const OPTIONS = { fields: ["text", "title"], storeFields: [] as string[] };

const DOCS: readonly Doc[] = [
  { id: "bridge#1", text: "The harbour bridge reopened on Monday", title: "Bridge reopens" },
  { id: "bridge#2", text: "Engineers replaced the rusted cables of the bridge", title: "Bridge" },
  { id: "cyber#1", text: "The pause of cyber operations surprised the bridge club", title: "" },
  { id: "cyber#2", text: "Cyber Command received the directive on Monday", title: "Cyber" },
];

/** A MiniSearch index of the docs, one of them discarded, so that it has a stale posting. */
function buildSearch(): MiniSearch<Doc> {
  const search = new MiniSearch<Doc>(OPTIONS);
  search.addAll(DOCS);
  search.discard("cyber#1");
  return search;
}

/**
 * Everything packing reads of a MiniSearch index, as plain arrays in map order; the terms sorted,
 * since the order of MiniSearch's term tree follows the order its terms were first added in.
 */
function contentsOf(search: MiniSearch<Doc>): unknown {
  const index = internalsOf(search, OPTIONS.fields) as MiniSearchInternals;
  return {
    documentIds: [...index._documentIds],
    idToShortId: [...index._idToShortId],
    fieldLength: [...index._fieldLength],
    averageFieldLength: index._avgFieldLength,
    documentCount: index._documentCount,
    nextId: index._nextId,
    dirtCount: index._dirtCount,
    postings: [...index._index]
      .map(([term, data]) => [term, [...data].map(([field, counts]) => [field, [...counts]])])
      .sort(([a], [b]) => (String(a) < String(b) ? -1 : 1)),
  };
}

describe("packIndex and unpackIndex", () => {
  test("GIVEN a MiniSearch index THEN unpacking its packed form restores every map, in order", () => {
    const search = buildSearch();

    const restored = unpackIndex(packIndex(search, OPTIONS.fields), OPTIONS);

    expect(contentsOf(restored)).toEqual(contentsOf(search));
    expect(restored.search("bridge Monday")).toEqual(search.search("bridge Monday"));
  });

  test("GIVEN a term in two fields THEN it has one posting list per field, with the counts", () => {
    const packed = packIndex(buildSearch(), OPTIONS.fields);
    const t = packed.terms.indexOf("bridge");
    const lists = [];
    for (let l = packed.termLists[t] ?? 0; l < (packed.termLists[t + 1] ?? 0); l++) {
      const start = packed.listStarts[l] ?? 0;
      const end = packed.listStarts[l + 1] ?? 0;
      lists.push({
        field: packed.listFields[l],
        documents: [...packed.documents.subarray(start, end)],
        counts: [...packed.counts.subarray(start, end)],
      });
    }

    // Short ids 0 and 1 are bridge#1 and bridge#2; 2 is the discarded cyber#1, still posted.
    expect(lists).toEqual([
      { field: 0, documents: [0, 1, 2], counts: [1, 1, 1] },
      { field: 1, documents: [0, 1], counts: [1, 1] },
    ]);
  });
});

describe("checkPacked", () => {
  const packed = (): PackedIndex => packIndex(buildSearch(), OPTIONS.fields);
  const cases: readonly { name: string; damage: (p: PackedIndex) => PackedIndex; out: string }[] = [
    {
      name: "fewer counts than postings",
      damage: (p) => ({ ...p, counts: p.counts.subarray(1) }),
      out: `${packed().documents.length - 1} counts for ${packed().documents.length} postings`,
    },
    {
      name: "a posting of a short id never handed out",
      damage: (p) => ({ ...p, documents: Int32Array.from(p.documents, (d, i) => (i ? d : 9)) }),
      out: "posting of short id 9 is not below 4",
    },
    {
      name: "posting lists going backwards",
      damage: (p) => ({ ...p, listStarts: p.listStarts.map((s, i) => (i === 2 ? 0 : s)) }),
      out: "posting lists offset 2 goes backwards",
    },
    {
      name: "a posting list of a field that does not exist",
      damage: (p) => ({ ...p, listFields: p.listFields.map((f, i) => (i ? f : 7)) }),
      out: "posting list of field 7 is not below 2",
    },
  ];

  test("GIVEN a packed index as packIndex makes it THEN it finds nothing wrong", () => {
    expect(checkPacked(packed())).toBeNull();
  });

  for (const { name, damage, out } of cases) {
    test(`GIVEN ${name} THEN it says so`, () => {
      expect(checkPacked(damage(packed()))).toBe(out);
    });
  }

  test("GIVEN a malformed packed index THEN unpackIndex throws with the problem", () => {
    const broken = { ...packed(), counts: new Uint32Array(0) };

    expect(() => unpackIndex(broken, OPTIONS)).toThrow(
      `SearchIndex: the packed MiniSearch index is malformed: 0 counts for ${broken.documents.length} postings`,
    );
  });
});
