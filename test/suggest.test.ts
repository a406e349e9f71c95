import { describe, expect, test } from "vitest";
import { answer } from "../src/answer/answer.ts";
import { candidateQuestions, prepareSuggestions } from "../src/answer/suggest.ts";
import { parseStory } from "../src/corpus/load.ts";
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

describe("candidateQuestions", () => {
  const story = parseStory(
    "derailment.md",
    [
      "# Freight Train Derails",
      "",
      "CARROW JUNCTION, Neb. (Wire) — A freight train derailed near Carrow Junction on Tuesday, Mayor Dana Ruiz said.",
      "",
      "The crew tested positive for EPO. The Regional Rail Safety Board will investigate, Mayor Dana Ruiz added.",
      "",
      "The Western Freight Railroad's crews began clearing the line on Wednesday.",
      "",
    ].join("\n"),
  );

  test("GIVEN a wire dateline in capitals THEN it suggests no question about it", () => {
    const questions = candidateQuestions(story.passages);
    expect(questions).not.toContain("What does the story say about CARROW JUNCTION?");
    expect(questions).toContain("What does the story say about Carrow Junction?");
  });

  test("GIVEN capitalised words across a sentence's end THEN they are two names, not one", () => {
    const questions = candidateQuestions(story.passages);
    expect(questions[0]).toBe("What does the story say about Mayor Dana Ruiz?");
    expect(questions).toContain("What does the story say about the Regional Rail Safety Board?");
    expect(questions.some((q) => q.includes("EPO"))).toBe(false);
  });

  test("GIVEN a name in the possessive THEN it is suggested without its 's", () => {
    expect(candidateQuestions(story.passages)).toContain(
      "What does the story say about the Western Freight Railroad?",
    );
  });

  const senate = parseStory(
    "senate.md",
    [
      "# Senate Passes Bill",
      "",
      "Twenty-six Democrats voted for the bill, said Sen. Thomas Keegan of Scranton, and Huddlepost's European users objected.",
      "",
      "The Office for Digital Privacy Enforcement fined the Green Alliance, which the Green Alliance disputes. Green Alliance members met Sen. Thomas Keegan.",
      "",
    ].join("\n"),
  );
  const about = (name: string) => `What does the story say about ${name}?`;

  test("GIVEN a sentence's first word the story never capitalises elsewhere THEN it is no part of a name", () => {
    expect(candidateQuestions(senate.passages).some((q) => q.includes("Twenty-six"))).toBe(false);
  });

  test("GIVEN of, for or & inside a name THEN the name is whole, and of after a person's name ends it", () => {
    const questions = candidateQuestions(senate.passages);
    expect(questions).toContain(about("the Office for Digital Privacy Enforcement"));
    expect(questions).toContain(about("Sen. Thomas Keegan"));
    expect(questions.some((q) => q.includes("Scranton"))).toBe(false);
  });

  test("GIVEN a name the story writes mostly after the THEN its question says the; a possessive parts two names", () => {
    const questions = candidateQuestions(senate.passages);
    expect(questions).toContain(about("the Green Alliance"));
    expect(questions.some((q) => q.includes("Huddlepost"))).toBe(false);
  });
});
