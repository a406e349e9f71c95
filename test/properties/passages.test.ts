import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { MAX_TITLE_CHARS } from "../../src/corpus/clip.ts";
import { FrontMatterError } from "../../src/corpus/frontMatter.ts";
import { parseStory } from "../../src/corpus/load.ts";
import { classifyLine } from "../../src/corpus/markdown.ts";
import {
  MAX_PARAGRAPHS,
  MAX_PASSAGE_CHARS,
  splitLongText,
  splitPassages,
} from "../../src/corpus/passages.ts";
import { splitSentences } from "../../src/corpus/sentences.ts";
import type { Passage } from "../../src/corpus/types.ts";
import {
  isWellFormed,
  mutateStory,
  RUNS,
  storyMutations,
  storyText,
} from "../support/arbitraries.ts";

/**
 * The story as its passages are cut from it: each line's text without Markdown, empty ones left
 * out, joined by spaces. Paragraphs are runs of these lines, so every passage lies inside it.
 */
function cleanedText(body: string): string {
  return body
    .split("\n")
    .map((raw) => classifyLine(raw).text)
    .filter((text) => text !== "")
    .join(" ");
}

/** True when `text` is `pieces` in order with only white space around and between them. */
function isCutInto(text: string, pieces: readonly string[]): boolean {
  let at = 0;
  const skipSpace = (): void => {
    while (at < text.length && /\s/.test(text.charAt(at))) at++;
  };
  for (const piece of pieces) {
    skipSpace();
    if (!text.startsWith(piece, at)) return false;
    at += piece.length;
  }
  skipSpace();
  return at === text.length;
}

/** Checks what holds for the passages of any story body; see the README's corpus section. */
function expectSoundPassages(slug: string, body: string, passages: readonly Passage[]): void {
  const cleaned = cleanedText(body);
  const lines = body.split("\n");
  const ids = passages.map((p) => p.id);
  expect(new Set(ids).size).toBe(ids.length);
  let paragraph = 0;
  let part = 0;
  for (const passage of passages) {
    expect(passage.text).not.toBe("");
    expect(passage.text.length).toBeLessThanOrEqual(MAX_PASSAGE_CHARS);
    expect(passage.text).toBe(passage.text.trim());
    expect(cleaned.includes(passage.text)).toBe(true);
    if (isWellFormed(body)) expect(isWellFormed(passage.text)).toBe(true);
    expect(passage.story).toBe(slug);
    expect(passage.id).toBe(
      `${slug}#${passage.paragraph}${passage.part === null ? "" : `.${passage.part}`}`,
    );
    expect(passage.kind === "headline").toBe(passage.paragraph === 0);
    if (passage.kind === "paragraph") {
      // Paragraphs count 1, 2, 3…; the parts of a split one 1, 2, 3… with at least two.
      if (passage.part === null || passage.part === 1) {
        expect(passage.paragraph).toBe(paragraph + 1);
        paragraph = passage.paragraph;
        part = passage.part ?? 0;
      } else {
        expect([passage.paragraph, passage.part]).toEqual([paragraph, part + 1]);
        part = passage.part;
      }
    }
    // The line a passage cites is where its paragraph starts.
    expect(passage.line).toBeGreaterThanOrEqual(1);
    const first = classifyLine(lines[passage.line - 1] ?? "").text;
    expect(first).not.toBe("");
    if (passage.part === null || passage.part === 1) {
      expect(passage.text.startsWith(first) || first.startsWith(passage.text)).toBe(true);
    }
  }
  expect(paragraph).toBeLessThanOrEqual(MAX_PARAGRAPHS);
}

describe("splitPassages properties", () => {
  test("GIVEN any text THEN passages are non-empty, within the bound, inside the cleaned story, with unique ids in order", () => {
    fc.assert(
      fc.property(storyText, (body) => {
        const split = splitPassages("s", body);
        expectSoundPassages("s", body, split.passages);
        expect(splitPassages("s", body)).toEqual(split);
      }),
      { numRuns: RUNS },
    );
  });

  test("GIVEN the shipped story, mutated THEN the same holds, and each story loads or fails with a reason", () => {
    fc.assert(
      fc.property(storyMutations, (changes) => {
        const text = mutateStory(changes);
        let story: ReturnType<typeof parseStory>;
        try {
          story = parseStory("corpus/story.md", text);
        } catch (error) {
          // The documented reasons a story file is skipped: broken front matter, no text, a bad url.
          if (!(error instanceof FrontMatterError)) {
            expect((error as Error).message).toMatch(/^(has no text|has a url that is not)/);
          }
          return;
        }
        expect(story.title).not.toBe("");
        expect(story.title.length).toBeLessThanOrEqual(MAX_TITLE_CHARS);
        const body = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
        const bodyStart = story.passages.reduce((min, p) => Math.min(min, p.line), Infinity);
        const lines = body.split("\n");
        // Line numbers count from the top of the file, front matter included.
        expectSoundPassages(
          "story",
          [...lines.slice(0, bodyStart - 1).map(() => ""), ...lines.slice(bodyStart - 1)].join(
            "\n",
          ),
          story.passages,
        );
      }),
      { numRuns: RUNS },
    );
  });
});

describe("splitLongText properties", () => {
  test("GIVEN single-spaced text THEN the parts are the text, in order, each within the limit", () => {
    const text = fc
      .tuple(storyText, storyText)
      .map(([a, b]) => cleanedText(`${a}\n${b}`))
      .filter((t) => t !== "");
    fc.assert(
      fc.property(text, fc.integer({ min: 20, max: 900 }), (input, limit) => {
        const parts = splitLongText(input, limit);
        for (const part of parts) {
          expect(part).not.toBe("");
          expect(part.length).toBeLessThanOrEqual(limit);
        }
        expect(isCutInto(input, parts)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });
});

describe("splitSentences properties", () => {
  test("GIVEN any text THEN the sentences are the text, in order, trimmed and non-empty", () => {
    fc.assert(
      fc.property(storyText, (text) => {
        const sentences = splitSentences(text);
        for (const sentence of sentences) {
          expect(sentence).not.toBe("");
          expect(sentence).toBe(sentence.trim());
        }
        expect(isCutInto(text, sentences)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });
});
