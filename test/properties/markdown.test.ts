import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { classifyLine, stripMarkdown } from "../../src/corpus/markdown.ts";
import { longLine, RUNS, unicodeText } from "../support/arbitraries.ts";

/** One raw line as the story splitter sees it (it splits at "\n"). */
const line = fc
  .oneof({ weight: 4, arbitrary: unicodeText(60) }, { weight: 1, arbitrary: longLine })
  .map((text) => text.replaceAll("\n", ""));

/** True when every character of `part` occurs in `whole` in the same order. */
function isSubsequence(part: string, whole: string): boolean {
  let at = 0;
  for (const char of part) {
    at = whole.indexOf(char, at);
    if (at === -1) return false;
    at += char.length;
  }
  return true;
}

/** A word of letters and digits in several scripts, and the extra characters given. */
function wordOf(extra: string): fc.Arbitrary<string> {
  const unit = fc.constantFrom(..."aZé9中ßİ😀ع", ...extra);
  return fc.string({ unit, minLength: 1, maxLength: 12 });
}

const withoutSpace = (text: string): string => text.replace(/\s+/g, "");

describe("classifyLine properties", () => {
  test("GIVEN any line THEN its text is trimmed, single-spaced, and only removes characters", () => {
    fc.assert(
      fc.property(line, (raw) => {
        const { text } = classifyLine(raw);
        expect(text).toBe(text.trim());
        expect(text).not.toMatch(/[^\S ]| {2}/);
        expect(isSubsequence(withoutSpace(text), withoutSpace(raw))).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  test("GIVEN words with no Markdown THEN the line is plain text, its words kept", () => {
    const words = fc.array(wordOf("'.,"), { minLength: 1, maxLength: 30 });
    fc.assert(
      fc.property(words, fc.constantFrom(" ", "  ", "\t"), (list, gap) => {
        expect(classifyLine(list.join(gap))).toEqual({ text: list.join(" "), heading: false });
      }),
      { numRuns: RUNS },
    );
  });

  test("GIVEN '# ' and words THEN the line is a heading of those words", () => {
    const words = fc.array(wordOf(""), { minLength: 1, maxLength: 20 });
    fc.assert(
      fc.property(words, fc.integer({ min: 1, max: 6 }), (list, level) => {
        const raw = `${"#".repeat(level)} ${list.join(" ")}`;
        expect(classifyLine(raw)).toEqual({ text: list.join(" "), heading: true });
      }),
      { numRuns: RUNS },
    );
  });
});

describe("stripMarkdown properties", () => {
  test("GIVEN any text THEN it is trimmed, single-spaced, and only removes characters", () => {
    fc.assert(
      fc.property(line, (raw) => {
        const text = stripMarkdown(raw);
        expect(text).toBe(text.trim());
        expect(text).not.toMatch(/[^\S ]| {2}/);
        expect(isSubsequence(withoutSpace(text), withoutSpace(raw))).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });
});
