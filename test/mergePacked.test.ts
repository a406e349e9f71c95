import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { loadCorpus, parseStory } from "../src/corpus/load.ts";
import type { Story } from "../src/corpus/types.ts";
import { buildIndex } from "../src/search/build.ts";
import { mergePacked } from "../src/search/store/mergePacked.ts";
import type { PackedIndex } from "../src/search/store/packed.ts";

const CORPUS = join(import.meta.dirname, "..", "corpus");

// Words that one story has in its title and another in its text, so that a term's fields are
// first met in a different order in different batches.
const EXTRA: readonly Story[] = [
  parseStory(
    "harbour-bridge.md",
    "---\ntitle: Harbour bridge reopens\n---\nThe bridge reopened on Monday after repairs.\n\nEngineers replaced the cables; the cyber team watched the bridge sensors.\n",
  ),
  parseStory(
    "cyber-pause.md",
    "---\ntitle: Cyber operations paused\n---\nThe harbour authority paused its cyber operations.\n\nOperations resumed on Monday, the bridge authority said.\n",
  ),
  // Paragraphs of many lengths, so that a running average rounds differently from a plain one.
  parseStory(
    "lengths.md",
    `---\ntitle: Lengths\n---\n${[3, 17, 9, 22, 5, 8, 13, 40, 1, 7, 19, 11, 2, 6]
      .map((n) => Array.from({ length: n }, (_, i) => `word${i}`).join(" "))
      .join("\n\n")}\n`,
  ),
];

/** The packed index as data, each term with its lists; terms sorted, their order being free. */
function contents(packed: PackedIndex): unknown {
  const postings = packed.terms.map((term, t) => {
    const lists: unknown[] = [];
    for (let l = packed.termLists[t] ?? 0; l < (packed.termLists[t + 1] ?? 0); l++) {
      const from = packed.listStarts[l] ?? 0;
      const to = packed.listStarts[l + 1] ?? 0;
      lists.push([
        packed.listFields[l],
        [...packed.documents.subarray(from, to)],
        [...packed.counts.subarray(from, to)],
      ]);
    }
    return [term, lists] as const;
  });
  return {
    documentCount: packed.documentCount,
    nextId: packed.nextId,
    dirtCount: packed.dirtCount,
    fieldIds: packed.fieldIds,
    averageFieldLength: packed.averageFieldLength,
    shortIds: [...packed.shortIds],
    ids: packed.ids,
    fieldLengths: [...packed.fieldLengths],
    postings: postings.sort(([a], [b]) => (a < b ? -1 : 1)),
  };
}

function packedOf(stories: readonly Story[], batchPassages?: number): PackedIndex {
  const { index } = buildIndex(stories, batchPassages);
  if (!("packed" in index)) throw new Error("this MiniSearch version cannot be packed");
  return index.packed;
}

describe("mergePacked", () => {
  test("GIVEN stories indexed in batches of two passages THEN the merged index is the one built whole, average lengths to the bit", async () => {
    const stories = [...EXTRA, ...(await loadCorpus(CORPUS)).stories];
    const whole = packedOf(stories);
    const batched = packedOf(stories, 2);

    expect(whole.terms.length).toBeGreaterThan(0);
    expect(contents(batched)).toEqual(contents(whole));
  });

  test("GIVEN one batch THEN it is that batch", async () => {
    const packed = packedOf((await loadCorpus(CORPUS)).stories);

    expect(mergePacked([packed])).toBe(packed);
  });

  test("GIVEN a batch whose short ids do not start at 0 THEN it throws", () => {
    const packed = packedOf(EXTRA);
    const shifted = { ...packed, shortIds: packed.shortIds.map((id) => id + 1) };

    expect(() => mergePacked([packed, shifted])).toThrow(
      "mergePacked: a batch is not a fresh index of its documents",
    );
  });

  test("GIVEN the same passage id in two batches THEN building throws as one MiniSearch would", () => {
    expect(() => buildIndex([...EXTRA, ...EXTRA], 2)).toThrow(
      "MiniSearch: duplicate ID harbour-bridge#1",
    );
  });
});
