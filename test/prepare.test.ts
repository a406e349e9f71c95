import { describe, expect, test } from "vitest";
import { answer } from "../src/answer/answer.ts";
import { surfacesOfPassage } from "../src/answer/passageWords.ts";
import { answerPreparation, subjectPreparation } from "../src/answer/prepare.ts";
import { parseStory } from "../src/corpus/load.ts";
import type { Story } from "../src/corpus/types.ts";
import { tokenize } from "../src/language/text.ts";
import { SearchIndex } from "../src/search/index.ts";

/** One story of `passages` paragraphs of `sentences` sentences each. */
function storyOf(passages: number, sentences: number): Story {
  const paragraphs = Array.from({ length: passages }, (_, p) =>
    Array.from(
      { length: sentences },
      (_, s) => `The ferry of pier ${p} sailed at ${s} past the lighthouse.`,
    ).join(" "),
  );
  return parseStory("ferries.md", ["---", "title: Ferries", "---", ...paragraphs].join("\n\n"));
}

describe("answerPreparation", () => {
  test("GIVEN 250 passages of one sentence THEN it yields once counted and after each passage", () => {
    expect([...answerPreparation(SearchIndex.build([storyOf(250, 1)]))]).toHaveLength(251);
  });

  test("GIVEN 250 passages of 20 sentences (5,000, more than the phrase cutter keeps) THEN it reads nothing ahead", () => {
    expect([...answerPreparation(SearchIndex.build([storyOf(250, 20)]))]).toHaveLength(0);
  });

  test("GIVEN passages read ahead THEN an answer is the one an index that reads them on demand gives", () => {
    const story = storyOf(120, 2);
    const prepared = SearchIndex.build([story]);
    for (const _ of answerPreparation(prepared));
    const question = "When did the ferry of pier 7 sail past the lighthouse?";
    const expected = answer(SearchIndex.build([story]), question);
    expect(expected.results.length).toBeGreaterThan(0);
    expect(answer(prepared, question)).toEqual(expected);
  });
});

describe("subjectPreparation", () => {
  test("GIVEN 250 passages THEN it yields after each passage", () => {
    expect([...subjectPreparation(SearchIndex.build([storyOf(250, 1)]))]).toHaveLength(250);
  });

  test("GIVEN passages whose sentences touch and words with possessives THEN the words answers cut, which subjects and word vectors are read from, are the text's tokens", () => {
    const story = parseStory(
      "harbour.md",
      [
        "---",
        "title: Harbour",
        "---",
        "The harbour's pilots struck.\"It's over,\" said Ms. Reyes.",
      ].join("\n\n"),
    );
    const passage = story.passages.find((p) => p.kind === "paragraph");
    if (passage === undefined) throw new Error("the story has no paragraph");
    const cut = surfacesOfPassage(passage);
    expect(cut).toEqual(tokenize(passage.text));
    expect(cut).toContain("harbour");
  });
});
