/**
 * How much a question's subject sounds like one asked of the news, whatever the stories hold: a
 * logistic over the unit vector of its subject (`subjectOf`), fitted by `npm run calibrate` on the
 * news test bed's fit questions about a story (in scope and near misses) against questions about
 * nothing in the news. Cooking, homework and games lie far from what news is about.
 */
import { checkCalibrated, logistic } from "./confidence.ts";
import model from "./newsSubject.json" with { type: "json" };
import type { LogisticModel } from "./phraseModel.ts";

// The word vectors' length (GloVe, 100 dimensions: src/language/data/README.md).
const DIMENSIONS = 100;

/** The news-subject model's features: the question's subject, one dimension each. */
export const NEWS_SUBJECT_FEATURES: readonly string[] = Array.from(
  { length: DIMENSIONS },
  (_, i) => `subject ${i}`,
);

/** A logistic model over `NEWS_SUBJECT_FEATURES`. */
export type NewsSubjectModel = LogisticModel;

/** The model shipped with the bot. */
export const NEWS_SUBJECT_MODEL: NewsSubjectModel = checkCalibrated(
  "newsSubject.json",
  model,
  NEWS_SUBJECT_FEATURES,
);

/** A subject as the model reads it: its unit vector, or zeros when the question has none. */
export function newsSubjectVector(subject: Float32Array | null): number[] {
  const x = new Array<number>(DIMENSIONS).fill(0);
  if (subject === null) return x;
  let norm = 0;
  for (const v of subject) norm += v * v;
  if (norm === 0) return x;
  const scale = 1 / Math.sqrt(norm);
  for (let i = 0; i < DIMENSIONS; i++) x[i] = (subject[i] ?? 0) * scale;
  return x;
}

/** The probability (0–1) that a question with this subject is asked of the news. */
export function newsLikeness(
  subject: Float32Array | null,
  fitted: NewsSubjectModel = NEWS_SUBJECT_MODEL,
): number {
  return logistic(newsSubjectVector(subject), fitted);
}
