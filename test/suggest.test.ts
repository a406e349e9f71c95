import { describe, expect, test } from "vitest";
import { answer } from "../src/answer/answer.ts";
import { prepareSuggestions } from "../src/answer/suggest.ts";
import { SearchIndex } from "../src/search/index.ts";
import { festival, harbour } from "./support/stories.ts";

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
