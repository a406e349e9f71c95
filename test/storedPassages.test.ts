import { describe, expect, test } from "vitest";
import { PREPARED_PASSAGES_MAX } from "../src/search/prepared.ts";
import { bufferSource, LazyStrings } from "../src/search/store/lazyStrings.ts";
import { NO_PART, StoredPassages } from "../src/search/store/storedPassages.ts";

/** A snapshot's passage tables for one story of `count` one-sentence paragraphs. */
function storyOf(count: number): StoredPassages {
  const texts = Array.from({ length: count }, (_, i) => `Paragraph ${i} says something.`);
  const bytes = texts.map((text) => Buffer.from(text, "utf8"));
  return new StoredPassages({
    slugs: ["story"],
    storyStarts: Uint32Array.from([0, count]),
    ids: texts.map((_, i) => `story#${i + 1}`),
    kinds: new Uint8Array(count).fill(1),
    paragraphs: Int32Array.from(texts, (_, i) => i + 1),
    parts: new Int32Array(count).fill(NO_PART),
    lines: Int32Array.from(texts, (_, i) => i + 1),
    texts: new LazyStrings(
      bufferSource(Buffer.concat(bytes)),
      0,
      bytes.map((b) => b.length),
    ),
  });
}

/** Whether the first passage is the same object after every other passage was asked for. */
function firstKeptAfterAll(passages: StoredPassages): boolean {
  const first = passages.get("story#1");
  for (const id of passages.keys()) passages.get(id);
  return passages.get("story#1") === first;
}

describe("GIVEN a snapshot's passages, made into objects when asked for", () => {
  test("THEN a corpus the preparation reads whole keeps each passage's object, so what was worked out for it is kept too", () => {
    const passages = storyOf(PREPARED_PASSAGES_MAX);
    expect(passages.get("story#1")?.text).toBe("Paragraph 0 says something.");
    expect(firstKeptAfterAll(passages)).toBe(true);
  });

  test("THEN a larger corpus forgets the objects it made once thousands more were asked for, and makes them again alike", () => {
    const passages = storyOf(PREPARED_PASSAGES_MAX + 1);
    const first = passages.get("story#1");
    expect(firstKeptAfterAll(passages)).toBe(false);
    expect(passages.get("story#1")).toEqual(first);
  });
});
