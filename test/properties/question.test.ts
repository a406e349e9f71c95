import fc from "fast-check";
import { beforeAll, describe, expect, test } from "vitest";
import { answer } from "../../src/answer/answer.ts";
import { checkQuestion, MAX_QUESTION_CHARS } from "../../src/answer/question.ts";
import type { SearchIndex } from "../../src/search/index.ts";
import { anyString, longLine, RUNS, unicodeText } from "../support/arbitraries.ts";
import { shippedIndex } from "../support/bot.ts";

let index: SearchIndex;
beforeAll(async () => {
  index = await shippedIndex();
});

/** What people type, and what they should not: any Unicode, lone surrogates, 60 kB lines. */
const question = fc.oneof(
  { weight: 4, arbitrary: unicodeText(40) },
  { weight: 2, arbitrary: anyString },
  { weight: 1, arbitrary: longLine },
  { weight: 1, arbitrary: fc.constantFrom("", " ", "\u200b", "\u0000\t\u2028", "x".repeat(501)) },
);

describe("checkQuestion properties", () => {
  test("GIVEN any text THEN it accepts a clean question that answer() answers, or says why not", () => {
    fc.assert(
      fc.property(question, (raw) => {
        const check = checkQuestion(raw);
        if (!check.ok) {
          const cleaned = raw.replace(/[\p{Cc}\p{Cf}\s\u2028\u2029]/gu, "");
          expect(check.problem).toBe(cleaned === "" ? "empty" : "too-long");
          if (check.problem === "too-long") {
            expect(check.message).toContain(`the limit is ${MAX_QUESTION_CHARS}`);
          }
          return;
        }
        const { text } = check;
        expect(text).not.toBe("");
        expect(text.length).toBeLessThanOrEqual(MAX_QUESTION_CHARS);
        expect(text).not.toMatch(/[\p{Cc}\p{Cf}]|[^\S ]| {2}|^ | $/u);
        expect(text.normalize("NFKC")).toBe(text);
        expect(checkQuestion(text)).toEqual(check);
        const answered = answer(index, raw);
        expect(answered.question).toBe(text);
        expect(typeof answered.answered).toBe("boolean");
      }),
      { numRuns: RUNS },
    );
  });
});

describe("checkQuestion regressions found by the properties", () => {
  test("composes a letter and its accent that an invisible character kept apart", () => {
    expect(checkQuestion("cafe\u200d\u0301?")).toEqual({ ok: true, text: "caf\u00e9?" });
  });
});
