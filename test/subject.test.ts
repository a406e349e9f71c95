import { describe, expect, test } from "vitest";
import { defaultLexicon } from "../src/language/lexicon.ts";
import { subjectCloseness, subjectOf } from "../src/language/subject.ts";
import { tokenize } from "../src/language/text.ts";

const lexicon = defaultLexicon();
const subject = (text: string) => subjectOf(tokenize(text), lexicon);

describe("subjectOf", () => {
  test("GIVEN a cooking question THEN its subject is closer to a recipe than to a budget vote", () => {
    const asked = subject("how long do i boil an egg for a runny yolk");
    const recipe = subject("Simmer the eggs for six minutes, then cool them in iced water.");
    const budget = subject("Lawmakers approved the state budget after a veto override vote.");
    expect(subjectCloseness(asked, recipe)).toBeGreaterThan(subjectCloseness(asked, budget) + 0.2);
  });

  test("GIVEN only stop words and everyday words THEN there is no subject", () => {
    expect(subject("what is it and how do you do that")).toBeNull();
  });

  test("GIVEN no word vectors THEN there is no subject", () => {
    expect(subjectOf(["budget"], { ...lexicon, vectors: null })).toBeNull();
  });
});

describe("subjectCloseness", () => {
  test("GIVEN the same subject twice THEN it is 1, and 0 when either is missing", () => {
    const veto = subject("the governor vetoed the school funding bill");
    expect(subjectCloseness(veto, veto)).toBeCloseTo(1, 5);
    expect(subjectCloseness(veto, null)).toBe(0);
    expect(subjectCloseness(null, veto)).toBe(0);
  });
});
