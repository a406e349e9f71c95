import { describe, expect, test } from "vitest";
import { cutSentence } from "../src/answer/phraseCandidates.ts";
import {
  askedBy,
  askedHashes,
  LEXICAL_BUCKETS,
  LEXICAL_TEMPLATES,
  lexicalKeys,
} from "../src/answer/spanLexical.ts";
import { tokenize } from "../src/language/text.ts";

describe("askedBy", () => {
  const cases = [
    { question: "Who vetoed the fund?", out: "who" },
    { question: "In what year did the war begin?", out: "what year" },
    { question: "How many tickets were sold?", out: "how many" },
    { question: "contract cost", out: "- contract" },
  ] as const;
  for (const { question, out } of cases) {
    test(`reads "${question}" as asked by "${out}"`, () => {
      expect(askedBy(tokenize(question))).toBe(out);
    });
  }
});

/** The buckets of the candidate `from`–`to` of a sentence, asked by `asked`. */
function keysOf(asked: string, sentence: string, from: number, to: number): number[] {
  const keys = new Int32Array(LEXICAL_TEMPLATES);
  lexicalKeys(askedHashes(asked), cutSentence(sentence, undefined).tokens, from, to, keys);
  return Array.from(keys);
}

describe("lexicalKeys", () => {
  test("GIVEN two numbers of the same shape in the same place THEN their pairs are the same buckets", () => {
    expect(keysOf("when", "It opened in 1990 .", 3, 4)).toEqual(
      keysOf("when", "It closed in 2014 .", 3, 4),
    );
  });

  test("GIVEN the same candidate asked another way THEN only the pair without the question stays", () => {
    const who = keysOf("who", "It opened in 1990 .", 3, 4);
    const when = keysOf("when", "It opened in 1990 .", 3, 4);
    expect(who.slice(0, 4).some((k, i) => k === when[i])).toBe(false);
    expect(who[4]).toBe(when[4]);
  });

  test("GIVEN any candidate THEN every bucket is within LEXICAL_BUCKETS", () => {
    for (const k of keysOf("what year", "Zürich’s “Ω” fell 40% in 1990s!", 0, 3)) {
      expect(k).toBeGreaterThanOrEqual(0);
      expect(k).toBeLessThan(LEXICAL_BUCKETS);
    }
  });
});
