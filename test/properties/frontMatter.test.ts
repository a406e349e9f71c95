import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  FRONT_MATTER_KEYS,
  FrontMatterError,
  type FrontMatterKey,
  parseFrontMatter,
} from "../../src/corpus/frontMatter.ts";
import { RUNS, storyText, unicodeText } from "../support/arbitraries.ts";

/** Text that opens a front matter block, so the header path is taken as often as not. */
const maybeHeader = fc.oneof(
  storyText,
  fc.tuple(unicodeText(60), storyText).map(([header, rest]) => `---\n${header}\n---\n${rest}`),
  unicodeText().map((text) => `---\n${text}`),
);

/** A value that survives a round trip: one line, trimmed, not wrapped in quotes. */
const value = unicodeText(20)
  .map((text) => text.replace(/\n/g, " ").trim())
  .filter((text) => !/^(["']).*\1$/s.test(text));

describe("parseFrontMatter properties", () => {
  test("GIVEN any text THEN it returns or throws FrontMatterError, and the body is the end of the text", () => {
    fc.assert(
      fc.property(maybeHeader, (text) => {
        let parsed: ReturnType<typeof parseFrontMatter>;
        try {
          parsed = parseFrontMatter(text);
        } catch (error) {
          expect(error).toBeInstanceOf(FrontMatterError);
          return;
        }
        expect(text.endsWith(parsed.body)).toBe(true);
        // The body starts on line `bodyLine`: after that many minus one line breaks.
        const header = text.slice(0, text.length - parsed.body.length);
        const breaks = header.split("\n").length - 1;
        if (header === "" || header.endsWith("\n")) expect(parsed.bodyLine).toBe(breaks + 1);
        else expect([parsed.body, parsed.bodyLine]).toEqual(["", breaks + 2]);
        for (const [key, field] of Object.entries(parsed.fields)) {
          expect(FRONT_MATTER_KEYS).toContain(key);
          expect(field).not.toContain("\n");
        }
      }),
      { numRuns: RUNS },
    );
  });

  test("GIVEN fields written as 'key: value' lines THEN it reads back the same fields and body", () => {
    const fields = fc.dictionary(fc.constantFrom(...FRONT_MATTER_KEYS), value, { maxKeys: 4 });
    fc.assert(
      fc.property(fields, storyText, (written, body) => {
        const header = Object.entries(written).map(([key, field]) => `${key}: ${field}`);
        const parsed = parseFrontMatter(["---", ...header, "---", body].join("\n"));
        const expected: Partial<Record<FrontMatterKey, string>> = written;
        expect(parsed).toEqual({ fields: expected, body, bodyLine: header.length + 3 });
      }),
      { numRuns: RUNS },
    );
  });

  test("GIVEN text that does not open with '---' THEN all of it is the body", () => {
    fc.assert(
      fc.property(
        storyText.filter((text) => !/^---\s*(\n|$)/.test(text)),
        (text) => {
          expect(parseFrontMatter(text)).toEqual({ fields: {}, body: text, bodyLine: 1 });
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe("parseFrontMatter regressions found by the properties", () => {
  test("reads a value holding a line separator (U+2028) or a lone carriage return", () => {
    const parsed = parseFrontMatter('---\ntitle: "Café\u2028Reopens"\nsource: \0\r\0\n---\nText.');
    expect(parsed.fields).toEqual({ title: "Café\u2028Reopens", source: "\0\r\0" });
  });
});
