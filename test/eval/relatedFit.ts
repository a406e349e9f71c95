/**
 * Fits the unrelated model (src/answer/unrelated.ts) on the news test bed's fit stories and
 * chooses its refusal threshold on the choose stories, by the stated rule below.
 */
import { type ConfidenceModel, logistic } from "../../src/answer/confidence.ts";
import { RELATED_FEATURES, type RelatedModel } from "../../src/answer/unrelated.ts";
import { fitWeighted } from "./logistic.ts";
import type { NewsSample } from "./newsSamples.ts";

/**
 * Fits how likely a question is about the stories at all on the fit split's questions as members
 * asked them (each story alone and all in one corpus): in scope and near misses are about the
 * stories, unrelated questions (cooking, sport, tech support) are not.
 */
export function fitRelated(asked: readonly NewsSample[]): Omit<RelatedModel, "threshold"> {
  const fitted = fitWeighted(
    asked.map((s) => ({ x: s.related, y: s.question.style === "unrelated" ? 0 : 1, weight: 1 })),
    RELATED_FEATURES,
  );
  return { features: fitted.features, weights: fitted.weights, intercept: fitted.intercept };
}

// A refusal shows no passage: an unrelated question refused saves a member reading a passage that
// cannot answer it, an answerable one refused loses its answer. The threshold is the highest at
// which refusing by this model loses at most one in two hundred of the choose split's in-scope
// questions whose right passage would be shown (those refused anyway not counted as lost).
const MAX_LOST = 0.005;

/**
 * The refusal threshold of the unrelated model on the choose split's questions as asked: the
 * highest of 0.001, 0.002, … 0.999 by the rule above, given the confidence model's own refusals.
 */
export function chooseRelatedThreshold(
  asked: readonly NewsSample[],
  related: Omit<RelatedModel, "threshold">,
  confidence: ConfidenceModel,
): number {
  const kept = asked.filter(
    (s) =>
      s.question.paragraphs.length > 0 &&
      s.shown &&
      s.reason !== "unnamed" &&
      logistic(s.x, confidence) >= confidence.thresholds.refused,
  );
  const shown = asked.filter((s) => s.question.paragraphs.length > 0 && s.shown).length;
  const scores = kept.map((s) => logistic(s.related, related));
  let best = 0;
  for (let k = 1; k <= 999; k++) {
    const t = k / 1000;
    if (scores.filter((p) => p < t).length <= MAX_LOST * shown) best = t;
  }
  return best;
}
