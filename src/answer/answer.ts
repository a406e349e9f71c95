import { splitSentences } from "../corpus/sentences.ts";
import type { Passage } from "../corpus/types.ts";
import { type AnswerType, expectedAnswer, holdsAnswerType } from "../language/answerType.ts";
import { askedSpeaker, reportsSpeaker } from "../language/attribution.ts";
import { tokenize, type Word, wordsOf, writtenForms } from "../language/text.ts";
import type { SearchIndex } from "../search/index.ts";
import type { Hit, QueryTerm } from "../search/types.ts";
import { CONFIDENCE_MODEL, confidenceOf } from "./confidence.ts";
import { type Evidence, type RatedHit, weighEvidence } from "./evidence.ts";
import { extractPhrase, phraseKind, rankSentences } from "./extract.ts";
import { checkQuestion } from "./question.ts";
import { candidateQuestions, summaryQuestion } from "./suggest.ts";
import { asksForSummary } from "./summary.ts";

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
  /**
   * Names in the question (lower-case) that the passage neither contains nor has a close stand-in
   * for: "putin" when the passage on the cyber pause never names him.
   */
  readonly missing: readonly string[];
  readonly citation: Citation;
}

/**
 * Why a question was refused: it names what no story names, asks for a kind of answer the story
 * does not give, asks what someone said whom the story never reports speaking, or is about
 * something else.
 */
export type Refusal =
  /** `names`: the question's words (lower-case) that no story names. */
  | { readonly kind: "unnamed"; readonly names: readonly string[] }
  | { readonly kind: "no-answer-type"; readonly type: AnswerType }
  /** `names`: the speaker's words, as the passages write them ("Putin"). */
  | { readonly kind: "unreported"; readonly names: readonly string[] }
  | { readonly kind: "off-topic" };

/**
 * How sure the bot is of an answer: `answered`, confident that the passages answer the question;
 * `uncertain`, the closest passages, which may not; `refused`, none shown, with the reason.
 */
export type Outcome = "answered" | "uncertain" | "refused";

/** What the corpus says about a question. */
export interface Answer {
  readonly question: string;
  readonly outcome: Outcome;
  /** True only when the outcome is `answered`. */
  readonly answered: boolean;
  /** The probability (0–1) that the passages shown answer the question, by the calibrated model. */
  readonly confidence: number;
  /** The passages, best first: the answer's, or the closest ones when uncertain; empty when refused. */
  readonly results: readonly AnswerResult[];
  /** Why it was refused, or why it is uncertain when a reason is known. */
  readonly refusal?: Refusal;
  /** When refused: questions the stories do answer, to ask instead. */
  readonly suggestions?: readonly string[];
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

/**
 * Answers a question from the index: the best passages, each with its best sentence and citation,
 * with how confident the bot is that they answer it and, from that, the outcome.
 *
 * @throws QuestionError when the question is empty or too long.
 */
export function answer(index: SearchIndex, question: string, options: AnswerOptions = {}): Answer {
  const check = checkQuestion(question);
  if (!check.ok) throw new QuestionError(check.message);
  const top = options.top ?? 3;
  const offset = options.offset ?? 0;
  if (asksForSummary(check.text)) return summarize(index, check.text, top, offset, options.story);
  const found = examine(index, check.text, { ...options, top: top + offset });
  const { confidence, outcome: judged } = judge(found);
  const shown = found.ranked.slice(offset, offset + top).filter((r) => r.coverage > 0);
  // Passages that share nothing with the question (found by meaning alone) are no answer to show.
  const outcome = shown.length === 0 && offset === 0 ? "refused" : judged;
  const base = { question: check.text, outcome, answered: outcome === "answered", confidence };
  if (outcome === "refused") {
    return {
      ...base,
      results: [],
      refusal: found.reason ?? { kind: "off-topic" },
      suggestions: suggestQuestions(
        index,
        suggestedStory(index, found, options.story),
        options.story !== undefined,
      ),
    };
  }
  const results = shown.map((r) => toResult(found.terms, r.hit));
  return { ...base, results, ...(found.reason === null ? {} : { refusal: found.reason }) };
}

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
}

/**
 * Searches for a checked question and weighs what was found, without deciding: `answer()` and the
 * calibration (test/eval/calibration.ts) read the same evidence.
 */
export function examine(
  index: SearchIndex,
  text: string,
  options: { readonly top?: number; readonly story?: string } = {},
): Examination {
  const { terms, hits } = index.search(text, {
    limit: Math.max(options.top ?? 3, COVERAGE_DEPTH),
    ...(options.story === undefined ? {} : { story: options.story }),
  });
  return weighHits(text, terms, hits);
}

/**
 * Rates a question's hits (coverage, the kind of answer asked for, the speaker asked about) and
 * weighs the evidence of the first ones; the calibration also weighs hits with the right paragraph
 * left out, as a question the story does not answer.
 */
export function weighHits(
  text: string,
  terms: readonly QueryTerm[],
  hits: readonly Hit[],
): Examination {
  const expected = expectedAnswer(text);
  const speaker = askedSpeaker(tokenize(text), terms);
  const rated: RatedHit[] = hits.map((hit) => ({
    hit,
    coverage: coverage(terms, hit),
    holds: expected !== null && holdsAnswerType(hit.passage.text, expected.type),
    reports: speaker !== null && reportsSpeaker(sentenceWords(hit.passage), speaker.terms),
  }));
  const best = rated.slice(0, COVERAGE_DEPTH);
  const first = best[0];
  const evidence = weighEvidence({
    terms,
    rated: best,
    unnamed: namesMissing(terms),
    nameAbsent: first !== undefined && missingNames(terms, first.hit).length > 0,
    typeAsked: expected !== null,
    typeExplicit: expected?.explicit ?? false,
    speakerAsked: speaker !== null,
    covers: MIN_COVERAGE,
    ...phraseEvidence(text, first?.hit),
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
  return { terms, rated, ranked, evidence, reason };
}

/** How sure the extractor is of the answer phrase the first hit offers, and whether one is asked for. */
function phraseEvidence(
  text: string,
  first: Hit | undefined,
): { phrase: number; phraseAsked: boolean } {
  const phraseAsked = phraseKind(text) !== null;
  if (!phraseAsked || first === undefined) return { phrase: 0, phraseAsked };
  const found = extractPhrase(text, rankSentences(text, first.passage.text));
  return { phrase: found?.confidence ?? 0, phraseAsked };
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
function judge(found: Examination): { confidence: number; outcome: Outcome } {
  const confidence = confidenceOf(found.evidence);
  return { confidence, outcome: decide(confidence, found.reason?.kind ?? null) };
}

// Questions suggested by a refusal: a few, from the names of the story closest to the question (or
// the one asked about), each checked until enough are found.
const SUGGESTIONS = 3;
const SUGGESTION_CANDIDATES = 8;
// The same for every refusal from one index and story, so worked out once per story; weak, so a
// replaced index frees them. Checking a candidate is a search: at 100,000 passages about 3 ms.
const suggestionCache = new WeakMap<SearchIndex, Map<string, readonly string[]>>();

/** The story to suggest questions from: the one asked about, else that of the closest passage. */
function suggestedStory(
  index: SearchIndex,
  found: Examination,
  story: string | undefined,
): string | undefined {
  return story ?? found.rated[0]?.hit.story.slug ?? index.stories[0]?.slug;
}

/**
 * Questions the stories answer, to offer with a refusal: what they are about (or the one story asked
 * about, when `scoped`), then what the closest story says about the names it mentions most, each
 * checked to be answered.
 */
function suggestQuestions(
  index: SearchIndex,
  slug: string | undefined,
  scoped: boolean,
): readonly string[] {
  const perIndex = suggestionCache.get(index) ?? new Map<string, readonly string[]>();
  suggestionCache.set(index, perIndex);
  const key = `${scoped ? "story:" : ""}${slug ?? ""}`;
  const cached = perIndex.get(key);
  if (cached !== undefined) return cached;
  const suggestions = [summaryQuestion(scoped ? 1 : index.stories.length)];
  const candidates = slug === undefined ? [] : candidateQuestions(index.passagesOf(slug));
  for (const question of candidates.slice(0, SUGGESTION_CANDIDATES)) {
    if (suggestions.length >= SUGGESTIONS) break;
    const found = examine(index, question, index.stories.length > 1 && slug ? { story: slug } : {});
    if (judge(found).outcome === "answered") suggestions.push(question);
  }
  perIndex.set(key, suggestions);
  return suggestions;
}

/** The items for which `first` holds, then the rest, each in their order. */
function firstWhere<T>(items: readonly T[], first: (item: T) => boolean): T[] {
  return [...items.filter(first), ...items.filter((item) => !first(item))];
}

/**
 * What the stories are about: one story's headline and first paragraphs, or, when there are
 * several, each story's headline.
 */
function summarize(
  index: SearchIndex,
  question: string,
  top: number,
  offset: number,
  story: string | undefined,
): Answer {
  const slugs = story === undefined ? index.stories.map((s) => s.slug) : [story];
  const lead =
    slugs.length === 1
      ? index.passagesOf(slugs[0] ?? "")
      : slugs.flatMap((slug) => index.passagesOf(slug).slice(0, 1));
  const results = lead.slice(offset, offset + top).map((passage): AnswerResult => {
    const info = index.story(passage.story);
    return {
      id: passage.id,
      score: 0,
      text: passage.text,
      bestSentence: splitSentences(passage.text)[0] ?? passage.text,
      terms: [],
      missing: [],
      citation: {
        story: passage.story,
        title: info?.title ?? passage.story,
        paragraph: passage.paragraph,
        url: info?.url ?? null,
      },
    };
  });
  const outcome: Outcome = results.length > 0 || offset > 0 ? "answered" : "refused";
  return { question, outcome, answered: outcome === "answered", confidence: 1, results };
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

/** A passage's words, and its sentences with theirs, as answers read them. */
interface PassageWords {
  readonly words: readonly Word[];
  readonly sentences: readonly { readonly text: string; readonly words: readonly Word[] }[];
}

// Worked out once per passage: the same passages answer many questions, and cutting them anew
// each time was most of what a question allocates. Weak, so a replaced index frees its passages.
const passageWords = new WeakMap<Passage, PassageWords>();

function wordsOfPassage(passage: Passage): PassageWords {
  const cached = passageWords.get(passage);
  if (cached !== undefined) return cached;
  const words: PassageWords = {
    words: wordsOf(passage.text),
    sentences: splitSentences(passage.text).map((text) => ({ text, words: wordsOf(text) })),
  };
  passageWords.set(passage, words);
  return words;
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

function toResult(terms: readonly QueryTerm[], hit: Hit): AnswerResult {
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
    missing: missingNames(terms, hit),
    citation: {
      story: hit.story.slug,
      title: hit.story.title,
      paragraph: hit.passage.paragraph,
      url: hit.story.url,
    },
  };
}

/**
 * The names the question turns on that the hit holds neither exactly nor through a stand-in closer
 * than a word-vector neighbour: the passage found for "What did Putin say about the pause?" may be
 * about the pause and never name him.
 */
function missingNames(terms: readonly QueryTerm[], hit: Hit): string[] {
  const heaviest = Math.max(0, ...terms.map((t) => t.weight));
  const held = new Set(hit.matches.filter((m) => m.source !== "meaning").map((m) => m.term));
  // A name most passages hold ("Ukraine" in a story on Ukraine) is not what the question turns on.
  return terms
    .filter((t) => t.name && t.weight >= MISSING_SHARE * heaviest && !held.has(t.term))
    .map((t) => t.word);
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
  for (const { text: sentence, words: sentenceWords } of words.sentences) {
    const found = new Set<string>();
    for (const word of sentenceWords) {
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
