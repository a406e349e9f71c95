import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { alignAll, alignmentOf, askedWords, passageVectors } from "../src/language/alignment.ts";
import { defaultLexicon } from "../src/language/lexicon.ts";
import { tokenize } from "../src/language/text.ts";
import { WORD_VECTORS_DIR } from "../src/language/vectors.ts";

const lexicon = defaultLexicon();
const align = (question: string, passage: string) =>
  alignmentOf(tokenize(question), passageVectors(tokenize(passage), lexicon), lexicon);

const BUDGET = "Lawmakers approved the state budget after the governor's veto was overridden.";

describe("alignmentOf", () => {
  test("GIVEN a question whose words the passage holds THEN it is fully aligned", () => {
    const a = align("was the veto overridden by lawmakers", BUDGET);
    expect(a.mean).toBeCloseTo(1, 5);
    expect(a.least).toBeCloseTo(1, 5);
  });

  test("GIVEN a reworded question THEN it is closer to the passage than a cooking question", () => {
    const reworded = align("did legislators pass the spending plan", BUDGET);
    const cooking = align("how long do i boil an egg for a runny yolk", BUDGET);
    expect(reworded.mean).toBeGreaterThan(cooking.mean + 0.2);
    expect(reworded.mean).toBeLessThan(1);
  });

  test("GIVEN a question whose rare focus the passage lacks THEN its least-aligned word shows it", () => {
    const held = align("did lawmakers approve the budget", BUDGET);
    const lacking = align("did lawmakers approve the budget for submarines", BUDGET);
    expect(lacking.least).toBeLessThan(held.least - 0.3);
  });

  test("GIVEN only stop words and everyday words THEN it is fully aligned (nothing weighed)", () => {
    expect(align("what is it and how do you do that", BUDGET)).toEqual({ mean: 1, least: 1 });
  });

  test("GIVEN no word vectors THEN only words spelled alike align", () => {
    const bare = { ...lexicon, vectors: null };
    const a = alignmentOf(
      tokenize("did legislators approve the budget"),
      passageVectors(tokenize(BUDGET), bare),
      bare,
    );
    expect(a.least).toBe(0);
    expect(a.mean).toBeGreaterThan(0);
    expect(a.mean).toBeLessThan(1);
  });
});

describe("alignAll", () => {
  test("GIVEN several passages at once THEN each gets what aligning it alone gives", () => {
    const passages = [
      BUDGET,
      "The storm knocked out power to thousands of homes along the coast.",
      "Legislators passed a spending plan and the governor signed it into law.",
      "The",
    ].map((text) => passageVectors(tokenize(text), lexicon));
    const asked = askedWords(
      tokenize("did legislators pass the spending plan for the coast"),
      lexicon,
    );
    const together = alignAll(asked, passages);
    const alone = passages.map((p) => alignAll(asked, [p])[0]);
    expect(together).toEqual(alone);
    expect(new Set(together.map((a) => a.mean)).size).toBe(passages.length);
  });

  test("GIVEN passages with more word vectors together than a batch held before THEN each gets what aligning it alone gives", () => {
    // Four passages of 400 distinct words of the table each: 1,600 rows, past the 1,024 the batch
    // starts with.
    const vocabulary = readFileSync(join(WORD_VECTORS_DIR, "word-vectors.txt"), "utf8")
      .split("\n")
      .slice(5_000, 6_600);
    const passages = [0, 1, 2, 3].map((p) =>
      passageVectors(vocabulary.slice(p * 400, (p + 1) * 400), lexicon),
    );
    expect(passages.reduce((sum, p) => sum + p.rows.length, 0)).toBeGreaterThan(1024);
    const asked = askedWords(tokenize("did legislators pass the spending plan"), lexicon);
    expect(alignAll(asked, passages)).toEqual(passages.map((p) => alignAll(asked, [p])[0]));
  });

  test("GIVEN a word the passage lacks THEN its best likeness is the table's cosine to the closest passage word", () => {
    const vectors = lexicon.vectors;
    if (vectors === null) throw new Error("the shipped lexicon has no vectors");
    const a = alignAll(askedWords(["legislators"], lexicon), [
      passageVectors(["lawmakers", "budget"], lexicon),
    ])[0];
    const closest = Math.max(
      vectors.similarity("legislators", "lawmakers") ?? 0,
      vectors.similarity("legislators", "budget") ?? 0,
    );
    expect(a?.mean).toBeCloseTo(closest, 12);
    expect(closest).toBeGreaterThan(0.5);
  });
});

describe("passageVectors", () => {
  test("GIVEN a passage's words THEN its vectors are the words' rows of the table, in order, and words without one are left out", () => {
    const vectors = lexicon.vectors;
    if (vectors === null) throw new Error("the shipped lexicon has no vectors");
    const packed = passageVectors(["budget", "zzqxv", "veto"], lexicon);
    expect(packed.rows.map((row) => [...row.values])).toEqual([
      [...(vectors.rowOf("budget")?.values ?? [])],
      [...(vectors.rowOf("veto")?.values ?? [])],
    ]);
  });

  test("GIVEN two passages holding one word THEN they share its vector rather than each keeping a copy", () => {
    const a = passageVectors(["budget", "veto"], lexicon);
    const b = passageVectors(["budget", "lawmakers"], lexicon);
    expect(a.rows[0]).toBe(b.rows[0]);
  });
});
