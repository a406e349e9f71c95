import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { editDistance, TermIndex } from "../src/language/termIndex.ts";

// The scan TermIndex replaces: every term compared with the one looked up.
function scan(terms: readonly string[], term: string, maxEdits: number) {
  const found: { term: string; stem: boolean; edits: number }[] = [];
  for (const candidate of terms) {
    if (candidate === term) continue;
    const stem = sharesStemByScan(term, candidate);
    const edits =
      maxEdits > 0 && Math.abs(candidate.length - term.length) <= maxEdits
        ? editDistance(term, candidate, maxEdits)
        : maxEdits + 1;
    if (stem || edits <= maxEdits) found.push({ term: candidate, stem, edits });
  }
  return found;
}

// expand.ts's sharesStem, restated: one begins the other (4 letters on), or of about one length
// they share all but the last letter of five or more.
function sharesStemByScan(a: string, b: string): boolean {
  const shorter = Math.min(a.length, b.length);
  if (shorter < 4) return false;
  let common = 0;
  while (common < shorter && a[common] === b[common]) common++;
  if (common === shorter) return true;
  return common >= Math.max(5, shorter - 1) && Math.abs(a.length - b.length) <= 1;
}

describe("TermIndex", () => {
  const terms = [
    "schumer",
    "senat",
    "senate",
    "sent",
    "provoc",
    "provok",
    "hack",
    "hacker",
    "putin",
  ];
  const index = new TermIndex(terms);

  const cases = [
    { term: "shumer", maxEdits: 1, out: [{ term: "schumer", stem: false, edits: 1 }] },
    { term: "putn", maxEdits: 1, out: [{ term: "putin", stem: false, edits: 1 }] },
    {
      term: "provoke",
      maxEdits: 0,
      out: [
        { term: "provoc", stem: true, edits: 1 },
        { term: "provok", stem: true, edits: 1 },
      ],
    },
    {
      term: "hackers",
      maxEdits: 1,
      out: [
        { term: "hack", stem: true, edits: 2 },
        { term: "hacker", stem: true, edits: 1 },
      ],
    },
  ] as const;
  for (const { term, maxEdits, out } of cases) {
    test(`finds ${out.map((o) => o.term).join(", ")} near "${term}" (${maxEdits} edits)`, () => {
      expect(index.near(term, maxEdits)).toEqual(out);
    });
  }

  test("finds what a scan of every term finds, in the order the terms were given", () => {
    const word = fc.stringMatching(/^[a-e]{1,9}$/);
    fc.assert(
      fc.property(
        fc.uniqueArray(word, { maxLength: 60 }),
        word,
        fc.integer({ min: 0, max: 2 }),
        (vocabulary, term, maxEdits) => {
          const near = new TermIndex(vocabulary).near(term, maxEdits);
          // Beyond the limit, only "more than the limit" is promised.
          const capped = near.map((n) => ({ ...n, edits: Math.min(n.edits, maxEdits + 1) }));
          expect(capped).toEqual(scan(vocabulary, term, maxEdits));
        },
      ),
      { numRuns: 300 },
    );
  });
});
