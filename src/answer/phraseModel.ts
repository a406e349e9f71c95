import model from "./phrase.json" with { type: "json" };
import { SPAN_FEATURES } from "./spanFeatures.ts";
import type { LexicalModel } from "./spanLexical.ts";

/** Weights of a logistic model over named features. */
export interface LogisticModel {
  /** The features the weights follow, in order. */
  readonly features: readonly string[];
  readonly weights: readonly number[];
  readonly intercept: number;
}

/**
 * The answer phrase's models, fitted by `npm run fit-phrases` (test/eval/fitPhrases.ts) and
 * stored in phrase.json: what shape the answer takes, which candidate answers (a softmax over a
 * question's candidates, so its intercept is 0), how likely the chosen one is right, whether a
 * yes/no question's sentence says yes and how likely that reading is right; with the confidence
 * from which each kind is shown.
 */
export interface PhraseModel {
  /** How likely the answer takes each shape, one model a shape in `SHAPES` order (answerShape.ts). */
  readonly shape: readonly LogisticModel[];
  readonly span: LogisticModel;
  /** The span scorer's hashed lexical pairs, added to its score (spanLexical.ts). */
  readonly lexical: LexicalModel;
  readonly confidence: LogisticModel;
  /** How likely a span is right as the answer, from its confidence and the search's margins (extract.ts). */
  readonly spanSure: LogisticModel;
  readonly yesNo: LogisticModel;
  /** How likely a yes/no reading is right, from how it was read (yesNo.ts `sureFeatures`). */
  readonly yesNoSure: LogisticModel;
  /** Confidence from which a span, and a yes or no, is shown (chosen on the news choose split). */
  readonly thresholds: { readonly span: number; readonly yesNo: number };
}

/** The weighted sum of a model's features, before the logistic function. */
export function scoreOf(x: ArrayLike<number>, fitted: LogisticModel): number {
  let z = fitted.intercept;
  for (let i = 0; i < x.length; i++) z += (fitted.weights[i] ?? 0) * (x[i] ?? 0);
  return z;
}

/** The logistic function: 1 / (1 + e^−z). */
export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/** The model shipped with the bot. */
export const PHRASE_MODEL: PhraseModel = model;

/**
 * Checks that a model's features are the ones the code computes, naming the first that differs.
 *
 * @throws Error when they differ: the model was fitted to other features.
 */
export function checkFeatures(
  part: string,
  fitted: LogisticModel,
  expected: readonly string[],
): void {
  if (
    fitted.features.join(",") !== expected.join(",") ||
    fitted.weights.length !== expected.length
  ) {
    throw new Error(
      `phrase.json: the ${part} model's features (${fitted.features.join(", ")}) are not the code's (${expected.join(", ")}): run npm run fit-phrases`,
    );
  }
}

checkFeatures("span", PHRASE_MODEL.span, SPAN_FEATURES);
