import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { EVIDENCE_FEATURES, type Evidence } from "../src/answer/evidence.ts";
import {
  isRelated,
  RELATED_FEATURES,
  RELATED_MODEL,
  type RelatedModel,
  relatedness,
} from "../src/answer/unrelated.ts";
import { questionShape } from "../src/language/shape.ts";
import { readWording } from "../src/language/wording.ts";

/** Evidence with every field at `value`, then `fields` set. */
function evidenceOf(value: number, fields: Partial<Record<keyof Evidence, number>> = {}): Evidence {
  return Object.assign(
    Object.fromEntries(EVIDENCE_FEATURES.map((f) => [f, value])) as unknown as Evidence,
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
          minLength: EVIDENCE_FEATURES.length,
          maxLength: EVIDENCE_FEATURES.length,
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
            Object.fromEntries(EVIDENCE_FEATURES.map((f, i) => [f, values[i] ?? 0])),
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
