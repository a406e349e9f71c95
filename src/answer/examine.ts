import type { Passage } from "../corpus/types.ts";
import { holdsAnswerType } from "../language/answerType.ts";
import { reportedTerms } from "../language/attribution.ts";
import { writtenForms } from "../language/text.ts";
import type { SearchIndex } from "../search/index.ts";
import type { Hit, QueryTerm, SearchOptions } from "../search/types.ts";
import { type Evidence, type RatedHit, weighEvidence } from "./evidence.ts";
import { type PassagePhrase, passagePhrase } from "./extract.ts";
import { wordsOfPassage } from "./passageWords.ts";
import type { Question } from "./question.ts";
import type { Refusal } from "./types.ts";

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
  return weighHits(question, index.search(question, searchOptions(options)).hits);
}

/** What `examine` searches for: the hits to show, and at least those whose coverage is weighed. */
export function searchOptions(options: {
  readonly top?: number;
  readonly story?: string;
}): SearchOptions {
  return {
    limit: Math.max(options.top ?? 3, COVERAGE_DEPTH),
    ...(options.story === undefined ? {} : { story: options.story }),
  };
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
    holds: expected !== null && holdsAnswerType(hit.passage.text, expected.type),
    reports: speaker !== null && reportsAny(hit.passage, speaker.terms),
    missing: missingNames(terms, hit),
  }));
  const best = rated.slice(0, COVERAGE_DEPTH);
  const first = best[0];
  const names = unnamed(terms);
  const firstPhrase =
    question.phraseKind === null || first === undefined
      ? null
      : passagePhrase(question, first.hit.passage.id, first.hit.passage.text);
  const evidence = weighEvidence({
    terms,
    rated: best,
    unnamed: names.length > 0,
    nameAbsent: first !== undefined && first.missing.length > 0,
    typeAsked: expected !== null,
    typeExplicit: expected?.explicit ?? false,
    speakerAsked: speaker !== null,
    covers: MIN_COVERAGE,
    phrase: firstPhrase?.found?.confidence ?? 0,
    phraseAsked: question.phraseKind !== null,
  });
  const reason: Refusal | null =
    evidence.unnamed > 0
      ? { kind: "unnamed", names }
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
  const total = terms.reduce((sum, t) => sum + t.weight, 0);
  if (total === 0) return 0;
  const strength = new Map(
    hit.matches.map((m) => [
      m.term,
      m.source === "meaning" ? m.strength * MEANING_SHARE : m.strength,
    ]),
  );
  const found = terms.reduce((sum, t) => sum + t.weight * (strength.get(t.term) ?? 0), 0);
  return found / total;
}

/** A question word as the passages write it ("Putin" for "putin"), or as it is when they do not. */
function asWritten(word: string, hits: readonly Hit[]): string {
  for (const hit of hits) {
    const written = writtenForms(hit.passage.text, word).find((w) => w !== word);
    if (written !== undefined) return written;
  }
  return word;
}

// Whom each passage reports speaking, worked out once per passage; weak, so a replaced index frees it.
const reportedByPassage = new WeakMap<Passage, ReadonlySet<string>>();

/** True when the passage reports one of the speaker's terms speaking (see `reportedTerms`). */
function reportsAny(passage: Passage, speaker: ReadonlySet<string>): boolean {
  let reported = reportedByPassage.get(passage);
  if (reported === undefined) {
    reported = reportedTerms(wordsOfPassage(passage).sentences.map((sentence) => sentence.words));
    reportedByPassage.set(passage, reported);
  }
  for (const term of speaker) if (reported.has(term)) return true;
  return false;
}

/**
 * The names the question turns on that the hit holds neither exactly nor through a stand-in closer
 * than a word-vector neighbour: the passage found for "What did Putin say about the pause?" may be
 * about the pause and never name him.
 */
export function missingNames(terms: readonly QueryTerm[], hit: Hit): string[] {
  const heaviest = Math.max(0, ...terms.map((t) => t.weight));
  const held = new Set(hit.matches.filter((m) => m.source !== "meaning").map((m) => m.term));
  // A name most passages hold ("Ukraine" in a story on Ukraine) is not what the question turns on.
  return terms
    .filter((t) => t.name && t.weight >= MISSING_SHARE * heaviest && !held.has(t.term))
    .map((t) => t.word);
}
