import type { Passage } from "../corpus/types.ts";
import { type AnswerType, holdsAnswerType } from "../language/answerType.ts";
import { reportsSpeaker } from "../language/attribution.ts";
import { type Word, writtenForms } from "../language/text.ts";
import type { SearchIndex } from "../search/index.ts";
import type { Hit, QueryTerm } from "../search/types.ts";
import { CONFIDENCE_MODEL, confidenceOf } from "./confidence.ts";
import { type Evidence, type RatedHit, weighEvidence } from "./evidence.ts";
import { type PassagePhrase, passagePhrase } from "./extract.ts";
import { wordsOfPassage } from "./passageWords.ts";
import type { Question } from "./question.ts";
import type { Outcome, Refusal } from "./types.ts";

/**
 * Share of a question's information (term weights) one of the best three passages must hold for
 * the corpus to count as answering it.
 *
 * Known words weigh their IDF; a word the corpus lacks weighs the largest IDF scaled by how rare it
 * is in everyday English, so "Who won the Super Bowl?" is refused while "Did anyone see this
 * coming?" is not held back by "anyone" and "see". A stand-in for a missing word (typo, other form,
 * WordNet synonym) counts for its strength. Chosen on SQuAD tune with each article its own corpus,
 * asked its own questions and the next article's (first 80 a article, best passage only): at 0.3,
 * 98% answered and 28% of the foreign ones; at 0.4, 94% and 14%; at 0.5, 87% and 6%. 0.4 sits
 * next to the largest difference (0.45) on the lenient side, since readers' paraphrases share fewer
 * words with a story than SQuAD's questions do. With the whole rule (names, kinds of answer, best
 * three passages, speakers), `npm run eval` gives: tune, 94.9% of own questions answered and 9.6%
 * of foreign ones; test, 96.8% and 10.8%.
 */
export const MIN_COVERAGE = 0.4;

// A GloVe neighbour is related, not always equivalent ("budget" ~ "administration"), so it counts
// for half its strength towards coverage. SQuAD tune, own vs foreign questions answered: 95.7% vs
// 13.9% at full strength, 95.4% vs 11.2% at half.
const MEANING_SHARE = 0.5;
// A name counts as missing from a passage from this share of the weightiest question word's weight.
const MISSING_SHARE = 0.5;
// Passages whose coverage is considered: the answer shows three, and a paraphrase's best-covered
// passage is not always ranked first ("Kremlin" → "Moscow" in the second).
const COVERAGE_DEPTH = 3;

/** What the search found for a question, before any decision: its terms, ranked hits and evidence. */
export interface Examination {
  readonly terms: readonly QueryTerm[];
  /** The hits in the search's order, rated. */
  readonly rated: readonly RatedHit[];
  /** The hits in the order an answer shows them. */
  readonly ranked: readonly RatedHit[];
  readonly evidence: Evidence;
  /** A stated reason the passages may not answer the question, when one holds. */
  readonly reason: Refusal | null;
  /** The answer phrase the first hit offers, when a phrase is asked for. */
  readonly firstPhrase: PassagePhrase | null;
}

/**
 * Searches for a checked question and weighs what was found, without deciding: `answer()` and the
 * calibration (test/eval/calibration.ts) read the same evidence.
 */
export function examine(
  index: SearchIndex,
  question: Question,
  options: { readonly top?: number; readonly story?: string } = {},
): Examination {
  const { hits } = index.search(question, {
    limit: Math.max(options.top ?? 3, COVERAGE_DEPTH),
    ...(options.story === undefined ? {} : { story: options.story }),
  });
  return weighHits(question, hits);
}

/**
 * Rates a question's hits (coverage, the kind of answer asked for, the speaker asked about) and
 * weighs the evidence of the first ones; the calibration also weighs hits with the right paragraph
 * left out, as a question the story does not answer.
 */
export function weighHits(question: Question, hits: readonly Hit[]): Examination {
  const { terms, expected, speaker } = question;
  const rated: RatedHit[] = hits.map((hit) => ({
    hit,
    coverage: coverage(terms, hit),
    holds: expected !== null && passageHolds(hit.passage.text, expected.type),
    reports: speaker !== null && reportsSpeaker(sentenceWords(hit.passage), speaker.terms),
  }));
  const best = rated.slice(0, COVERAGE_DEPTH);
  const first = best[0];
  const firstPhrase =
    question.phraseKind === null || first === undefined
      ? null
      : passagePhrase(question, first.hit.passage.id, first.hit.passage.text);
  const evidence = weighEvidence({
    terms,
    rated: best,
    unnamed: namesMissing(terms),
    nameAbsent: first !== undefined && missingNames(terms, first.hit).length > 0,
    typeAsked: expected !== null,
    typeExplicit: expected?.explicit ?? false,
    speakerAsked: speaker !== null,
    covers: MIN_COVERAGE,
    phrase: firstPhrase?.found?.confidence ?? 0,
    phraseAsked: question.phraseKind !== null,
  });
  const reason: Refusal | null =
    evidence.unnamed > 0
      ? { kind: "unnamed", names: unnamed(terms) }
      : evidence.coverage < MIN_COVERAGE
        ? { kind: "off-topic" }
        : evidence.typeAbsent > 0 && expected !== null
          ? { kind: "no-answer-type", type: expected.type }
          : evidence.unreported > 0 && speaker !== null
            ? { kind: "unreported", names: speaker.words.map((w) => asWritten(w, hits)) }
            : null;
  // Passages that hold the kind of answer asked for come first: "numerous personnel" for "how
  // many"; so do those that report the speaker asked about.
  const ranked = expected?.explicit
    ? firstWhere(rated, (r) => r.holds)
    : speaker !== null
      ? firstWhere(rated, (r) => r.reports)
      : rated;
  return { terms, rated, ranked, evidence, reason, firstPhrase };
}

/**
 * The outcome of a question from the model's confidence and the kind of stated reason, if any: a
 * name no story names is refused whatever the confidence (on SQuAD tune, 46 of the 3,287 questions
 * it refused were asked of their own article), as is an answer the model gives little chance; a
 * stated reason otherwise makes an answer uncertain at most.
 */
export function decide(confidence: number, reason: Refusal["kind"] | null): Outcome {
  const { answered, refused } = CONFIDENCE_MODEL.thresholds;
  if (reason === "unnamed" || confidence < refused) return "refused";
  return confidence >= answered && reason === null ? "answered" : "uncertain";
}

/** The model's confidence in what was found, and the outcome it and the stated reason decide. */
export function judge(found: Examination): { confidence: number; outcome: Outcome } {
  const confidence = confidenceOf(found.evidence);
  return { confidence, outcome: decide(confidence, found.reason?.kind ?? null) };
}

/** The items for which `first` holds, then the rest, each in their order. */
function firstWhere<T>(items: readonly T[], first: (item: T) => boolean): T[] {
  return [...items.filter(first), ...items.filter((item) => !first(item))];
}

/**
 * True when the question names something the corpus never names: a word it writes as a name
 * ("the CIA", "China") that the corpus lacks, with no name of the corpus standing for it
 * ("Kremlin" → "Moscow" stands; "China" → "Russia" does not, WordNet files both as countries).
 * Such a question is about another subject, however many of its other words the story shares
 * ("Did the UK also pause its cyber operations against Russia?").
 */
export function namesMissing(terms: readonly QueryTerm[]): boolean {
  return unnamed(terms).length > 0;
}

/** The question's names that no story names, as `namesMissing` finds them. */
function unnamed(terms: readonly QueryTerm[]): string[] {
  return terms
    .filter((t) => t.name && !t.known && !t.expansions.some((e) => e.name))
    .map((t) => t.word);
}

/** Share of the question's term weight that a hit contains, a stand-in counting for its strength. */
export function coverage(terms: readonly QueryTerm[], hit: Hit): number {
  let total = 0;
  for (const t of terms) total += t.weight;
  if (total === 0) return 0;
  // Loops rather than a map of the matches: this runs for every hit of every question.
  let found = 0;
  for (const t of terms) found += t.weight * matchStrength(hit, t.term);
  return found / total;
}

/** The strength of a hit's (last) match of a query term, a neighbour in meaning at half; 0 when none. */
function matchStrength(hit: Hit, term: string): number {
  for (let i = hit.matches.length - 1; i >= 0; i--) {
    const m = hit.matches[i];
    if (m?.term === term) return m.source === "meaning" ? m.strength * MEANING_SHARE : m.strength;
  }
  return 0;
}

// Whether a passage's text holds each kind of answer: the same passages are rated for many
// questions, and reading one for a kind was 2% of a story question. Cleared when full.
const HOLDS_CACHE_SIZE = 5_000;
const holdsByText = new Map<string, Map<AnswerType, boolean>>();

/** Whether a passage's text holds the kind of answer (see `holdsAnswerType`), remembered. */
function passageHolds(text: string, type: AnswerType): boolean {
  let byType = holdsByText.get(text);
  if (byType === undefined) {
    if (holdsByText.size >= HOLDS_CACHE_SIZE) holdsByText.clear();
    byType = new Map();
    holdsByText.set(text, byType);
  }
  let holds = byType.get(type);
  if (holds === undefined) {
    holds = holdsAnswerType(text, type);
    byType.set(type, holds);
  }
  return holds;
}

/** A question word as the passages write it ("Putin" for "putin"), or as it is when they do not. */
function asWritten(word: string, hits: readonly Hit[]): string {
  for (const hit of hits) {
    const written = writtenForms(hit.passage.text, word).find((w) => w !== word);
    if (written !== undefined) return written;
  }
  return word;
}

function sentenceWords(passage: Passage): readonly (readonly Word[])[] {
  return wordsOfPassage(passage).sentences.map((sentence) => sentence.words);
}

/**
 * The names the question turns on that the hit holds neither exactly nor through a stand-in closer
 * than a word-vector neighbour: the passage found for "What did Putin say about the pause?" may be
 * about the pause and never name him.
 */
export function missingNames(terms: readonly QueryTerm[], hit: Hit): string[] {
  let heaviest = 0;
  for (const t of terms) heaviest = Math.max(heaviest, t.weight);
  const missing: string[] = [];
  // A name most passages hold ("Ukraine" in a story on Ukraine) is not what the question turns on.
  for (const t of terms) {
    if (!t.name || t.weight < MISSING_SHARE * heaviest) continue;
    if (!hit.matches.some((m) => m.source !== "meaning" && m.term === t.term)) missing.push(t.word);
  }
  return missing;
}
