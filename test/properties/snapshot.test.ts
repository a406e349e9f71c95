import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { answer } from "../../src/answer/answer.ts";
import { parseStory } from "../../src/corpus/load.ts";
import type { Story } from "../../src/corpus/types.ts";
import { EMPTY_LEXICON } from "../../src/language/lexicon.ts";
import { SearchIndex } from "../../src/search/index.ts";
import {
  decodePayload,
  encodePayload,
  type SnapshotContent,
} from "../../src/search/store/codec.ts";
import {
  type CorpusFingerprint,
  currentSettings,
  fingerprintCorpus,
  type SearchSettings,
} from "../../src/search/store/fingerprint.ts";
import { splitPayload } from "../../src/search/store/payload.ts";
import { loadOrBuildIndex, readSnapshot } from "../../src/search/store/snapshot.ts";
import { anyString, RUNS, SHIPPED_STORY, storyText } from "../support/arbitraries.ts";

/** Up to three stories parsed from arbitrary text (those that fail to parse are left out). */
const stories: fc.Arbitrary<Story[]> = fc
  .array(storyText, { minLength: 1, maxLength: 3 })
  .map((texts) =>
    texts.flatMap((text, i) => {
      try {
        return [parseStory(`story-${i}.md`, text)];
      } catch {
        return [];
      }
    }),
  )
  .filter((list) => list.length > 0);

const problems = fc.array(fc.record({ file: anyString, message: anyString }), { maxLength: 3 });

/** The content as comparable data: typed arrays of either width as numbers, maps as entries. */
function comparable(content: SnapshotContent): unknown {
  const { stories: list, postings, vocabulary } = content.index;
  return {
    stories: list,
    problems: content.problems,
    postings: { ...postings, counts: [...postings.counts] },
    vocabulary: [[...vocabulary.terms], [...vocabulary.words], [...vocabulary.names]],
  };
}

describe("encodePayload and decodePayload properties", () => {
  test("GIVEN any stories and problems THEN decode(encode(x)) is x", () => {
    fc.assert(
      fc.property(stories, problems, (list, found) => {
        const index = SearchIndex.build(list, { lexicon: EMPTY_LEXICON });
        const content: SnapshotContent = { index: index.toData(), problems: found };
        const payload = Buffer.concat(encodePayload(content));
        expect(comparable(decodePayload(splitPayload(payload)))).toEqual(comparable(content));
      }),
      { numRuns: 100 },
    );
  });
});

describe("decodePayload on damaged bytes", () => {
  test("GIVEN a payload with flipped bits (the CRC not checked) THEN it decodes or throws its 'malformed payload' error", () => {
    const stories = [parseStory("story.md", SHIPPED_STORY)];
    const index = SearchIndex.build(stories, { lexicon: EMPTY_LEXICON });
    const payload = Buffer.concat(encodePayload({ index: index.toData(), problems: [] }));
    const flips = fc.array(fc.tuple(fc.nat(payload.length - 1), fc.integer({ min: 0, max: 7 })), {
      minLength: 1,
      maxLength: 4,
    });
    fc.assert(
      fc.property(flips, (changes) => {
        const bytes = Buffer.from(payload);
        for (const [at, bit] of changes) bytes[at] = (bytes[at] ?? 0) ^ (1 << bit);
        try {
          decodePayload(splitPayload(bytes));
        } catch (error) {
          expect(error).toBeInstanceOf(Error);
          expect((error as Error).message).toMatch(/^malformed payload: /);
        }
      }),
      { numRuns: RUNS },
    );
  });
});

describe("readSnapshot properties", () => {
  let root: string;
  let corpusDir: string;
  let snapshot: Buffer;
  let expected: { settings: SearchSettings; corpus: CorpusFingerprint };
  let original: Awaited<ReturnType<typeof loadOrBuildIndex>>;
  const QUESTION = "Who issued the directive to pause cyber operations?";

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "snapshot-properties-"));
    corpusDir = join(root, "corpus");
    await mkdir(corpusDir);
    await copyFile(
      join(import.meta.dirname, "..", "..", "corpus", "trump-halts-cyber-operations.md"),
      join(corpusDir, "story.md"),
    );
    await writeFile(join(corpusDir, "broken.md"), "---\ntitle: never closed\n");
    original = await loadOrBuildIndex({ corpusDir, snapshotPath: join(root, "index.snapshot") });
    snapshot = await readFile(join(root, "index.snapshot"));
    expected = { settings: await currentSettings(), corpus: await fingerprintCorpus(corpusDir) };
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  const damage = fc.oneof(
    fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
    fc.record({
      kind: fc.constant("flip" as const),
      at: fc.nat(),
      bit: fc.integer({ min: 0, max: 7 }),
    }),
    fc.record({
      kind: fc.constant("append" as const),
      bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }),
    }),
  );

  test("GIVEN a truncated, bit-flipped or extended snapshot THEN it is rejected, or loads exactly what was saved", async () => {
    const headerEnd = snapshot.indexOf(0x0a);
    await fc.assert(
      fc.asyncProperty(damage, async (change) => {
        const bytes = Buffer.from(snapshot);
        let damaged: Buffer;
        if (change.kind === "truncate") damaged = bytes.subarray(0, change.at % bytes.length);
        else if (change.kind === "append") damaged = Buffer.concat([bytes, change.bytes]);
        else {
          const at = change.at % bytes.length;
          bytes[at] = (bytes[at] ?? 0) ^ (1 << change.bit);
          damaged = bytes;
        }
        const path = join(root, "damaged.snapshot");
        await writeFile(path, damaged);
        const read = await readSnapshot(path, expected);
        // CRC-32 catches every single-bit error in the index; a flip in the header may only land
        // where nothing is read (its creation time) and then changes nothing.
        const inIndex = change.kind === "flip" && change.at % bytes.length > headerEnd;
        if (change.kind !== "flip" || inIndex) expect(read.ok).toBe(false);
        if (!read.ok) {
          expect(read.reason).toMatch(
            /^snapshot .* (is corrupt|is truncated|is stale|is not a search index snapshot|has format|cannot be restored)/,
          );
          return;
        }
        expect(read.stories).toEqual(original.stories);
        expect(read.problems).toEqual(original.problems);
        expect(read.index.size).toBe(original.index.size);
        expect(answer(read.index, QUESTION)).toEqual(answer(original.index, QUESTION));
      }),
      // Each run writes and reads a snapshot file: fewer runs, still every kind of damage.
      { numRuns: 100 },
    );
  });
});
