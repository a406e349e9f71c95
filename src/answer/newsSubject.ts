/**
 * How much a question sounds like one asked of the news, whatever the stories hold: a logistic
 * over the unit vector of its subject (`subjectOf`) and the function words it uses, fitted by `npm
 * run calibrate` on the news test bed's fit questions about a story (in scope and near misses)
 * against questions about nothing in the news. Cooking, homework and games lie far from what news
 * is about; "how does impeachment work" speaks of the news's subjects, but as a textbook asks.
 */
import { STOP_WORDS } from "../language/text.ts";
import { checkCalibrated, logistic } from "./confidence.ts";
import model from "./newsSubject.json" with { type: "json" };
import type { LogisticModel } from "./phraseModel.ts";

// The word vectors' length (GloVe, 100 dimensions: src/language/data/README.md).
const DIMENSIONS = 100;

// The function words whose use the model weighs: "a", "does", "my" are asked of the world at
// large, "the", "did", "story" of a story. Weighed on the choose split (story questions against the
// 528 questions about nothing in the news, AUC): the subject alone 0.883 (u7, the vocabulary of
// news, 0.802), the function words alone 0.924, both 0.964 (u7 0.948), with these words as the
// question analysis leaves them out; their first word as well 0.965 (2026-12-06).
const FORM_WORDS: readonly string[] = [...STOP_WORDS];

/** The news-subject model's features: the question's subject, one dimension each, then its function words. */
export const NEWS_SUBJECT_FEATURES: readonly string[] = [
  ...Array.from({ length: DIMENSIONS }, (_, i) => `subject ${i}`),
  ...FORM_WORDS.map((word) => `says "${word}"`),
];

/** A logistic model over `NEWS_SUBJECT_FEATURES`. */
export type NewsSubjectModel = LogisticModel;

/** The model shipped with the bot. */
export const NEWS_SUBJECT_MODEL: NewsSubjectModel = checkCalibrated(
  "newsSubject.json",
  model,
  NEWS_SUBJECT_FEATURES,
);

/**
 * A question as the model reads it: its subject's unit vector (zeros when it has none), then 1 for
 * each function word among its words (lower-case, tokenized) and 0 for the others.
 */
export function newsSubjectVector(
  subject: Float32Array | null,
  words: readonly string[],
): number[] {
  const x = new Float64Array(NEWS_SUBJECT_FEATURES.length);
  writeNewsSubject(subject, words, x);
  return Array.from(x);
}

// Where each function word's feature is.
const FORM_AT = new Map(FORM_WORDS.map((word, i) => [word, DIMENSIONS + i]));

/** Writes `newsSubjectVector` into `x`. */
function writeNewsSubject(subject: Float32Array | null, words: readonly string[], x: Float64Array) {
  x.fill(0);
  for (const word of words) {
    const at = FORM_AT.get(word);
    if (at !== undefined) x[at] = 1;
  }
  if (subject === null) return;
  let norm = 0;
  for (let i = 0; i < subject.length; i++) {
    const v = subject[i] ?? 0;
    norm += v * v;
  }
  if (norm === 0) return;
  const scale = 1 / Math.sqrt(norm);
  for (let i = 0; i < DIMENSIONS; i++) x[i] = (subject[i] ?? 0) * scale;
}

// The features of the question being weighed, reused: every answer weighs one, and an array of
// them made anew was a twentieth of what an answer allocated.
const features = new Float64Array(NEWS_SUBJECT_FEATURES.length);

/** The probability (0–1) that a question with this subject and these words is asked of the news. */
export function newsLikeness(
  subject: Float32Array | null,
  words: readonly string[],
  fitted: NewsSubjectModel = NEWS_SUBJECT_MODEL,
): number {
  writeNewsSubject(subject, words, features);
  return logistic(features, fitted);
}
