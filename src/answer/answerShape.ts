/**
 * What shape of phrase a question's answer takes (a name, a quantity, a time, a duration or another
 * phrase), read from the kind it asks for and the meaning of the words it asks with: "what was the
 * cost" asks for a quantity and "which body" for a name, though both ask for a "thing". Five
 * logistic models, one a shape, over the question's word vectors, fitted by `npm run fit-phrases`
 * on the same questions as the span scorer, which weighs the shape's chance in every candidate.
 */
import type { PhraseKind } from "../language/answerType.ts";
import { defaultLexicon } from "../language/lexicon.ts";
import { STOP_WORDS } from "../language/text.ts";
import {
  checkFeatures,
  type LogisticModel,
  PHRASE_MODEL,
  scoreOf,
  sigmoid,
} from "./phraseModel.ts";
import { ASKED_GROUPS, askedGroup, SHAPES } from "./spanFeatures.ts";
import { QUESTION_WORD } from "./spanLexical.ts";

// The word vectors' length (GloVe, 100 dimensions: src/language/data/README.md).
const DIMENSIONS = 100;

/** The features of the shape models: the group of the kind asked, then the asking words' mean vector. */
export const SHAPE_FEATURES: readonly string[] = [
  ...ASKED_GROUPS.map((g) => `asks ${g}`),
  ...Array.from({ length: DIMENSIONS }, (_, i) => `meaning ${i}`),
];

// The words a question asks with: the first two of substance after its question word, or, without
// one, its last two ("paper bag fee": a noun phrase names what it asks for at its end). On the news
// test bed's choose split the shape they gave was right for 46 of 80 questions asking for a "thing"
// (the kind alone: 25); its log chance added to the span scorer's score ranked 325 of 425 answers
// first, against 321 with a keyword question's first two words and 299 without it (2026-12-05).
const ASKING_WORDS = 2;

if (PHRASE_MODEL.shape.length !== SHAPES.length) {
  throw new Error(
    `phrase.json: ${PHRASE_MODEL.shape.length} shape models for the ${SHAPES.length} shapes (${SHAPES.join(", ")}): run npm run fit-phrases`,
  );
}
for (const model of PHRASE_MODEL.shape) checkFeatures("shape", model, SHAPE_FEATURES);

/** What the shape models read of a question: its words and the kind of phrase it asks for. */
export interface ShapeQuestion {
  readonly words: readonly string[];
  readonly spanKind: PhraseKind | null;
}

/** The shape models' features of a question, in `SHAPE_FEATURES` order. */
export function shapeFeatures(question: ShapeQuestion): Float64Array {
  const x = new Float64Array(SHAPE_FEATURES.length);
  if (question.spanKind !== null) {
    x[ASKED_GROUPS.indexOf(askedGroup(question.spanKind))] = 1;
  }
  const vectors = defaultLexicon().vectors;
  if (vectors === null) return x;
  const { words } = question;
  const substance = (w: string) => !STOP_WORDS.has(w) && !QUESTION_WORD.test(w) && vectors.has(w);
  const asking = words.findIndex((w) => QUESTION_WORD.test(w));
  const chosen =
    asking >= 0
      ? words
          .slice(asking + 1)
          .filter(substance)
          .slice(0, ASKING_WORDS)
      : words.filter(substance).slice(-ASKING_WORDS);
  if (chosen.length === 0) return x;
  const sum = new Float32Array(DIMENSIONS);
  for (const w of chosen) vectors.addUnit(sum, w, 1 / chosen.length);
  for (let i = 0; i < DIMENSIONS; i++) x[ASKED_GROUPS.length + i] = sum[i] ?? 0;
  return x;
}

// A shape's chance is counted no lower than this: a candidate of an unlikely shape still answers
// now and then, and its log should not outweigh every other feature.
const LEAST_CHANCE = 0.01;

/**
 * For each shape in `SHAPES` order, the log of its chance of being the answer's shape: the five
 * models' probabilities (one a shape, in `SHAPES` order), each against the rest, scaled to sum to 1.
 */
export function shapeLogChances(
  question: ShapeQuestion,
  models: readonly LogisticModel[],
): Float64Array {
  const x = shapeFeatures(question);
  const chances = new Float64Array(SHAPES.length);
  let total = 0;
  for (let s = 0; s < SHAPES.length; s++) {
    const model = models[s];
    chances[s] = model === undefined ? 0 : sigmoid(scoreOf(x, model));
    total += chances[s] ?? 0;
  }
  for (let s = 0; s < SHAPES.length; s++) {
    chances[s] = Math.log(Math.max(LEAST_CHANCE, (chances[s] ?? 0) / total));
  }
  return chances;
}
