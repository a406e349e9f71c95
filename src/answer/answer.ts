import { splitSentences } from "../corpus/sentences.ts";
import type { Hit, QueryTerm, SearchIndex } from "../search/index.ts";
import { wordsOf } from "../search/text.ts";
import { checkQuestion } from "./question.ts";

/** Where a passage comes from, as a reader checks it. */
export interface Citation {
  readonly story: string;
  readonly title: string;
  /** Paragraph number in the cleaned story; 0 is the headline. */
  readonly paragraph: number;
  readonly url: string | null;
}

/** One passage of an answer. */
export interface AnswerResult {
  readonly id: string;
  readonly score: number;
  readonly text: string;
  /** The sentence of the passage that best answers the question. */
  readonly bestSentence: string;
  /** Words of the passage that matched the question, lower-case, for highlighting. */
  readonly terms: readonly string[];
  readonly citation: Citation;
}

/** What the corpus says about a question; `answered: false` means it says nothing relevant. */
export interface Answer {
  readonly question: string;
  readonly answered: boolean;
  readonly results: readonly AnswerResult[];
}

/** Options for answering. */
export interface AnswerOptions {
  /** How many passages to return at most (default 3). */
  readonly top?: number;
  /** Only answer from this story (its slug). */
  readonly story?: string;
  /** Skip this many of the best passages first, to page through results. */
  readonly offset?: number;
}

/** Thrown for a question that cannot be asked (empty or too long); the message says why. */
export class QuestionError extends Error {
  override readonly name = "QuestionError";
}

/**
 * Share of a question's information (IDF weight) the best passage must contain to count as an answer.
 *
 * A question is about the corpus when its best passage holds at least half of what the question
 * asks for. Words the corpus has never seen weigh as much as its rarest words, so a question
 * whose subject is absent ("the capital of France") is refused even if a common word matches.
 */
export const MIN_COVERAGE = 0.5;

/**
 * Answers a question from the index: the best passages, each with its best sentence and citation.
 *
 * @throws QuestionError when the question is empty or too long.
 */
export function answer(index: SearchIndex, question: string, options: AnswerOptions = {}): Answer {
  const check = checkQuestion(question);
  if (!check.ok) throw new QuestionError(check.message);
  const top = options.top ?? 3;
  const offset = options.offset ?? 0;
  const { terms, hits } = index.search(check.text, {
    limit: top + offset,
    ...(options.story === undefined ? {} : { story: options.story }),
  });
  const best = hits[0];
  if (best === undefined || coverage(terms, best) < MIN_COVERAGE) {
    return { question: check.text, answered: false, results: [] };
  }
  const results = hits
    .slice(offset, offset + top)
    .filter((hit) => coverage(terms, hit) > 0)
    .map((hit) => toResult(terms, hit));
  return { question: check.text, answered: true, results };
}

/** Share of the question's term weight that a hit contains (fuzzy matches count). */
export function coverage(terms: readonly QueryTerm[], hit: Hit): number {
  const total = terms.reduce((sum, t) => sum + t.weight, 0);
  if (total === 0) return 0;
  const matched = new Set(hit.queryTerms);
  const found = terms.filter((t) => matched.has(t.term)).reduce((sum, t) => sum + t.weight, 0);
  return found / total;
}

function toResult(terms: readonly QueryTerm[], hit: Hit): AnswerResult {
  const matched = new Set(hit.matchedTerms);
  const surface = new Set<string>();
  for (const word of wordsOf(hit.passage.text)) {
    if (word.term !== null && matched.has(word.term)) surface.add(word.surface);
  }
  return {
    id: hit.passage.id,
    score: Math.round(hit.score * 1000) / 1000,
    text: hit.passage.text,
    bestSentence: bestSentence(hit.passage.text, matched, weightsByTerm(terms, hit)),
    terms: [...surface],
    citation: {
      story: hit.story.slug,
      title: hit.story.title,
      paragraph: hit.passage.paragraph,
      url: hit.story.url,
    },
  };
}

/** Weight of each matched index term: the weight of the query term it answered (fuzzy matches included). */
function weightsByTerm(terms: readonly QueryTerm[], hit: Hit): Map<string, number> {
  const weights = new Map<string, number>();
  const byQueryTerm = new Map(terms.map((t) => [t.term, t.weight]));
  const fallback = Math.min(...terms.map((t) => t.weight));
  for (const term of hit.matchedTerms) weights.set(term, byQueryTerm.get(term) ?? fallback);
  return weights;
}

/** The sentence holding the most question weight; the first sentence on a tie. */
function bestSentence(
  text: string,
  matched: ReadonlySet<string>,
  weights: ReadonlyMap<string, number>,
): string {
  let best = "";
  let bestScore = -1;
  for (const sentence of splitSentences(text)) {
    const found = new Set<string>();
    for (const word of wordsOf(sentence)) {
      if (word.term !== null && matched.has(word.term)) found.add(word.term);
    }
    const score = [...found].reduce((sum, term) => sum + (weights.get(term) ?? 0), 0);
    if (score > bestScore) {
      best = sentence;
      bestScore = score;
    }
  }
  return best || text;
}
