import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { loadCorpus, parseStory } from "../src/corpus/load.ts";
import type { CorpusProblem, Story } from "../src/corpus/types.ts";
import { EMPTY_LEXICON } from "../src/language/lexicon.ts";
import { SearchIndex } from "../src/search/index.ts";
import { decodePayload, encodePayload, type SnapshotContent } from "../src/search/store/codec.ts";
import { type PayloadParts, splitPayload } from "../src/search/store/payload.ts";

const CORPUS = join(import.meta.dirname, "..", "corpus");

// Words outside ASCII (two-, three- and four-byte UTF-8), and a paragraph long enough to be split
// into parts, so that every kind of string and passage goes through the payload.
const ZURICH: Story = parseStory(
  "zurich.md",
  [
    "---",
    "title: Zürich Café Reopens",
    "url: https://example.com/zurich",
    "---",
    "# Zürich Café Reopens",
    "",
    "The café on the Limmat reopened on Monday — “at last”, said its owner 😀.",
    "",
    `${"The engineers replaced the old boilers and repainted the walls. ".repeat(30)}`,
    "",
  ].join("\n"),
);

const PROBLEMS: readonly CorpusProblem[] = [
  { file: "/corpus/broken.md", message: "front matter is never closed" },
];

let content: SnapshotContent;
let payload: Buffer;

beforeAll(async () => {
  const stories = [...(await loadCorpus(CORPUS)).stories, ZURICH];
  const index = SearchIndex.build(stories, { lexicon: EMPTY_LEXICON });
  content = { index: index.toData(), problems: PROBLEMS };
  payload = Buffer.concat(encodePayload(content));
});

/** A copy of the payload's parts, so that a test can damage them. */
function partsOf(bytes: Buffer): { tables: Buffer; rest: Buffer } {
  const { tables, rest } = splitPayload(Buffer.from(bytes));
  return { tables: Buffer.from(tables), rest: Buffer.from(rest) };
}

describe("decodePayload", () => {
  test("GIVEN an encoded payload THEN it gives back the stories, problems, postings and vocabulary", () => {
    const decoded = decodePayload(splitPayload(payload));
    const { postings, vocabulary } = content.index;

    expect(decoded.index.stories).toEqual(content.index.stories);
    expect(decoded.problems).toEqual(PROBLEMS);
    expect({ ...decoded.index.postings, counts: [...decoded.index.postings.counts] }).toEqual({
      ...postings,
      counts: [...postings.counts],
    });
    // Maps in the same order: expansion reads them in order, and ties keep it.
    expect([...decoded.index.vocabulary.terms]).toEqual([...vocabulary.terms]);
    expect([...decoded.index.vocabulary.words]).toEqual([...vocabulary.words]);
    expect([...decoded.index.vocabulary.names]).toEqual([...vocabulary.names]);
  });

  test("GIVEN text outside ASCII THEN each passage's text comes back exactly", () => {
    const decoded = decodePayload(splitPayload(payload));
    const story = decoded.index.stories.find((s) => s.slug === "zurich");

    expect(story?.title).toBe("Zürich Café Reopens");
    expect(story?.passages[1]?.text).toBe(
      "The café on the Limmat reopened on Monday — “at last”, said its owner 😀.",
    );
    expect(story?.passages.map((p) => [p.kind, p.part])).toEqual([
      ["headline", null],
      ["paragraph", null],
      ["paragraph", 1],
      ["paragraph", 2],
      ["paragraph", 3],
    ]);
  });

  test("GIVEN tables that are 8-byte aligned THEN the postings are views of them, not copies", () => {
    const parts = splitPayload(payload);
    const decoded = decodePayload(parts);

    expect(decoded.index.postings.documents.buffer).toBe(parts.tables.buffer);
  });

  test("GIVEN tables that are not 8-byte aligned THEN it copies them and decodes the same", () => {
    const shifted = Buffer.concat([Buffer.from([0]), payload]).subarray(1);
    const parts = splitPayload(shifted);

    expect(parts.tables.byteOffset % 8).not.toBe(0);
    expect(decodePayload(parts).index.stories).toEqual(content.index.stories);
  });

  const damages: readonly {
    readonly name: string;
    readonly damage: (parts: { tables: Buffer; rest: Buffer }) => PayloadParts;
    readonly error: string | RegExp;
  }[] = [
    {
      name: "tables cut short",
      damage: ({ tables, rest }) => ({ tables: tables.subarray(0, tables.length - 64), rest }),
      error: /^malformed payload: table [\w.]+ does not fit in \d+ bytes of tables$/,
    },
    {
      name: "no JSON section",
      damage: ({ tables }) => ({ tables, rest: Buffer.alloc(2) }),
      error: "malformed payload: it has no JSON section",
    },
    {
      name: "a JSON section cut off",
      damage: ({ tables, rest }) => ({ tables, rest: rest.subarray(0, 40) }),
      error: /^malformed payload: its JSON section of \d+ bytes is cut off$/,
    },
    {
      name: "a JSON section that does not parse",
      damage: ({ tables, rest }) => {
        rest[4] = "x".charCodeAt(0);
        return { tables, rest };
      },
      error: "malformed payload: its JSON section does not parse",
    },
    {
      name: "strings cut off",
      damage: ({ tables, rest }) => ({ tables, rest: rest.subarray(0, rest.length - 10) }),
      // The passage texts come last, so that a snapshot reader can leave them in the file.
      error: "malformed payload: strings passage.text are cut off",
    },
    {
      name: "a layout written on a big-endian machine",
      damage: ({ tables, rest }) => {
        const at = rest.indexOf('"byteOrder":"LE"');
        rest.write('"byteOrder":"BE"', at);
        return { tables, rest };
      },
      error: "malformed payload: it was written on a BE machine; this one is LE",
    },
    {
      name: "a posting of a short id no document has",
      damage: (parts) => {
        decodePayload(parts).index.postings.documents[0] = 1_000_000;
        return parts;
      },
      error: /^malformed payload: posting of short id 1000000 is not below \d+$/,
    },
  ];

  for (const { name, damage, error } of damages) {
    test(`GIVEN ${name} THEN it throws saying what does not fit`, () => {
      const parts = damage(partsOf(payload));

      expect(() => decodePayload(parts)).toThrow(error);
    });
  }
});

describe("encodePayload", () => {
  test("GIVEN a passage filed under another story THEN it throws naming the passage and both stories", () => {
    const [story] = content.index.stories;
    if (story === undefined) throw new Error("the corpus has no story");
    const misfiled = {
      ...story,
      passages: story.passages.map((p, i) => (i === 1 ? { ...p, story: "elsewhere" } : p)),
    };
    const id = story.passages[1]?.id;

    expect(() =>
      encodePayload({ ...content, index: { ...content.index, stories: [misfiled] } }),
    ).toThrow(`passage ${id} says it belongs to story elsewhere, but is filed under ${story.slug}`);
  });

  test("GIVEN a passage whose id does not start with its story's slug THEN it throws naming both", () => {
    const [story] = content.index.stories;
    if (story === undefined) throw new Error("the corpus has no story");
    const renamed = {
      ...story,
      passages: story.passages.map((p, i) => (i === 1 ? { ...p, id: "elsewhere#1" } : p)),
    };

    expect(() =>
      encodePayload({ ...content, index: { ...content.index, stories: [renamed] } }),
    ).toThrow(`passage elsewhere#1 has no id of story ${story.slug} ("${story.slug}#…")`);
  });
});
