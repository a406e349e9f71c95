import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { EVIDENCE_FEATURES, type Evidence } from "../src/answer/evidence.ts";
import { isRelated, RELATED_MODEL, relatedness } from "../src/answer/unrelated.ts";

/** Evidence with every field at `value`, then `fields` set. */
function evidenceOf(value: number, fields: Partial<Record<keyof Evidence, number>> = {}): Evidence {
  return Object.assign(
    Object.fromEntries(EVIDENCE_FEATURES.map((f) => [f, value])) as unknown as Evidence,
    fields,
  );
}

const unit = fc.double({ min: 0, max: 1, noNaN: true });
const cosine = fc.double({ min: -1, max: 1, noNaN: true });

describe("isRelated", () => {
  test("says what the model's probability says, for any evidence, subject and alignment", () => {
    fc.assert(
      fc.property(
        fc.array(unit, {
          minLength: EVIDENCE_FEATURES.length,
          maxLength: EVIDENCE_FEATURES.length,
        }),
        fc.double({ min: 0, max: 5, noNaN: true }),
        cosine,
        cosine,
        unit,
        unit,
        (values, margin, first, best, mean, least) => {
          const evidence = Object.assign(
            evidenceOf(0),
            Object.fromEntries(EVIDENCE_FEATURES.map((f, i) => [f, values[i] ?? 0])),
            { margin },
          );
          const topic = { first, best };
          const alignment = { mean, least };
          expect(
            isRelated(
              evidence,
              () => topic,
              () => alignment,
            ),
          ).toBe(relatedness(evidence, topic, alignment) >= RELATED_MODEL.threshold);
        },
      ),
      { numRuns: 2_000 },
    );
  });

  test("a question the search covers whole is related without its alignment worked out", () => {
    const covered = evidenceOf(0, { coverage: 1, topCoverage: 1, exactCoverage: 1, length: 2 });
    const never = (): never => {
      throw new Error("worked out, though the evidence settles it");
    };
    expect(isRelated(covered, () => ({ first: 0.5, best: 0.5 }), never)).toBe(true);
  });

  test("a question the search barely covers has its subject and alignment worked out", () => {
    let asked = 0;
    const weak = evidenceOf(0, { coverage: 0.2, topCoverage: 0.2 });
    isRelated(
      weak,
      () => {
        asked++;
        return { first: 0.5, best: 0.5 };
      },
      () => {
        asked++;
        return { mean: 0.5, least: 0.5 };
      },
    );
    expect(asked).toBe(2);
  });
});
