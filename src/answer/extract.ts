import type { PhraseKind } from "../language/answerType.ts";
import { STOP_WORDS } from "../language/text.ts";
import type { Wording } from "../language/wording.ts";
import {
  type Candidate,
  cutSentence,
  type PartTagger,
  TIME_UNITS,
  type Token,
} from "./phraseCandidates.ts";
import { rankSentences } from "./rankSentences.ts";
import type { AnswerPhrase, AnswerResult } from "./types.ts";

/** What the extractor reads of a question: its words, their terms and the kind of phrase asked for. */
export type PhraseQuestion = Pick<Wording, "wordSet" | "termSet" | "phraseKind">;

/**
 * Confidence from which a phrase is shown to a reader. Chosen on SQuAD tune (`npm run eval -- --half
 * tune --fit`): the lowest threshold at which at least 80% of the phrases shown from our first
 * passage are right (F1 ≥ 0.5 against an accepted answer): above 0.70, 81% right and 7% of
 * questions shown; above 0.60, 74% and 14%; above 0.80, 86% and 2.5%.
 */
export const SHOW_CONFIDENCE = 0.71;

/** What one candidate looks like to the scorer. */
interface Features {
  /** Tokens between the candidate and the nearest word the question shares, 0 when adjacent. */
  readonly distance: number;
  /** Share of the question's terms that the sentence holds. */
  readonly overlap: number;
  /** Share of the question's terms within a few words of the candidate. */
  readonly near: number;
  /** How many other candidates of the kind asked for the sentence holds. */
  readonly rivals: number;
  readonly kind: PhraseKind;
  /** Words in the candidate. */
  readonly length: number;
  /** Every word capitalised. */
  readonly name: boolean;
  /** Found in the second sentence, not the best. */
  readonly second: boolean;
}

// Words either side of a candidate in which question words count as near it.
const NEAR = 6;

const NUMBER_KINDS: ReadonlySet<PhraseKind> = new Set(["number", "figure", "duration"]);
const TIME_KINDS: ReadonlySet<PhraseKind> = new Set(["time", "date", "year"]);

// Logistic weights of the confidence, in the order of `featureVector`, fitted on SQuAD tune to
// whether the phrase chosen from our first passage is right (`npm run eval -- --half tune --fit`).
const WEIGHTS = [
  -1.72, -0.06, 1.52, 0.94, -0.27, -0.01, -0.35, 0.72, 1.49, 0.07, 0.55, -1.25,
] as const;

/** The features as the numbers the confidence weighs, in the order of WEIGHTS. */
function featureVector(f: Features): number[] {
  return [
    1,
    Math.min(f.distance, 10),
    f.overlap,
    f.near,
    Math.min(f.rivals, 5),
    f.kind === "person" ? 1 : 0,
    f.kind === "place" ? 1 : 0,
    NUMBER_KINDS.has(f.kind) ? 1 : 0,
    TIME_KINDS.has(f.kind) ? 1 : 0,
    Math.min(f.length, 8),
    f.name ? 1 : 0,
    f.second ? 1 : 0,
  ];
}

function confidenceOf(x: readonly number[]): number {
  const z = x.reduce((sum, value, i) => sum + value * (WEIGHTS[i] ?? 0), 0);
  return 1 / (1 + Math.exp(-z));
}

/**
 * Options for extraction: a part-of-speech tagger giving one part per token (cut by `TOKEN`), for
 * noun phrases; without one, a noun phrase is the words between function words and marks.
 */
export interface ExtractOptions {
  readonly tagParts?: PartTagger;
}

/**
 * The phrase of the sentences (best first) that answers the question, whatever its confidence, or
 * null when the question asks why or how, or no sentence holds a phrase of the kind asked for.
 * `x` is the chosen phrase's features, which `npm run eval -- --fit` fits the weights to.
 */
export function extractPhrase(
  question: PhraseQuestion,
  sentences: readonly string[],
  options: ExtractOptions = {},
): (AnswerPhrase & { readonly x: readonly number[] }) | null {
  const kind = question.phraseKind;
  if (kind === null) return null;
  const questionWords = question.wordSet;
  const questionTerms = question.termSet;
  let best: (AnswerPhrase & { x: readonly number[] }) | null = null;
  let bestScore = Number.NEGATIVE_INFINITY;
  // The best two sentences: the answer is beside the question's words, rarely further off.
  for (const [rank, sentence] of sentences.slice(0, 2).entries()) {
    const { tokens, candidates } = cutSentence(sentence, options.tagParts);
    const shared = tokens.map((t) => t.term !== null && questionTerms.has(t.term));
    const sentenceTerms = new Set(tokens.filter((_token, i) => shared[i]).map((t) => t.term));
    const overlap = questionTerms.size === 0 ? 0 : sentenceTerms.size / questionTerms.size;
    const fitting = candidates
      .filter((c) => c.kinds.has(kind))
      .map((c) => trim(c, tokens, questionWords))
      .filter((c): c is Candidate => c !== null);
    const unique = dedupe(fitting);
    for (const candidate of unique) {
      const features: Features = {
        distance: distanceTo(candidate, shared),
        overlap,
        near: nearTerms(candidate, tokens, shared) / Math.max(1, questionTerms.size),
        rivals: unique.length - 1,
        kind,
        length: candidate.to - candidate.from,
        name: tokens.slice(candidate.from, candidate.to).every((t) => t.name || !t.word),
        second: rank > 0,
      };
      const x = featureVector(features);
      const confidence = confidenceOf(x);
      if (confidence > bestScore) {
        bestScore = confidence;
        const first = tokens[candidate.from];
        const last = tokens[candidate.to - 1];
        best = {
          text: sentence.slice(first?.start ?? 0, last?.end ?? 0),
          confidence: Math.round(confidence * 100) / 100,
          sentence,
          x,
        };
      }
    }
  }
  return best;
}

/**
 * The phrase that answers the question from the sentences (best first), only when the extractor
 * is confident enough to show it.
 */
export function answerPhrase(
  question: PhraseQuestion,
  sentences: readonly string[],
  options: ExtractOptions = {},
): AnswerPhrase | null {
  return shownPhrase(extractPhrase(question, sentences, options));
}

/** A phrase the extractor found, when it is confident enough to show. */
function shownPhrase(found: AnswerPhrase | null): AnswerPhrase | null {
  if (found === null || found.confidence < SHOW_CONFIDENCE) return null;
  return { text: found.text, confidence: found.confidence, sentence: found.sentence };
}

/** What the extractor found in one passage's sentences, ranked by the words they share with the question. */
export interface PassagePhrase {
  readonly passageId: string;
  /** The passage's sentences, those sharing most of the question's words first. */
  readonly sentences: readonly string[];
  readonly found: AnswerPhrase | null;
}

/**
 * The phrase the first passage offers, whatever its confidence, as the evidence weighs it.
 *
 * @param passageId the passage whose text is `text`, so the answer can reuse what was found
 */
export function passagePhrase(
  question: PhraseQuestion,
  passageId: string,
  text: string,
): PassagePhrase {
  const sentences = rankSentences(question, text);
  return { passageId, sentences, found: extractPhrase(question, sentences) };
}

/**
 * The candidate without the question's own words at its edges, or null when nothing else is left
 * or it is a name the question names ("Chuck Schumer" does not answer "What did Schumer call it?").
 */
function trim(
  candidate: Candidate,
  tokens: readonly Token[],
  questionWords: ReadonlySet<string>,
): Candidate | null {
  let { from, to } = candidate;
  const asked = (t: Token | undefined) =>
    t !== undefined &&
    !KEPT_AT_EDGE.test(t.lower) &&
    (questionWords.has(t.lower) || !t.word || STOP_WORDS.has(t.lower));
  while (from < to && asked(tokens[from])) from++;
  // A title the question names may go before the answer ("National Security Adviser Mike Waltz"),
  // but a name it names is its subject, not its answer.
  if (tokens.slice(from, to).some((t) => t.name && questionWords.has(t.lower))) return null;
  while (to > from && asked(tokens[to - 1])) to--;
  const rest = tokens.slice(from, to).filter((t) => t.word && t.term !== null);
  if (rest.length === 0 || rest.every((t) => questionWords.has(t.lower))) return null;
  return { ...candidate, from, to };
}

// Part of a quantity or a time even when the question says them too: "$", "%", "years", "ago".
const KEPT_AT_EDGE = new RegExp(`^(?:[$£€%]|ago|${TIME_UNITS})$`, "u");

function dedupe(candidates: readonly Candidate[]): Candidate[] {
  const seen = new Set<string>();
  return candidates.filter((c) => {
    const key = `${c.from}:${c.to}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** How many distinct question terms stand within NEAR tokens of the candidate. */
function nearTerms(
  candidate: Candidate,
  tokens: readonly Token[],
  shared: readonly boolean[],
): number {
  const terms = new Set<string>();
  const from = Math.max(0, candidate.from - NEAR);
  const to = Math.min(tokens.length, candidate.to + NEAR);
  for (let i = from; i < to; i++) {
    const term = tokens[i]?.term;
    if (shared[i] && term) terms.add(term);
  }
  return terms.size;
}

function distanceTo(candidate: Candidate, shared: readonly boolean[]): number {
  let best = Number.POSITIVE_INFINITY;
  shared.forEach((isShared, i) => {
    if (!isShared) return;
    const d =
      i < candidate.from ? candidate.from - i - 1 : i >= candidate.to ? i - candidate.to : 0;
    best = Math.min(best, d);
  });
  return Number.isFinite(best) ? best : 20;
}

/**
 * The phrase that answers a question from the best passage of an answer, when confident; null
 * otherwise. Its best sentence is read first, then the others sharing most of the question's words.
 */
export function phraseOfResult(
  question: PhraseQuestion,
  best: AnswerResult,
  known: PassagePhrase | null = null,
): AnswerPhrase | null {
  if (best.terms.length === 0) return null;
  const ranked =
    known?.passageId === best.id ? known.sentences : rankSentences(question, best.text);
  const sentences = [best.bestSentence, ...ranked.filter((s) => s !== best.bestSentence)];
  // The extractor reads the first two sentences only: when they are the ones the evidence read,
  // its phrase is this one.
  if (
    known?.passageId === best.id &&
    sentences[0] === known.sentences[0] &&
    sentences[1] === known.sentences[1]
  )
    return shownPhrase(known.found);
  return answerPhrase(question, sentences);
}
