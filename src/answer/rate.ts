import type { Passage } from "../corpus/types.ts";
import { holdsAnswerType } from "../language/answerType.ts";
import { reportedTerms } from "../language/attribution.ts";
import type { Hit, QueryTerm } from "../search/types.ts";
import type { RatedHit } from "./evidence.ts";
import { wordsOfPassage } from "./passageWords.ts";
import type { Question } from "./question.ts";

// A GloVe neighbour is related, not always equivalent ("budget" ~ "administration"), so it counts
// for half its strength towards coverage. SQuAD tune, own vs foreign questions answered: 95.7% vs
// 13.9% at full strength, 95.4% vs 11.2% at half.
const MEANING_SHARE = 0.5;
// A name counts as missing from a passage from this share of the weightiest question word's weight.
const MISSING_SHARE = 0.5;

/** A question's hits rated, in the search's order and in the order an answer shows them. */
export interface Rating {
  /** The hits in the search's order, rated. */
  readonly rated: readonly RatedHit[];
  /** The hits in the order an answer shows them. */
  readonly ranked: readonly RatedHit[];
  /** The question's names that no story names (see `namesMissing`). */
  readonly unnamed: readonly string[];
}

/**
 * Rates a question's hits: how much of the question each holds, whether it holds the kind of
 * answer asked for, reports the speaker asked about, and which names it lacks; and orders them as
 * an answer shows them.
 */
export function rateHits(question: Question, hits: readonly Hit[]): Rating {
  const { terms, expected, speaker } = question;
  const rated: RatedHit[] = hits.map((hit) => ({
    hit,
    coverage: coverage(terms, hit),
    holds: expected !== null && holdsAnswerType(hit.passage.text, expected.type),
    reports: speaker !== null && reportsAny(hit.passage, speaker.terms),
    missing: missingNames(terms, hit),
  }));
  // Passages that hold the kind of answer asked for come first: "numerous personnel" for "how
  // many"; so do those that report the speaker asked about.
  const ranked = expected?.explicit
    ? firstWhere(rated, (r) => r.holds)
    : speaker !== null
      ? firstWhere(rated, (r) => r.reports)
      : rated;
  return { rated, ranked, unnamed: unnamed(terms) };
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
