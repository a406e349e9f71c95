import type { Hit, QueryTerm } from "../search/types.ts";
import type { RatedHit } from "./evidence.ts";
import { type PassageWords, wordsOfPassage } from "./passageWords.ts";
import type { AnswerResult } from "./types.ts";

/** A hit as an answer shows it: its best sentence, the words to highlight, the names it lacks and its citation. */
export function toResult(
  terms: readonly QueryTerm[],
  { hit, missing }: Pick<RatedHit, "hit" | "missing">,
): AnswerResult {
  const matched = new Set(hit.matchedTerms);
  const surface = new Set<string>();
  const words = wordsOfPassage(hit.passage);
  for (const word of words.words) {
    if (word.term !== null && matched.has(word.term)) surface.add(word.surface);
  }
  return {
    id: hit.passage.id,
    score: Math.round(hit.score * 1000) / 1000,
    text: hit.passage.text,
    bestSentence: bestSentence(hit.passage.text, words, matched, weightsByTerm(terms, hit)),
    terms: [...surface],
    missing: [...missing],
    citation: {
      story: hit.story.slug,
      title: hit.story.title,
      paragraph: hit.passage.paragraph,
      url: hit.story.url,
    },
  };
}

/** Weight of each matched index term: the weight of the query term it answered, times the match's strength. */
function weightsByTerm(terms: readonly QueryTerm[], hit: Hit): Map<string, number> {
  const byQueryTerm = new Map(terms.map((t) => [t.term, t.weight]));
  const weights = new Map<string, number>();
  for (const match of hit.matches) {
    const weight = (byQueryTerm.get(match.term) ?? 0) * match.strength;
    weights.set(match.matched, Math.max(weights.get(match.matched) ?? 0, weight));
  }
  return weights;
}

/** The sentence holding the most question weight; the first sentence on a tie. */
function bestSentence(
  text: string,
  words: PassageWords,
  matched: ReadonlySet<string>,
  weights: ReadonlyMap<string, number>,
): string {
  let best = "";
  let bestScore = -1;
  const found = new Set<string>();
  for (const { text: sentence, words: sentenceWords } of words.sentences) {
    found.clear();
    for (const word of sentenceWords) {
      if (word.term !== null && matched.has(word.term)) found.add(word.term);
    }
    let score = 0;
    for (const term of found) score += weights.get(term) ?? 0;
    if (score > bestScore) {
      best = sentence;
      bestScore = score;
    }
  }
  return best || text;
}
