import { CONFIDENCE_MODEL, confidenceOf } from "./confidence.ts";
import type { Examination } from "./examine.ts";
import type { Outcome, Refusal } from "./types.ts";
import { isRelated } from "./unrelated.ts";

/**
 * The answer confidence from which a yes or no shown answers the question: read from its sentence
 * with confidence enough to be shown, it settles the question when the passage is at least a fair
 * match, and "The story may not answer this" over a bold Yes says two things at once. Chosen on
 * the choose split (2026-12-06, worth each story alone / one corpus: without it 165 / 106, from 0
 * 168 / 86, 0.3 170 / 108, 0.4 166 / 104).
 */
export const SETTLED_FLOOR = 0.3;

/**
 * The outcome of a question from the model's confidence, how likely it is about the stories at
 * all, and the kind of stated reason, if any: a name no story names is refused whatever the
 * confidence (on SQuAD tune, 46 of the 3,287 questions it refused were asked of their own
 * article), as are an answer the model gives little chance and a question the unrelated model
 * finds about something else; a stated reason otherwise makes an answer uncertain at most. A yes
 * or no shown (`settled`) answers from `SETTLED_FLOOR`.
 */
export function decide(
  confidence: number,
  reason: Refusal["kind"] | null,
  related: () => boolean = () => true,
  settled = false,
): Outcome {
  const { answered, refused } = CONFIDENCE_MODEL.thresholds;
  // Relatedness last: a question refused already needs no subject or alignment worked out.
  if (reason === "unnamed" || confidence < refused || !related()) return "refused";
  const from = settled ? Math.min(answered, SETTLED_FLOOR) : answered;
  return confidence >= from && reason === null ? "answered" : "uncertain";
}

/**
 * The model's confidence in what was found, and the outcome it, relatedness, the stated reason
 * and a yes or no shown (`settled`) decide.
 */
export function judge(
  found: Pick<Examination, "evidence" | "shape" | "topic" | "alignment" | "reason">,
  settled = false,
): {
  confidence: number;
  outcome: Outcome;
} {
  const confidence = confidenceOf(found.evidence, found.shape);
  const related = () => isRelated(found.evidence, found.shape, found.topic, found.alignment);
  return { confidence, outcome: decide(confidence, found.reason?.kind ?? null, related, settled) };
}
