import { describe, expect, test } from "vitest";
import { defaultLexicon } from "../src/language/lexicon.ts";

const vectors = defaultLexicon().vectors;

describe("WordVectors rows", () => {
  test("GIVEN a word the table lacks THEN its row number is -1, and a word it holds has a row", () => {
    if (vectors === null) throw new Error("the word vectors did not load: run npm ci");
    expect(vectors.rowNumber("qzxvbnmw")).toBe(-1);
    expect(vectors.rowNumber("staff")).toBeGreaterThanOrEqual(0);
  });

  test("GIVEN two words' rows THEN their cosine is 1 for a word with itself and higher for a near synonym than for fruit", () => {
    if (vectors === null) throw new Error("the word vectors did not load: run npm ci");
    const staff = vectors.rowNumber("staff");
    expect(vectors.rowCosine(staff, staff)).toBeCloseTo(1, 9);
    expect(vectors.rowCosine(staff, vectors.rowNumber("personnel"))).toBeGreaterThan(
      vectors.rowCosine(staff, vectors.rowNumber("banana")) + 0.3,
    );
    expect(vectors.rowCosine(staff, vectors.rowNumber("personnel"))).toBe(
      vectors.similarity("staff", "personnel"),
    );
  });
});
