import type { Alignment } from "../language/alignment.ts";
import { checkCalibrated, logistic } from "./confidence.ts";
import { EVIDENCE_FEATURES, type Evidence, evidenceVector } from "./evidence.ts";
import type { Topic } from "./topic.ts";
import model from "./unrelated.json" with { type: "json" };

/**
 * The features the unrelated model weighs: the evidence, how close in subject the passages are, and
 * how well the first passage stands for the question's words in meaning.
 */
export const RELATED_FEATURES = [
  ...EVIDENCE_FEATURES,
  "topicFirst",
  "topicBest",
  "alignMean",
  "alignLeast",
] as const;

/**
 * A logistic model of how likely a question is about the stories at all (answerable or a near
 * miss) rather than unrelated to them ("how long do i boil an egg"), fitted by `npm run calibrate`
 * on the news test bed's fit stories and stored in unrelated.json; below `threshold` it is refused.
 */
export interface RelatedModel {
  /** The features the weights follow, in order. */
  readonly features: readonly string[];
  readonly weights: readonly number[];
  readonly intercept: number;
  /** Probability under which a question is refused as unrelated. */
  readonly threshold: number;
}

/** The model shipped with the bot. */
export const RELATED_MODEL: RelatedModel = checkCalibrated(
  "unrelated.json",
  model,
  RELATED_FEATURES,
);

/** The unrelated model's features of a question, in `RELATED_FEATURES` order. */
export function relatedVector(evidence: Evidence, topic: Topic, alignment: Alignment): number[] {
  return [...evidenceVector(evidence), topic.first, topic.best, alignment.mean, alignment.least];
}

/** The probability (0–1) that a question is about the stories at all, by the model. */
export function relatedness(
  evidence: Evidence,
  topic: Topic,
  alignment: Alignment,
  fitted: RelatedModel = RELATED_MODEL,
): number {
  return logistic(relatedVector(evidence, topic, alignment), fitted);
}
