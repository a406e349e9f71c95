import fc from "fast-check";
import { beforeAll, describe, expect, test } from "vitest";
import { EVIDENCE_FEATURES, type Evidence } from "../src/answer/evidence.ts";
import { examine } from "../src/answer/examine.ts";
import { readQuestion } from "../src/answer/question.ts";
import {
  isRelated,
  RELATED_FEATURES,
  RELATED_MODEL,
  type RelatedModel,
  relatedness,
} from "../src/answer/unrelated.ts";
import { questionShape } from "../src/language/shape.ts";
import { readWording } from "../src/language/wording.ts";
import type { SearchIndex } from "../src/search/index.ts";
import { shippedIndex } from "./support/bot.ts";

// Every field of the evidence: the confidence's features, and the one only the unrelated model weighs.
const EVIDENCE_FIELDS: readonly (keyof Evidence)[] = [...EVIDENCE_FEATURES, "rarestHeld"];

/** Evidence with every field at `value`, then `fields` set. */
function evidenceOf(value: number, fields: Partial<Record<keyof Evidence, number>> = {}): Evidence {
  return Object.assign(
    Object.fromEntries(EVIDENCE_FIELDS.map((f) => [f, value])) as unknown as Evidence,
    fields,
  );
}

// A question that does not speak of the asker, and one that does.
const aboutTheStory = questionShape(readWording("Who approved the budget?"));
const aboutTheAsker = questionShape(readWording("how do i fix my budget spreadsheet"));

const unit = fc.double({ min: 0, max: 1, noNaN: true });
const cosine = fc.double({ min: -1, max: 1, noNaN: true });

describe("isRelated", () => {
  test("says what the model's probability says, for any evidence, wording, subject and alignment", () => {
    fc.assert(
      fc.property(
        fc.array(unit, {
          minLength: EVIDENCE_FIELDS.length,
          maxLength: EVIDENCE_FIELDS.length,
        }),
        fc.double({ min: 0, max: 5, noNaN: true }),
        fc.boolean(),
        cosine,
        cosine,
        unit,
        unit,
        unit,
        (values, margin, asker, first, best, news, mean, least) => {
          const evidence = Object.assign(
            evidenceOf(0),
            Object.fromEntries(EVIDENCE_FIELDS.map((f, i) => [f, values[i] ?? 0])),
            { margin },
          );
          const topic = { first, best, news };
          const alignment = { mean, least };
          const shape = asker ? aboutTheAsker : aboutTheStory;
          expect(
            isRelated(
              evidence,
              shape,
              () => topic,
              () => alignment,
            ),
          ).toBe(relatedness(evidence, shape, topic, alignment) >= RELATED_MODEL.threshold);
        },
      ),
      { numRuns: 2_000 },
    );
  });

  // A model made for these tests, so that what settles a question does not move with a refit:
  // evidence of full coverage is related whatever the subject and alignment add (-2 to 3, 0 to 2).
  const madeUp: RelatedModel = {
    features: RELATED_FEATURES,
    weights: RELATED_FEATURES.map((f) =>
      f === "coverage" ? 5 : f.startsWith("topic") || f.startsWith("align") ? 1 : 0,
    ),
    intercept: -2,
    threshold: 0.5,
  };

  test("a question the search covers whole is related without its subject or alignment worked out", () => {
    const covered = evidenceOf(0, { coverage: 1 });
    const never = (): never => {
      throw new Error("worked out, though the evidence settles it");
    };
    expect(isRelated(covered, aboutTheStory, never, never, madeUp)).toBe(true);
  });

  test("a question the search covers in part has its subject and then its alignment worked out while they can tip it", () => {
    const asked: string[] = [];
    const partly = evidenceOf(0, { coverage: 0.4 });
    const related = isRelated(
      partly,
      aboutTheStory,
      () => {
        asked.push("subject");
        return { first: -0.25, best: -0.25, news: 0.25 };
      },
      () => {
        asked.push("alignment");
        return { mean: 0.5, least: 0.5 };
      },
      madeUp,
    );
    expect(asked).toEqual(["subject", "alignment"]);
    expect(related).toBe(
      relatedness(
        partly,
        aboutTheStory,
        { first: -0.25, best: -0.25, news: 0.25 },
        { mean: 0.5, least: 0.5 },
        madeUp,
      ) >= 0.5,
    );
  });
});

describe("the most telling word the first passage holds (rarestHeld)", () => {
  let index: SearchIndex;
  beforeAll(async () => {
    index = await shippedIndex();
  });
  const rarestHeld = (question: string) =>
    examine(index, readQuestion(index, question)).evidence.rarestHeld;

  test("GIVEN a name the passage holds ('hegseth') THEN it tells all there is (1)", () => {
    expect(rarestHeld("what did hegseth order")).toBe(1);
  });

  test("GIVEN a word everyday English seldom uses ('directive') THEN it tells much", () => {
    expect(rarestHeld("Who issued the directive?")).toBeGreaterThan(0.8);
  });

  test("GIVEN only an everyday word held ('old', 'meet') THEN it tells little", () => {
    expect(rarestHeld("how old is he")).toBeLessThan(0.2);
    expect(rarestHeld("when did they meet")).toBeLessThan(0.2);
  });

  test("GIVEN no word held THEN it tells nothing (0)", () => {
    expect(rarestHeld("what time is it")).toBe(0);
  });
});
