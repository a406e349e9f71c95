import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { splitSentences } from "../../src/corpus/sentences.ts";
import type { Passage } from "../../src/corpus/types.ts";
import { termFor, termsOf, tokenize } from "../../src/language/text.ts";
import { PassageTermsCache } from "../../src/search/passageTerms.ts";
import { QueryScan } from "../../src/search/queryScan.ts";
import type { QueryTerm } from "../../src/search/types.ts";
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
        // Every term of the passage or of a sentence, and one of neither, asked of each sentence
        // alone: its weight is found there when the sentence holds it.
        const asked = [...new Set([...(entry?.terms ?? []), ...termsOf(passageText), "zzzq"])];
        const held = sentences.map((_, s) =>
          asked.filter((term) => {
            const scan = new QueryScan([queryTerm(term, [])]);
            if (entry !== undefined) scan.scan(entry);
            return scan.found(s) === 1;
          }),
        );
        expect(held).toEqual(sentences.map((s) => asked.filter((t) => termsOf(s).includes(t))));
      }),
      { numRuns: RUNS },
    );
  });

  test("scans a passage for a query as sets of its terms and lists of their places say", () => {
    // Query terms and their stand-ins drawn from the passage's terms and two it lacks.
    const query = fc.array(
      fc.tuple(fc.nat(), fc.array(fc.nat(), { maxLength: 3 }), fc.double({ min: 0.1, max: 9 })),
      { maxLength: 8 },
    );
    fc.assert(
      fc.property(text, query, (passageText, drawn) => {
        const passage = passageOf(passageText);
        const entry = new PassageTermsCache(new Map([[passage.id, passage]]), 1, () => null).get(
          passage.id,
        );
        if (entry === undefined) throw new Error("no entry");
        const pool = [...new Set(entry.terms), "zzzq", "yyyq"];
        const pick = (n: number) => pool[n % pool.length] ?? "";
        const terms = drawn.map(([term, stand, weight], q) =>
          queryTerm(pick(term), stand.map(pick), weight, q),
        );
        const scan = new QueryScan(terms);
        scan.scan(entry);
        const set = new Set(entry.terms);
        terms.forEach((t, q) => {
          expect(scan.holds(q, -1)).toBe(set.has(t.term));
          t.expansions.forEach((e, v) => {
            expect(scan.holds(q, v)).toBe(set.has(e.term));
          });
        });
        expect(scan.found(-1)).toBe(foundIn(terms, set));
        splitSentences(passageText).forEach((sentence, s) => {
          expect(scan.found(s)).toBe(foundIn(terms, new Set(termsOf(sentence))));
        });
        expect(scan.bigramsFound()).toBe(bigramsOf(terms, entry.terms));
      }),
      { numRuns: RUNS },
    );
  });
});

function queryTerm(term: string, standIns: readonly string[], weight = 1, seed = 0): QueryTerm {
  return {
    word: term,
    term,
    known: standIns.length === 0,
    weight,
    informativeness: 1,
    name: false,
    // Strengths strongest first, as expansion sorts them, and differing from term to term.
    expansions: standIns.map((s, i) => ({
      term: s,
      strength: 0.9 - 0.1 * i - 0.01 * seed,
      source: "spelling",
      name: false,
    })),
  };
}

/** The query's weight found in a set of terms, as the re-rank weighed sets of terms. */
function foundIn(terms: readonly QueryTerm[], held: ReadonlySet<string>): number {
  let weight = 0;
  for (const t of terms) {
    if (held.has(t.term)) weight += t.weight;
    else {
      const expansion = t.expansions.find((e) => held.has(e.term));
      if (expansion !== undefined) weight += t.weight * expansion.strength;
    }
  }
  return weight;
}

/** Consecutive query terms with places at most two apart, from lists of each term's places. */
function bigramsOf(terms: readonly QueryTerm[], passageTerms: readonly string[]): number {
  const placesOf = (term: string) => passageTerms.flatMap((t, i) => (t === term ? [i] : []));
  const variants = (t: QueryTerm) => [t.term, ...t.expansions.map((e) => e.term)].flatMap(placesOf);
  let found = 0;
  for (let q = 1; q < terms.length; q++) {
    const left = terms[q - 1];
    const right = terms[q];
    if (left === undefined || right === undefined) continue;
    const rightAt = variants(right);
    if (variants(left).some((a) => rightAt.some((b) => Math.abs(b - a) <= 2))) found++;
  }
  return found;
}
