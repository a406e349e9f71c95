import type { Passage } from "../corpus/types.ts";
import type { AnswerType } from "../language/answerType.ts";
import type { Meanings } from "./meaning.ts";
import { type PassageTerms, type PassageTermsCache, sentencesHolding } from "./passageTerms.ts";
import { QueryScan } from "./queryScan.ts";
import type { Candidate } from "./scorer.ts";
import {
  type Hit,
  type QueryTerm,
  type SearchMargins,
  type StoryInfo,
  type TermMatch,
  UNRIVALLED,
} from "./types.ts";

// Candidates re-ranked: on SQuAD, re-ranking the top 20 found the gold paragraph as often as
// re-ranking more, at a fraction of the cost.
export const RERANK_DEPTH = 20;
// Weight of a query bigram found adjacent in a passage, relative to the BM25 score.
const PROXIMITY_WEIGHT = 0.15;
// Bonus for a passage whose best sentence holds the kind of answer the question asks for (a number
// for "how many", a time for "when"; see language/answerType.ts). SQuAD tune, top-1: 0 → 78.9%,
// 0.1 → 79.0%, 0.2–0.4 → 79.2%, 0.6 → 79.0%, 1 → 78.7%; on the whole passage rather than the best
// sentence, 79.0%.
const ANSWER_TYPE_WEIGHT = 0.3;
// Weight of the best sentence's share of the query (0–1), relative to the normalized BM25 score.
// SQuAD tune, top-1: 0 → 78.2%, 0.1 → 78.2%, 0.2 → 78.4%, 0.3 → 78.5%, 0.5 → 78.5%.
const SENTENCE_WEIGHT = 0.3;
// Weight of the whole passage's share of the query (0–1): a passage holding more of what is asked
// beats one that repeats a single word ("how long ago did Russia go all in" → "three years ago").
// SQuAD tune, top-1: 0 → 79.2%, 0.4 → 79.3%, 0.8 → 79.2%; story questions (reader b) 44 → 46 of 50.
const PASSAGE_WEIGHT = 0.4;
// Weight of the cosine between the question's and the passage's meaning vectors (IDF-weighted
// means of GloVe word vectors), relative to the normalized BM25 score. SQuAD tune, top-1: 0 → 78.4%,
// 0.25 → 78.6%, 0.5 → 78.8%, 1 → 78.9%, 1.5 → 79.0%, 3 → 78.3%; story questions (ranking) 90 → 91 of 98.
const DENSE_WEIGHT = 1;

/** What the re-rank reads of the index. */
export interface RerankSources {
  readonly passages: ReadonlyMap<string, Passage>;
  readonly storyBySlug: ReadonlyMap<string, StoryInfo>;
  /** The index terms of each story's title, by slug. */
  readonly titleTerms: ReadonlyMap<string, ReadonlySet<string>>;
  readonly passageTerms: PassageTermsCache;
  readonly meanings: Meanings;
}

/** The hits re-ranked, and how far the first stands above the other passages re-ranked. */
export interface Reranked {
  readonly hits: Hit[];
  readonly margins: SearchMargins;
}

/**
 * The last stage of a search: the candidates, with the passages closest in meaning, ordered by
 * their BM25 score plus phrase proximity, the best sentence's and the passage's share of the
 * query, closeness in meaning and whether the best sentence holds the kind of answer asked for;
 * the first `limit` of them as hits, with the first's margins over all of them.
 */
export function rerank(
  sources: RerankSources,
  terms: readonly QueryTerm[],
  candidates: Candidate[],
  story: string | undefined,
  answerType: AnswerType | null,
  limit = Number.POSITIVE_INFINITY,
): Reranked {
  const closeness = sources.meanings.closeness(terms, candidates, story);
  const top = candidates[0]?.score || 1;
  const total = totalWeight(terms);
  // Scored first and made hits only for the first `limit`: an answer keeps 3 or 4 of the 20.
  const scores: number[] = [];
  const passages: Passage[] = [];
  const infos: StoryInfo[] = [];
  const entries: PassageTerms[] = [];
  const scan = new QueryScan(terms);
  for (const result of candidates) {
    const passage = sources.passages.get(result.id);
    const info = passage && sources.storyBySlug.get(passage.story);
    const passageTerms = sources.passageTerms.get(result.id);
    if (!passage || !info || !passageTerms) continue;
    scan.scan(passageTerms);
    const proximity = scan.bigramsFound();
    const sentences = passageTerms.sentenceTexts.length;
    const at = bestSentence(scan, sentences);
    const sentence = total === 0 || at >= sentences ? 0 : scan.found(at) / total;
    const whole = total === 0 ? 0 : scan.found(-1) / total;
    const typed = answerType !== null && (sentencesHolding(passageTerms, answerType)[at] ?? false);
    scores.push(
      result.score / top +
        PROXIMITY_WEIGHT * proximity +
        SENTENCE_WEIGHT * sentence +
        PASSAGE_WEIGHT * whole +
        DENSE_WEIGHT * (closeness.get(passage.id) ?? 0) +
        (typed ? ANSWER_TYPE_WEIGHT : 0),
    );
    passages.push(passage);
    infos.push(info);
    entries.push(passageTerms);
  }
  // Best first; equal scores in the candidates' order, as a stable sort of the hits kept them.
  const order = Array.from(scores.keys()).sort(
    (a, b) => (scores[b] ?? 0) - (scores[a] ?? 0) || a - b,
  );
  const hits: Hit[] = [];
  for (const k of order) {
    if (hits.length >= limit) break;
    const passage = passages[k];
    const info = infos[k];
    const passageTerms = entries[k];
    if (passage === undefined || info === undefined || passageTerms === undefined) continue;
    scan.scan(passageTerms);
    const matches = matchTerms(terms, scan, sources.titleTerms.get(info.slug));
    hits.push({
      passage,
      story: info,
      score: scores[k] ?? 0,
      queryTerms: matches.map((m) => m.term),
      matchedTerms: distinctMatched(matches),
      matches,
    });
  }
  return { hits, margins: marginsOf(order, scores, infos) };
}

/** The first passage's margins over the next one and over the best of another story (`SearchMargins`). */
function marginsOf(
  order: readonly number[],
  scores: readonly number[],
  infos: readonly StoryInfo[],
): SearchMargins {
  const first = order[0];
  const top = first === undefined ? 0 : (scores[first] ?? 0);
  if (first === undefined || top <= 0) return UNRIVALLED;
  const share = (k: number | undefined) =>
    k === undefined ? 1 : Math.min(1, Math.max(0, (top - (scores[k] ?? 0)) / top));
  const story = infos[first]?.slug;
  return {
    passage: share(order[1]),
    story: share(order.find((k) => infos[k]?.slug !== story)),
  };
}

/**
 * The passage's best single sentence: the first holding the largest share of the query's weight.
 * An answer is usually one sentence that holds most of what the question asks, not words scattered
 * over a paragraph.
 */
function bestSentence(scan: QueryScan, sentences: number): number {
  let best = 0;
  let bestAt = 0;
  // Index loops and no callbacks: this runs for every sentence of every candidate of every
  // question, and its garbage set how often the young generation was collected.
  for (let at = 0; at < sentences; at++) {
    const weight = scan.found(at);
    if (weight > best) {
      best = weight;
      bestAt = at;
    }
  }
  return bestAt;
}

/** The sum of the query terms' weights. */
function totalWeight(terms: readonly QueryTerm[]): number {
  let total = 0;
  for (const t of terms) total += t.weight;
  return total;
}

/** The terms matched, each once, in order. */
function distinctMatched(matches: readonly TermMatch[]): string[] {
  const out: string[] = [];
  for (const m of matches) if (!out.includes(m.matched)) out.push(m.matched);
  return out;
}

/** The best match of each query term among a passage's terms (as scanned), then its story's title. */
function matchTerms(
  terms: readonly QueryTerm[],
  scan: QueryScan,
  titleTerms: ReadonlySet<string> | undefined,
): TermMatch[] {
  const matches: TermMatch[] = [];
  terms.forEach((t, q) => {
    if (scan.holds(q, -1) || (titleTerms?.has(t.term) ?? false)) {
      matches.push({ term: t.term, matched: t.term, strength: 1, source: "exact" });
      return;
    }
    // Expansions are sorted strongest first.
    const expansion = t.expansions.find(
      (e, v) => scan.holds(q, v) || (titleTerms?.has(e.term) ?? false),
    );
    if (expansion)
      matches.push({
        term: t.term,
        matched: expansion.term,
        strength: expansion.strength,
        source: expansion.source,
      });
  });
  return matches;
}
