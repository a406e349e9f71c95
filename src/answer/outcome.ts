import { CONFIDENCE_MODEL, confidenceOf } from "./confidence.ts";
import type { Examination } from "./examine.ts";
import type { Outcome, Refusal } from "./types.ts";

/**
 * The outcome of a question from the model's confidence and the kind of stated reason, if any: a
 * name no story names is refused whatever the confidence (on SQuAD tune, 46 of the 3,287 questions
 * it refused were asked of their own article), as is an answer the model gives little chance; a
 * stated reason otherwise makes an answer uncertain at most.
 */
export function decide(confidence: number, reason: Refusal["kind"] | null): Outcome {
  const { answered, refused } = CONFIDENCE_MODEL.thresholds;
  if (reason === "unnamed" || confidence < refused) return "refused";
  return confidence >= answered && reason === null ? "answered" : "uncertain";
}

/** The model's confidence in what was found, and the outcome it and the stated reason decide. */
export function judge(found: Pick<Examination, "evidence" | "reason">): {
  confidence: number;
  outcome: Outcome;
} {
  const confidence = confidenceOf(found.evidence);
  return { confidence, outcome: decide(confidence, found.reason?.kind ?? null) };
}
