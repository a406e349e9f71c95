import type { Word } from "../language/text.ts";
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
  const words = wordsOfPassage(hit.passage);
  const where = termPlaces(words);
  // The surfaces of the matched words in passage order: the places of the few matched terms,
  // rather than a look-up for each of the passage's words.
  const places: number[] = [];
  for (const term of matched) for (const at of where.inPassage.get(term) ?? []) places.push(at);
  places.sort((a, b) => a - b);
  const surface = new Set<string>();
  for (const at of places) surface.add((words.words[at] as Word).surface);
  return {
    id: hit.passage.id,
    score: Math.round(hit.score * 1000) / 1000,
    text: hit.passage.text,
    bestSentence: bestSentence(hit.passage.text, words, where, matched, weightsByTerm(terms, hit)),
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

/** Where each term of a passage stands, worked out once per passage's words. */
interface TermPlaces {
  /** The indices in `words` of each term's words, in order. */
  readonly inPassage: ReadonlyMap<string, readonly number[]>;
  /** For each term, the sentences holding it and where it first stands in each: pairs of numbers. */
  readonly inSentences: ReadonlyMap<string, readonly number[]>;
}

const termPlacesOf = new WeakMap<PassageWords, TermPlaces>();

function termPlaces(words: PassageWords): TermPlaces {
  const cached = termPlacesOf.get(words);
  if (cached !== undefined) return cached;
  const inPassage = new Map<string, number[]>();
  words.words.forEach((word, at) => {
    if (word.term === null) return;
    const list = inPassage.get(word.term);
    if (list === undefined) inPassage.set(word.term, [at]);
    else list.push(at);
  });
  const inSentences = new Map<string, number[]>();
  words.sentences.forEach((sentence, s) => {
    sentence.words.forEach((word, at) => {
      if (word.term === null) return;
      const list = inSentences.get(word.term);
      if (list === undefined) inSentences.set(word.term, [s, at]);
      else if (list[list.length - 2] !== s) list.push(s, at);
    });
  });
  const places = { inPassage, inSentences };
  termPlacesOf.set(words, places);
  return places;
}

/**
 * The sentence holding the most question weight; the first sentence on a tie. A sentence's weight
 * is summed over its matched terms in the order they first stand in it, as a walk over its words
 * would add them (so to the same bits), from the places of the few matched terms.
 */
function bestSentence(
  text: string,
  words: PassageWords,
  where: TermPlaces,
  matched: ReadonlySet<string>,
  weights: ReadonlyMap<string, number>,
): string {
  // (sentence, first place, weight) of each matched term in each sentence holding it.
  const found: number[][] = [];
  for (const term of matched) {
    const list = where.inSentences.get(term);
    if (list === undefined) continue;
    const weight = weights.get(term) ?? 0;
    for (let i = 0; i < list.length; i += 2) found.push([list[i] ?? 0, list[i + 1] ?? 0, weight]);
  }
  found.sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0) || (a[1] ?? 0) - (b[1] ?? 0));
  let best = "";
  let bestScore = -1;
  let next = 0;
  words.sentences.forEach((sentence, s) => {
    let score = 0;
    for (; next < found.length && found[next]?.[0] === s; next++) score += found[next]?.[2] ?? 0;
    if (score > bestScore) {
      best = sentence.text;
      bestScore = score;
    }
  });
  return best || text;
}
