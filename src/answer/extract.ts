/**
 * The answer phrase: the candidate phrases of the best sentences (phraseCandidates.ts), scored by a
 * learned span scorer (spanFeatures.ts), the best one's confidence from a second logistic model, and
 * "Yes" or "No" for a yes/no question (yesNo.ts). Weights in phrase.json (`npm run fit-phrases`).
 */
import { STOP_WORDS } from "../language/text.ts";
import type { Wording } from "../language/wording.ts";
import {
  type Candidate,
  cutSentence,
  type PartTagger,
  TIME_UNITS,
  type Token,
} from "./phraseCandidates.ts";
import { checkFeatures, PHRASE_MODEL, type PhraseModel, scoreOf, sigmoid } from "./phraseModel.ts";
import {
  ASKED_GROUPS,
  askedGroup,
  quotedTokens,
  type ScoredCandidate,
  type SentenceContext,
  SPAN_FEATURES,
  spanFeatures,
} from "./spanFeatures.ts";
import type { AnswerPhrase } from "./types.ts";
import { yesNoPhrase } from "./yesNo.ts";

/** What the extractor reads of a question: its words, their terms, the kind of phrase asked for, yes/no. */
export type PhraseQuestion = Pick<
  Wording,
  "words" | "wordSet" | "termSet" | "spanKind" | "yesNo" | "capitalised"
>;

/** The confidence features in the order of their weights in phrase.json. */
export const CONFIDENCE_FEATURES: readonly string[] = [
  "span score",
  "margin over the next candidate",
  "sentence overlap",
  "not the best sentence",
  ...ASKED_GROUPS.map((g) => `asks ${g}`),
  "question terms",
  "kind asked",
  "candidates",
];

checkFeatures("confidence", PHRASE_MODEL.confidence, CONFIDENCE_FEATURES);

/** Confidence from which a span is shown to a reader, chosen on the news test bed's choose split. */
export const SHOW_CONFIDENCE = PHRASE_MODEL.thresholds.span;

/** Confidence from which a yes or no is shown to a reader, chosen on the news test bed's choose split. */
export const SHOW_YES_NO_CONFIDENCE = PHRASE_MODEL.thresholds.yesNo;

/**
 * Options for extraction: a part-of-speech tagger giving one part per token (cut by `TOKEN`), for
 * noun phrases (without one, a noun phrase is the words between function words and marks); and the
 * model, for fitting.
 */
export interface ExtractOptions {
  readonly tagParts?: PartTagger;
  readonly model?: PhraseModel;
}

/** One candidate phrase of the sentences read, with its span features, for fitting and choosing. */
export interface SpanCandidate {
  readonly text: string;
  readonly sentence: string;
  readonly rank: number;
  readonly x: readonly number[];
}

// Sentences read for a span: the answer is beside the question's words, rarely further off.
export const SENTENCES_READ = 3;
const OVERLAP = SPAN_FEATURES.indexOf("sentence overlap");
const KIND_ASKED = SPAN_FEATURES.indexOf("kind asked");

/** Every candidate phrase of the best three sentences, with its span features. */
export function spanCandidates(
  question: PhraseQuestion,
  sentences: readonly string[],
  options: ExtractOptions = {},
): SpanCandidate[] {
  const kind = question.spanKind;
  if (kind === null) return [];
  const out: SpanCandidate[] = [];
  for (const [rank, sentence] of sentences.slice(0, SENTENCES_READ).entries()) {
    const { tokens, candidates } = cutSentence(sentence, options.tagParts);
    const shared = tokens.map((t) => t.term !== null && question.termSet.has(t.term));
    const sentenceTerms = new Set(tokens.filter((_token, i) => shared[i]).map((t) => t.term));
    const kept = dedupe(
      candidates
        .map((c) => trim(c, tokens, question.wordSet))
        .filter((c): c is ScoredCandidate => c !== null),
    );
    const ctx: SentenceContext = {
      tokens,
      shared,
      overlap: question.termSet.size === 0 ? 0 : sentenceTerms.size / question.termSet.size,
      rank,
      kind,
      questionTerms: question.termSet.size,
      fitting: kept.filter((c) => c.kinds.has(kind)).length,
      quoted: quotedTokens(tokens),
      firstWord: tokens.findIndex((t) => t.word),
    };
    for (const c of kept) {
      out.push({
        text: sentence.slice(tokens[c.from]?.start ?? 0, tokens[c.to - 1]?.end ?? 0),
        sentence,
        rank,
        x: spanFeatures(ctx, c),
      });
    }
  }
  return out;
}

/**
 * The phrase of the sentences (best first) that answers the question, whatever its confidence:
 * "Yes" or "No" with the sentence that settles a yes/no question (`yesNoPhrase`), else the
 * best-scoring span (`spanPhrase`). `x` is what its confidence weighed, which `npm run fit-phrases`
 * fits the weights to.
 */
export function extractPhrase(
  question: PhraseQuestion,
  sentences: readonly string[],
  options: ExtractOptions = {},
): (AnswerPhrase & { readonly x: readonly number[] }) | null {
  return question.yesNo
    ? yesNoPhrase(question, sentences, (options.model ?? PHRASE_MODEL).yesNo)
    : spanPhrase(question, sentences, options);
}

/**
 * The best-scoring span of the sentences (best first) and its confidence; null when the question
 * asks why or how, or no sentence holds a candidate.
 */
export function spanPhrase(
  question: PhraseQuestion,
  sentences: readonly string[],
  options: ExtractOptions = {},
): (AnswerPhrase & { readonly x: readonly number[] }) | null {
  const model = options.model ?? PHRASE_MODEL;
  const kind = question.spanKind;
  const candidates = spanCandidates(question, sentences, options);
  const scores = candidates.map((c) => scoreOf(c.x, model.span));
  let at = -1;
  scores.forEach((score, i) => {
    if (at < 0 || score > (scores[at] ?? 0)) at = i;
  });
  const chosen = candidates[at];
  if (chosen === undefined || kind === null) return null;
  const score = scores[at] ?? 0;
  // The runner-up: the best candidate that neither holds the chosen phrase nor lies inside it.
  let next = Number.NEGATIVE_INFINITY;
  candidates.forEach((c, i) => {
    if (c.text.includes(chosen.text) || chosen.text.includes(c.text)) return;
    next = Math.max(next, scores[i] ?? next);
  });
  const group = askedGroup(kind);
  const x = [
    Math.max(-10, Math.min(10, score)),
    Number.isFinite(next) ? Math.min(5, score - next) : 5,
    chosen.x[OVERLAP] ?? 0,
    chosen.rank > 0 ? 1 : 0,
    ...ASKED_GROUPS.map((g) => (g === group ? 1 : 0)),
    Math.min(question.termSet.size, 10) / 10,
    chosen.x[KIND_ASKED] ?? 0,
    Math.log1p(candidates.length),
  ];
  return {
    text: chosen.text,
    kind: "span",
    confidence: Math.round(sigmoid(scoreOf(x, model.confidence)) * 100) / 100,
    sentence: chosen.sentence,
    x,
  };
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

/** True when a phrase's own confidence reaches the threshold of its kind (span, or yes and no). */
export function confidentEnough(
  found: Pick<AnswerPhrase, "kind" | "confidence">,
  model: PhraseModel = PHRASE_MODEL,
): boolean {
  const threshold = found.kind === "span" ? model.thresholds.span : model.thresholds.yesNo;
  return found.confidence >= threshold;
}

/** A phrase the extractor found, when it is confident enough to show. */
export function shownPhrase(found: AnswerPhrase | null): AnswerPhrase | null {
  if (found === null || !confidentEnough(found)) return null;
  const { text, kind, confidence, sentence } = found;
  return { text, kind, confidence, sentence };
}

/**
 * The candidate without the question's own words at its edges ("National Security Adviser Mike
 * Waltz" asked about Mike Waltz is his role), or null when nothing else is left or it still holds
 * a name the question names ("Chuck Schumer" does not answer "What did Schumer call it?").
 */
function trim(
  candidate: Candidate,
  tokens: readonly Token[],
  questionWords: ReadonlySet<string>,
): ScoredCandidate | null {
  let { from, to } = candidate;
  const asked = (t: Token | undefined) =>
    t !== undefined &&
    !KEPT_AT_EDGE.test(t.lower) &&
    (questionWords.has(t.lower) || !t.word || STOP_WORDS.has(t.lower));
  while (from < to && asked(tokens[from])) from++;
  while (to > from && asked(tokens[to - 1])) to--;
  const rest = tokens.slice(from, to);
  if (rest.some((t) => t.name && questionWords.has(t.lower))) return null;
  const words = rest.filter((t) => t.word && t.term !== null);
  if (words.length === 0 || words.every((t) => questionWords.has(t.lower))) return null;
  const trimmed = from !== candidate.from || to !== candidate.to;
  return { ...candidate, from, to, trimmed };
}

// Part of a quantity or a time even when the question says them too: "$", "%", "years", "ago",
// and the words that hedge one ("about", "at least", "since").
const KEPT_AT_EDGE = new RegExp(
  `^(?:[$£€%]|ago|${TIME_UNITS}|about|around|roughly|approximately|nearly|almost|over|under|some|only|just|exactly|above|below|since|until|till|before|after|between|from|more|less|fewer|at|least|most|up|to|as|many|much|few|little|early|late|than|no|later|estimated|barely|another|additional)$`,
  "u",
);

function dedupe<T extends Candidate>(candidates: readonly T[]): T[] {
  const seen = new Set<string>();
  return candidates.filter((c) => {
    const key = `${c.from}:${c.to}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The sentences a phrase is read from: the passage's best sentence first (whole, when the splitter
 * cut it after an abbreviation), then the others as ranked.
 */
export function readingOrder(bestSentence: string, ranked: readonly string[]): string[] {
  const first = ranked.find((s) => s.includes(bestSentence)) ?? bestSentence;
  return [first, ...ranked.filter((s) => s !== first)];
}
