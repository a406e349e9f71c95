import { describe, expect, test } from "vitest";
import { answer } from "../src/answer/answer.ts";
import { prepareSuggestions } from "../src/answer/suggest.ts";
import { parseStory } from "../src/corpus/load.ts";
import { SearchIndex } from "../src/search/index.ts";

const harbour = parseStory(
  "harbour.md",
  "# Harbour Bridge Reopens\n\nThe Harbour Bridge reopened on Monday after repairs by Port Authority engineers. Port Authority engineers replaced the cables.\n",
);
const festival = parseStory(
  "festival.md",
  "# Jazz Festival Sells Out\n\nThe Riverside Jazz Festival sold out in an hour. Mayor Ana Lopez opened the Riverside Jazz Festival.\n",
);

describe("prepareSuggestions", () => {
  const refusals = [
    { question: "What is the price of gold?", options: {} },
    { question: "What is the price of gold?", options: { story: "festival" } },
    { question: "What is the price of gold?", options: { story: "harbour" } },
  ] as const;

  test("GIVEN suggestions checked ahead THEN each refusal suggests what an index checking on demand suggests", async () => {
    const prepared = SearchIndex.build([harbour, festival]);
    await prepareSuggestions(prepared, () => true);
    for (const { question, options } of refusals) {
      const onDemand = answer(SearchIndex.build([harbour, festival]), question, options);
      expect(onDemand.outcome).toBe("refused");
      expect(answer(prepared, question, options).suggestions).toEqual(onDemand.suggestions);
    }
  });

  test("GIVEN the index is no longer served THEN it stops before the next story", async () => {
    let asked = 0;
    await prepareSuggestions(SearchIndex.build([harbour, festival]), () => {
      asked++;
      return false;
    });
    expect(asked).toBe(1);
  });
});
