import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { splitSentences } from "../../src/corpus/sentences.ts";
import type { Passage } from "../../src/corpus/types.ts";
import { termFor, termsOf, tokenize } from "../../src/language/text.ts";
import { PassageTermsCache, sentenceTerms } from "../../src/search/passageTerms.ts";
import { anyString, RUNS, SHIPPED_STORY } from "../support/arbitraries.ts";

function passageOf(text: string): Passage {
  return { id: "s#1", story: "s", kind: "paragraph", paragraph: 1, part: null, text, line: 1 };
}

// Sentence ends, possessives, a final sigma and a word split by a mark: where reading a passage
// sentence by sentence could part from reading it whole.
const pieces = fc.constantFrom(
  ". ",
  "! ",
  "?",
  ".",
  " ",
  "’s",
  "'s ",
  "ΟΔΟΣ",
  "σ.",
  "U.S.",
  "e\u0301",
  "\n",
  "Putin",
  "a",
  "3.5",
);
const text = fc.oneof(
  anyString,
  fc.array(pieces, { maxLength: 30 }).map((p) => p.join("")),
  fc.integer({ min: 0, max: SHIPPED_STORY.length }).map((at) => SHIPPED_STORY.slice(at, at + 900)),
);

describe("PassageTermsCache", () => {
  test("reads a passage's words, terms and sentences as tokenizing the whole text and each sentence does", () => {
    fc.assert(
      fc.property(text, (passageText) => {
        const passage = passageOf(passageText);
        let meaningRead: { words: readonly string[]; terms: string[] } | undefined;
        const cache = new PassageTermsCache(new Map([[passage.id, passage]]), 1, (words, terms) => {
          meaningRead = { words, terms: [...terms] };
          return null;
        });
        const entry = cache.get(passage.id);
        const words = tokenize(passageText).filter((word) => termFor(word) !== null);
        expect(meaningRead?.words).toEqual(words);
        expect(meaningRead?.terms).toEqual(words.map((word) => termFor(word)));
        expect(entry?.terms.slice(0, words.length)).toEqual(words.map((word) => termFor(word)));
        const sentences = splitSentences(passageText);
        expect(entry?.sentenceTexts).toEqual(sentences);
        // Every term of the passage or of a sentence, and one of neither, asked of each sentence.
        const asked = [...new Set([...(entry?.terms ?? []), ...termsOf(passageText), "zzzq"])];
        const held = sentences.map((_, s) =>
          asked.filter((term) => entry !== undefined && sentenceTerms(entry, s).has(term)),
        );
        expect(held).toEqual(sentences.map((s) => asked.filter((t) => termsOf(s).includes(t))));
      }),
      { numRuns: RUNS },
    );
  });

  test("chains each term's places in `terms`, in order, from the first", () => {
    fc.assert(
      fc.property(text, (passageText) => {
        const passage = passageOf(passageText);
        const entry = new PassageTermsCache(new Map([[passage.id, passage]]), 1, () => null).get(
          passage.id,
        );
        const terms = entry?.terms ?? [];
        expect([...(entry?.firstAt.keys() ?? [])]).toEqual([...new Set(terms)]);
        for (const [term, first] of entry?.firstAt ?? []) {
          const chained: number[] = [];
          for (let at = first; at !== -1; at = entry?.nextAt[at] ?? -1) chained.push(at);
          const places = terms.flatMap((t, i) => (t === term ? [i] : []));
          expect(chained).toEqual(places);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
