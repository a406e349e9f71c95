import { describe, expect, test } from "vitest";
import { SHAPE_FEATURES, shapeFeatures, shapeLogChances } from "../src/answer/answerShape.ts";
import { extractPhrase } from "../src/answer/extract.ts";
import { PHRASE_MODEL } from "../src/answer/phraseModel.ts";
import { SHAPES } from "../src/answer/spanFeatures.ts";
import { readWording } from "../src/language/wording.ts";

/** The shape the committed models find likeliest for a question's answer. */
function likeliest(question: string): string {
  const chances = Array.from(shapeLogChances(readWording(question), PHRASE_MODEL.shape));
  return SHAPES[chances.indexOf(Math.max(...chances))] ?? "";
}

/** The mean-vector part of a question's shape features. */
function meaning(question: string): number[] {
  return Array.from(shapeFeatures(readWording(question))).slice(
    SHAPE_FEATURES.indexOf("meaning 0"),
  );
}

describe("shapeLogChances", () => {
  test.each(["What was the attendance?", "what was the turnout", "bridge cost", "paper bag fee"])(
    "expects a quantity for %j, which asks for a thing",
    (question) => {
      expect(readWording(question).spanKind).toBe("thing");
      expect(likeliest(question)).toBe("quantity");
    },
  );

  test("expects a name when a question asks which agency did something", () => {
    expect(likeliest("Which agency reported the figures?")).toBe("name");
  });

  test("gives every shape a chance, and chances that add up to about one", () => {
    const chances = Array.from(shapeLogChances(readWording("what happened"), PHRASE_MODEL.shape));
    expect(chances).toHaveLength(SHAPES.length);
    const total = chances.reduce((sum, c) => sum + Math.exp(c), 0);
    expect(total).toBeGreaterThanOrEqual(1 - 1e-9);
    expect(total).toBeLessThan(1.05);
  });
});

describe("shapeFeatures", () => {
  test("reads the two words of substance after the question word and none after them", () => {
    const short = meaning("What was the cost of the stadium?");
    expect(meaning("What was the cost of the stadium the mayor promised in 2019?")).toEqual(short);
    expect(meaning("What was the cost of the bridge?")).not.toEqual(short);
  });

  test("reads a question without a question word by its last two words", () => {
    expect(meaning("new paper bag fee")).toEqual(meaning("bag fee"));
    expect(meaning("paper bag fee")).not.toEqual(meaning("paper bag"));
  });

  test("reads only the kind asked when no word after the question word has a vector", () => {
    const x = Array.from(shapeFeatures(readWording("Who is he?")));
    expect(x[SHAPE_FEATURES.indexOf("asks person")]).toBe(1);
    expect(x.slice(SHAPE_FEATURES.indexOf("meaning 0")).every((v) => v === 0)).toBe(true);
  });
});

describe("the span scorer weighing the answer's shape", () => {
  const sentence =
    "Shops must charge customers 10 cents for each paper bag, a fee that stays with the business.";

  test.each(["paper bag fee", "what was the fee for a paper bag"])(
    "answers %j with the amount, not a word beside the fee",
    (question) => {
      expect(extractPhrase(readWording(question), [sentence])?.text).toBe("10 cents");
    },
  );
});
