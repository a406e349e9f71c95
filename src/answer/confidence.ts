import { type QuestionShape, SHAPE_FEATURES, shapeVector } from "../language/shape.ts";
import model from "./confidence.json" with { type: "json" };
import { EVIDENCE_FEATURES, type Evidence, evidenceVector } from "./evidence.ts";

/**
 * A logistic model of how likely the passages shown answer a question, fitted by
 * `npm run calibrate` (test/eval/calibrate.ts) on SQuAD tune and the news test bed's fit stories and
 * stored in confidence.json.
 */
export interface ConfidenceModel {
  /** The evidence fields the weights follow, in order. */
  readonly features: readonly string[];
  readonly weights: readonly number[];
  readonly intercept: number;
  /** Confidence from which an answer is given as answered; below `refused` it is refused. */
  readonly thresholds: { readonly answered: number; readonly refused: number };
}

/** What the confidence weighs: what the search found, then how the question is asked. */
export const CONFIDENCE_FEATURES = [...EVIDENCE_FEATURES, ...SHAPE_FEATURES] as const;

/** The model shipped with the bot. */
export const CONFIDENCE_MODEL: ConfidenceModel = checkCalibrated(
  "confidence.json",
  model,
  CONFIDENCE_FEATURES,
);

/** The confidence's features of a question, in `CONFIDENCE_FEATURES` order. */
export function confidenceVector(evidence: Evidence, shape: QuestionShape): number[] {
  return [...evidenceVector(evidence), ...shapeVector(shape)];
}

/** The probability (0–1) that the passages found answer the question, by the model. */
export function confidenceOf(
  evidence: Evidence,
  shape: QuestionShape,
  fitted: ConfidenceModel = CONFIDENCE_MODEL,
): number {
  return logistic(confidenceVector(evidence, shape), fitted);
}

/** The logistic function of a weighted sum: 1 / (1 + e^−(intercept + w·x)). */
export function logistic(
  x: ArrayLike<number>,
  fitted: Pick<ConfidenceModel, "weights" | "intercept">,
): number {
  let z = fitted.intercept;
  for (let i = 0; i < x.length; i++) z += (fitted.weights[i] ?? 0) * (x[i] ?? 0);
  return 1 / (1 + Math.exp(-z));
}

/**
 * A model `npm run calibrate` writes, as loaded from `file`, checked against the features the code
 * computes.
 *
 * @throws Error when they differ: the model was fitted to other features.
 */
export function checkCalibrated<M extends Pick<ConfidenceModel, "features" | "weights">>(
  file: string,
  loaded: M,
  features: readonly string[],
): M {
  const expected = features.join(",");
  if (loaded.features.join(",") !== expected || loaded.weights.length !== features.length) {
    throw new Error(
      `${file}: its features (${loaded.features.join(",")}) are not the code's (${expected}): list the code's features in it (weight 0 for a new one, so that the script can load), then run npm run calibrate`,
    );
  }
  return loaded;
}
