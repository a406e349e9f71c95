import type { Passage } from "../corpus/types.ts";
import {
  type AnswerType,
  givesAgeOf,
  givesNameOf,
  holdsAnswerType,
  namedThing,
  ranksByKind,
} from "../language/answerType.ts";
import { reportedTerms } from "../language/attribution.ts";
import { CappedCache } from "../language/cappedCache.ts";
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
  /**
   * The hits in the search's order, those holding the kind of answer asked for (or reporting the
   * speaker asked about) first: the order the confidence was fitted on.
   */
  readonly ranked: readonly RatedHit[];
  /**
   * The hits an answer may show, in the order it shows them (`shown`): the first ones may include
   * hits the search ranked past those the confidence weighs.
   */
  readonly shown: readonly RatedHit[];
  /** The question's names that no story names (see `unnamed`). */
  readonly unnamed: readonly string[];
}

/**
 * Rates a question's hits: how much of the question each holds, whether it holds the kind of
 * answer asked for, reports the speaker asked about, and which names it lacks; and orders them as
 * an answer shows them, from `shown`: the hits in the order chosen to show them (reorder.ts),
 * which may hold more than `hits`, the ones the evidence weighs. Only the first `ordered` shown
 * hits are ranked again by what they hold; the rest keep their order, so that a longer list, as a
 * later page asks for, begins as a shorter one did and no passage is shown on two pages.
 */
export function rateHits(
  question: Question,
  hits: readonly Hit[],
  shown: readonly Hit[] = hits,
  ordered: number = shown.length,
): Rating {
  const { terms, expected, speaker } = question;
  const names = namesOf(terms);
  // "How old is the company?" names no one, and any age the passage gives may answer.
  const ageOf = expected?.type === "age" && names.size > 0 ? names : null;
  const named = expected?.type === "name" ? new Set(namedThing(question.text)) : null;
  const holds = (passage: Passage): boolean => {
    if (expected === null) return false;
    if (ageOf !== null) return givesAgeOf(sentencesOf(passage), ageOf);
    const naming =
      named === null || named.size === 0 ? null : givesNameOf(sentencesOf(passage), named, names);
    return naming ?? passageHolds(passage.text, expected.type);
  };
  const rate = (hit: Hit): RatedHit => ({
    hit,
    coverage: coverage(terms, hit),
    holds: holds(hit.passage),
    reports: speaker !== null && reportsAny(hit.passage, speaker.terms),
    missing: missingNames(terms, hit),
  });
  const rated: RatedHit[] = hits.map(rate);
  // Passages that hold the kind of answer asked for come first: "numerous personnel" for "how
  // many"; so do those that report the speaker asked about (not for a name: `ranksByKind`).
  const rank = (items: readonly RatedHit[]) =>
    expected?.explicit && ranksByKind(expected.type)
      ? firstWhere(items, (r) => r.holds)
      : speaker !== null
        ? firstWhere(items, (r) => r.reports)
        : items;
  const ranked = rank(rated);
  if (shown === hits) return { rated, ranked, shown: ranked, unnamed: unnamed(terms) };
  const byHit = new Map(rated.map((r) => [r.hit, r]));
  const shownRated = shown.map((hit) => byHit.get(hit) ?? rate(hit));
  return {
    rated,
    ranked,
    shown: [...rank(shownRated.slice(0, ordered)), ...shownRated.slice(ordered)],
    unnamed: unnamed(terms),
  };
}

/** The names the question gives ("How old is Vandrell?"), as index terms. */
function namesOf(terms: readonly QueryTerm[]): ReadonlySet<string> {
  return new Set(terms.filter((t) => t.name).map((t) => t.term));
}

/** A passage's sentences, as answers cut them. */
function sentencesOf(passage: Passage): string[] {
  return wordsOfPassage(passage).sentences.map((sentence) => sentence.text);
}

/** The items for which `first` holds, then the rest, each in their order. */
function firstWhere<T>(items: readonly T[], first: (item: T) => boolean): T[] {
  return [...items.filter(first), ...items.filter((item) => !first(item))];
}

/**
 * The question's names that the corpus never names: words it writes as names
 * ("the CIA", "China") that the corpus lacks, with no name of the corpus standing for it
 * ("Kremlin" → "Moscow" stands; "China" → "Russia" does not, WordNet files both as countries).
 * Such a question is about another subject, however many of its other words the story shares
 * ("Did the UK also pause its cyber operations against Russia?").
 */
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
const holdsByText = new CappedCache<string, Map<AnswerType, boolean>>(HOLDS_CACHE_SIZE);

/** Whether a passage's text holds the kind of answer (see `holdsAnswerType`), remembered. */
function passageHolds(text: string, type: AnswerType): boolean {
  let byType = holdsByText.get(text);
  if (byType === undefined) {
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
