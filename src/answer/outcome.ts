import { CONFIDENCE_MODEL, confidenceOf } from "./confidence.ts";
import type { Examination } from "./examine.ts";
import type { Outcome, Refusal } from "./types.ts";
import { isRelated } from "./unrelated.ts";

/**
 * The outcome of a question from the model's confidence, how likely it is about the stories at
 * all, and the kind of stated reason, if any: a name no story names is refused whatever the
 * confidence (on SQuAD tune, 46 of the 3,287 questions it refused were asked of their own
 * article), as are an answer the model gives little chance and a question the unrelated model
 * finds about something else; a stated reason otherwise makes an answer uncertain at most.
 */
export function decide(
  confidence: number,
  reason: Refusal["kind"] | null,
  related: () => boolean = () => true,
): Outcome {
  const { answered, refused } = CONFIDENCE_MODEL.thresholds;
  // Relatedness last: a question refused already needs no subject or alignment worked out.
  if (reason === "unnamed" || confidence < refused || !related()) return "refused";
  return confidence >= answered && reason === null ? "answered" : "uncertain";
}

/** The model's confidence in what was found, and the outcome it, relatedness and the stated reason decide. */
export function judge(
  found: Pick<Examination, "evidence" | "shape" | "topic" | "alignment" | "reason">,
): {
  confidence: number;
  outcome: Outcome;
} {
  const confidence = confidenceOf(found.evidence, found.shape);
  const related = () => isRelated(found.evidence, found.shape, found.topic, found.alignment);
  return { confidence, outcome: decide(confidence, found.reason?.kind ?? null, related) };
}
