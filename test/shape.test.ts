import { describe, expect, test } from "vitest";
import { questionShape, SHAPE_FEATURES, shapeVector } from "../src/language/shape.ts";
import { readWording } from "../src/language/wording.ts";

describe("questionShape", () => {
  const cases = [
    { text: "sentence length", on: ["short", "lowerCase", "unpunctuated"] },
    { text: "Who issued the directive?", on: ["asksPerson"] },
    { text: "wait who got best director lol", on: ["lowerCase", "unpunctuated", "asksPerson"] },
    { text: "How many personnel could be affected?", on: ["asksNumber"] },
    { text: "When was the integrity unit set up?", on: ["asksTime"] },
    { text: "How old is the senator?", on: ["asksTime"] },
    { text: "Did the talks with Moscow affect the decision?", on: ["asksYesNo"] },
    { text: "Why did the central bank raise rates so forcefully?", on: [] },
    { text: "How did Halloway respond to the piracy accusations?", on: [] },
    { text: "Which journal published the new species descriptions?", on: [] },
    {
      text: "I've been following these lawsuits for a while and every one of them seems to drag on forever, so when does this one go to trial?",
      on: ["long", "asksTime"],
    },
    { text: "Budget?", on: ["short"] },
  ] as const;
  for (const { text, on } of cases) {
    test(`reads "${text}" as ${on.join(", ") || "none of the shapes"}`, () => {
      const shape = questionShape(readWording(text));
      const set = SHAPE_FEATURES.filter((name) => shape[name] === 1);
      expect(set).toEqual([...on]);
    });
  }

  test("counts words, not characters: three words are short, four are not", () => {
    expect(questionShape(readWording("veto override vote")).short).toBe(1);
    expect(questionShape(readWording("the veto override vote")).short).toBe(0);
  });
});

describe("questionShape: whether a question speaks of the asker", () => {
  const cases = [
    { text: "how do i fix my wifi dropping every few minutes", firstPerson: 1 },
    { text: "I've been following this case, when is the trial?", firstPerson: 1 },
    { text: "can you tell me who won", firstPerson: 1 },
    { text: "Who issued the directive?", firstPerson: 0 },
    { text: "do we know how many died", firstPerson: 0 },
    { text: "What did Kim say about the Iowa vote?", firstPerson: 0 },
  ] as const;
  for (const { text, firstPerson } of cases) {
    test(`reads "${text}" as ${firstPerson === 1 ? "speaking" : "not speaking"} of the asker`, () => {
      expect(questionShape(readWording(text)).firstPerson).toBe(firstPerson);
    });
  }
});

describe("shapeVector", () => {
  test("follows SHAPE_FEATURES' order", () => {
    const shape = questionShape(readWording("how many ppl showed up"));
    expect(shapeVector(shape)).toEqual([0, 0, 1, 1, 0, 1, 0, 0]);
  });
});
