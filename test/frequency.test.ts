import { describe, expect, test } from "vitest";
import { WordFrequencies } from "../src/language/frequency.ts";

const counts = new Map([
  ["affect", 900],
  ["effect", 2000],
  ["receive", 800],
  ["bidden", 40],
  ["put", 90_000],
]);
const frequencies = WordFrequencies.of(counts, 10_000_000);

describe("WordFrequencies.correction", () => {
  const cases = [
    { word: "afect", out: "affect" }, // a letter dropped
    { word: "affectt", out: "affect" }, // a letter added
    { word: "recieve", out: "receive" }, // two letters swapped
    { word: "effecr", out: "effect" }, // a letter changed
    { word: "affect", out: null }, // a word it knows is no typo
    { word: "biden", out: null }, // one edit from a word too rare to trust
    { word: "zelensky", out: null }, // nothing one edit away
  ];
  for (const { word, out } of cases) {
    test(`reads "${word}" as ${out === null ? "no everyday word" : `"${out}"`}`, () => {
      expect(frequencies.correction(word)).toBe(out);
    });
  }

  test("GIVEN two words one edit away THEN the more common one wins", () => {
    expect(frequencies.correction("ffect")).toBe("effect");
  });
});

describe("WordFrequencies.lengthenings", () => {
  const chat = WordFrequencies.of(
    new Map([
      ["people", 60_000],
      ["purple", 2_000],
      ["ppl", 7],
      ["about", 180_000],
      ["abt", 11],
      ["apt", 500],
    ]),
    10_000_000,
  );

  test("GIVEN a rare word whose letters an everyday word holds in order THEN it lengthens to that word", () => {
    expect(chat.lengthenings("ppl")).toEqual(["people"]);
    expect(chat.lengthenings("abt")).toEqual(["about"]);
  });

  test("GIVEN a word used as often as a thousandth of the longer word THEN it is no shortening of it", () => {
    // "purple" holds "ppl" but is used under a thousand times as often (2,000 against 7 + 1).
    expect(chat.lengthenings("ppl")).not.toContain("purple");
    expect(chat.lengthenings("apt")).toEqual([]);
  });

  test("GIVEN a word that no everyday word of its first letter holds THEN it has no lengthening", () => {
    expect(chat.lengthenings("pzq")).toEqual([]);
    expect(chat.lengthenings("bout")).toEqual([]);
    expect(chat.lengthenings("p")).toEqual([]);
  });
});

describe("WordFrequencies.writtenCapitalised", () => {
  const subtitles = WordFrequencies.load();
  test("GIVEN a first name the subtitles write capitalised THEN it is; a lower-case or unknown word is not", () => {
    expect(["mike", "chuck", "pete"].map((w) => subtitles.writtenCapitalised(w))).toEqual([
      true,
      true,
      true,
    ]);
    expect(["leader", "waltz", "hegseth"].map((w) => subtitles.writtenCapitalised(w))).toEqual([
      false,
      false,
      false,
    ]);
  });
});
