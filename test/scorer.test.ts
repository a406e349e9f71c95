import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { storyRangesOf } from "../src/search/scorer.ts";

/** Each story's range as the slug of every id says it, one id at a time. */
function rangesOneByOne(idOf: readonly (string | undefined)[]): Map<string, [number, number]> {
  const ranges = new Map<string, [number, number]>();
  idOf.forEach((id, docId) => {
    const end = id?.indexOf("#") ?? -1;
    if (id === undefined || end === -1) return;
    const slug = id.slice(0, end);
    ranges.set(slug, [ranges.get(slug)?.[0] ?? docId, docId]);
  });
  return ranges;
}

describe("storyRangesOf", () => {
  test("GIVEN stories in turn THEN each spans its first to its last short id", () => {
    const ranges = storyRangesOf(["a#1", "a#2", "b#1", "b#2", "b#3", "ab#1"]);
    expect([...ranges]).toEqual([
      ["a", [0, 1]],
      ["b", [2, 4]],
      ["ab", [5, 5]],
    ]);
  });

  test("GIVEN a story met again after another THEN its range spans both stretches", () => {
    expect(storyRangesOf(["a#1", "b#1", "a#2", "x", undefined, "a#3"]).get("a")).toEqual([0, 5]);
  });

  test("reads the same ranges as cutting every id's slug", () => {
    const id = fc.oneof(
      fc.constant(undefined),
      fc.tuple(fc.constantFrom("a", "ab", "b", "", "a#b"), fc.constantFrom("#1", "#2", "", "1")),
    );
    fc.assert(
      fc.property(fc.array(id, { maxLength: 40 }), (drawn) => {
        const idOf = drawn.map((parts) => (parts === undefined ? undefined : parts.join("")));
        expect([...storyRangesOf(idOf)].sort()).toEqual([...rangesOneByOne(idOf)].sort());
      }),
    );
  });
});
