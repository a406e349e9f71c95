import { describe, expect, test } from "vitest";
import { termsOf, tokenize, writtenRuns } from "../src/language/text.ts";

describe("writtenRuns", () => {
  const texts = (text: string, words: readonly string[]) =>
    writtenRuns(text, words).map((run) => (run.the ? `the ${run.text}` : run.text));

  test("GIVEN two words of one name side by side THEN they are one run, as typed", () => {
    expect(texts("who won the 2022 World Cup?", ["world", "cup"])).toEqual(["World Cup"]);
    expect(texts("weather in new york tomorrow", ["new", "york"])).toEqual(["new york"]);
  });

  test("GIVEN words apart, or with a comma between THEN each is a run of its own, with its the", () => {
    expect(texts("Did China, Russia and the UK talk?", ["uk", "china", "russia"])).toEqual([
      "China",
      "Russia",
      "the UK",
    ]);
  });

  test("GIVEN a word inside a capitalised name THEN the run is the whole name, not past a possessive", () => {
    expect(texts("Who heads the UK's National Cyber Security Centre?", ["uk", "centre"])).toEqual([
      "the UK",
      "National Cyber Security Centre",
    ]);
  });

  test("GIVEN a capitalised first word or a word the text does not write THEN neither joins a run", () => {
    expect(texts("China talks stalled", ["talks", "kremlin"])).toEqual(["talks", "kremlin"]);
  });
});

describe("tokenize", () => {
  test("GIVEN a negative contraction THEN it is one word, as chat types it, not a verb and a t", () => {
    expect(tokenize("They won't say why, and it isn’t clear.")).toEqual([
      "they",
      "wont",
      "say",
      "why",
      "and",
      "it",
      "isnt",
      "clear",
    ]);
  });

  test("GIVEN other contractions THEN their endings go, and an apostrophe inside a name stays a cut", () => {
    expect(tokenize("They're sure we'll see I'd O'Dell's D'Angelo")).toEqual([
      "they",
      "sure",
      "we",
      "see",
      "i",
      "o",
      "dell",
      "d",
      "angelo",
    ]);
  });

  test("GIVEN a question with a contraction THEN it searches no content word the contraction left", () => {
    // "won" of "won't" used to search as the verb "win", "don" of "don't" as "put on".
    expect(termsOf("Why won't the council vote? Don't they care?")).toEqual([
      "council",
      "vote",
      "care",
    ]);
  });
});
