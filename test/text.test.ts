import { describe, expect, test } from "vitest";
import { writtenRuns } from "../src/language/text.ts";

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
