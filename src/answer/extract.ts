import { splitSentences } from "../corpus/sentences.ts";
import { type AnswerType, expectedAnswer } from "../language/answerType.ts";
import { STOP_WORDS, termFor, tokenize } from "../language/text.ts";
import type { Answer } from "./answer.ts";

/** The parts of speech an optional tagger tells the extractor. */
export type PartOfSpeech = "noun" | "adjective" | "number" | "verb" | "other";

/** How the extractor cuts a sentence: words (with inner apostrophes, dots, commas and dashes), currency signs, marks. */
export const TOKEN = /[\p{L}\p{N}]+(?:['’.,\-–][\p{L}\p{N}]+)*|[$%£€]|[^\s\p{L}\p{N}]/gu;

/**
 * The phrase of a story that answers a question ("Defense Secretary Pete Hegseth" for "Who issued
 * the directive?"), as the story writes it, with how sure the extractor is of it (0–1).
 */
export interface AnswerPhrase {
  readonly text: string;
  readonly confidence: number;
  /** The sentence it was found in. */
  readonly sentence: string;
}

/** What a question asks for, as the extractor reads it: a kind of answer or a noun phrase. */
export type PhraseKind = AnswerType | "person" | "place" | "thing";

/**
 * Confidence from which a phrase is shown to a reader. Chosen on SQuAD tune (`npm run eval -- --half
 * tune --fit`): the lowest threshold at which at least 80% of the phrases shown from our first
 * passage are right (F1 ≥ 0.5 against an accepted answer): above 0.70, 81% right and 7% of
 * questions shown; above 0.60, 74% and 14%; above 0.80, 86% and 2.5%.
 */
export const SHOW_CONFIDENCE = 0.71;

/** One word or mark of a sentence, where it stands, and what the extractor knows of it. */
interface Token {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** Lower-case word without accents, or the mark itself. */
  readonly lower: string;
  /** Index term (Porter stem), null for stop words and marks. */
  readonly term: string | null;
  readonly word: boolean;
  /** Capitalised and not merely because it starts the sentence. */
  readonly name: boolean;
  readonly number: boolean;
  readonly part: PartOfSpeech | null;
}

/** A stretch of tokens that could answer, and the kind of thing it is. */
interface Candidate {
  readonly from: number;
  /** Exclusive. */
  readonly to: number;
  readonly kinds: ReadonlySet<PhraseKind>;
}

const PERSON_NOUNS =
  "person|people|man|woman|men|women|leader|president|player|king|queen|scientist|author|writer|artist|official|group|team|company|organization|organisation|party|band|family";
const PLACE_NOUNS =
  "city|country|state|place|region|area|town|county|continent|nation|location|island|river|mountain|building|stadium|venue|province|district";

// How a question asks for a person, a place or a noun phrase; `expectedAnswer` reads numbers and times first.
const KIND_PATTERNS: readonly (readonly [RegExp, PhraseKind])[] = [
  [/\b(?:who|whom|whose)\b/u, "person"],
  [
    /\b(?:what|which) (?:was |is |were |are )?(?:the )?(?:\w+ )?(?:cost|price|score|population|percentage|rate|total|size|amount|value|budget|salary)\b/u,
    "number",
  ],
  [new RegExp(`\\b(?:what|which) (?:\\w+ )?(?:${PERSON_NOUNS})\\b`, "u"), "person"],
  [/\bwhere\b/u, "place"],
  [new RegExp(`\\b(?:what|which|in what|in which) (?:\\w+ )?(?:${PLACE_NOUNS})\\b`, "u"), "place"],
  [/\b(?:what|which)\b/u, "thing"],
  [/\bname\b/u, "thing"],
];

/** What the question asks for, or null when it asks why or how, which no phrase answers. */
export function phraseKind(question: string): PhraseKind | null {
  const expected = expectedAnswer(question);
  if (expected !== null) return expected.type;
  const text = question.toLowerCase();
  if (/\bwhy\b|\bhow\b/u.test(text)) return null;
  for (const [pattern, kind] of KIND_PATTERNS) if (pattern.test(text)) return kind;
  return null;
}

const NUMBER_WORD =
  /^(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|millions?|billions?|trillions?|dozens?|half|numerous|several|first|second|third|fourth|fifth|tenth)$/u;
const MONTH =
  /^(?:january|february|march|april|may|june|july|august|september|october|november|december)$/u;
const TIME_UNITS = "years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|centur(?:y|ies)";
const TIME_UNIT = new RegExp(`^(?:${TIME_UNITS})$`, "u");
const YEAR = /^(?:1[0-9]{3}|20[0-9]{2})s?$/u;
const TIME_WORD =
  /^(?:today|yesterday|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday|ago|morning|evening|night|spring|summer|autumn|winter|fall|recently|soon)$/u;
// Words that join the parts of a name ("University of Chicago", "Tony Blair and Gordon Brown" is two).
const NAME_JOINERS: ReadonlySet<string> = new Set(["of", "de", "la", "del", "von", "van", "der"]);
// Marks and words that end a phrase: a noun phrase does not run across them.
const PHRASE_BREAK = /^[,;:()"“”!?]$|^[.]$/u;

/** Cuts a sentence into tokens and marks names, numbers and (when tagged) parts of speech. */
// Sentences cut into tokens and candidate phrases, which do not depend on the question: every
// answer extracts from its first passage's sentences, and the same passages answer many questions.
// Cleared when full; a few KB each.
const CUT_CACHE_SIZE = 5_000;
const cutSentences = new Map<string, { tokens: Token[]; candidates: Candidate[] }>();

/** A sentence's tokens and candidate phrases, from the cache when no tagger is given. */
function cutSentence(
  sentence: string,
  tagParts: ExtractOptions["tagParts"],
): { tokens: Token[]; candidates: Candidate[] } {
  if (tagParts !== undefined) {
    const tokens = tokensOf(sentence, tagParts(sentence));
    return { tokens, candidates: candidatesOf(tokens) };
  }
  const cached = cutSentences.get(sentence);
  if (cached !== undefined) return cached;
  const tokens = tokensOf(sentence, null);
  const cut = { tokens, candidates: candidatesOf(tokens) };
  if (cutSentences.size >= CUT_CACHE_SIZE) cutSentences.clear();
  cutSentences.set(sentence, cut);
  return cut;
}

function tokensOf(sentence: string, parts: readonly (PartOfSpeech | null)[] | null): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  for (const match of sentence.matchAll(TOKEN)) {
    const text = match[0];
    const start = match.index ?? 0;
    const word = /[\p{L}\p{N}]/u.test(text);
    const lower = word ? tokenize(text).join(" ") : text;
    const capitalised = /^\p{Lu}/u.test(text);
    const first = tokens.every((t) => !t.word);
    tokens.push({
      text,
      start,
      end: start + text.length,
      lower,
      term: word ? termFor(lower.split(" ")[0] ?? "") : null,
      word,
      name: capitalised && (!first || !STOP_WORDS.has(lower)) && !MONTH.test(lower),
      number: /\p{N}/u.test(text) || NUMBER_WORD.test(lower),
      part: parts?.[i] ?? null,
    });
    i++;
  }
  return tokens;
}

/** Every stretch of the sentence that could answer, by the kinds of thing it could be. */
function candidatesOf(tokens: readonly Token[]): Candidate[] {
  const found: Candidate[] = [];
  const add = (from: number, to: number, kinds: PhraseKind[]) => {
    if (to > from) found.push({ from, to, kinds: new Set(kinds) });
  };
  // Names: runs of capitalised words, joined by "of" and the like.
  for (let i = 0; i < tokens.length; i++) {
    if (!tokens[i]?.name) continue;
    let j = i + 1;
    while (j < tokens.length) {
      const t = tokens[j];
      if (t?.name) j++;
      else if (t && NAME_JOINERS.has(t.lower) && tokens[j + 1]?.name) j += 2;
      else break;
    }
    const kinds: PhraseKind[] = ["person", "place", "thing"];
    if (tokens.slice(i, j).some((t) => MONTH.test(t.lower) || TIME_WORD.test(t.lower)))
      kinds.push("date", "time");
    add(i, j, kinds);
    i = j - 1;
  }
  // Numbers with what they count: "three years", "$5 million", "24–10", "50%".
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!t?.number || !t.word) continue;
    let from = i;
    if (tokens[i - 1]?.lower.match(/^[$£€]$/u)) from = i - 1;
    let j = i + 1;
    while (tokens[j]?.number && tokens[j]?.word) j++;
    if (tokens[j]?.lower === "%") j++;
    const unit = tokens[j];
    const kinds: PhraseKind[] = ["number", "figure", "thing"];
    const year = YEAR.test(t.lower) && j === i + 1;
    if (year) kinds.push("year", "time", "date");
    if (unit && TIME_UNIT.test(unit.lower)) {
      kinds.push("duration", "time");
      add(from, tokens[j + 1]?.lower === "ago" ? j + 2 : j + 1, kinds);
      continue;
    }
    if (!year && unit?.word && unit.term !== null && !unit.name && isNounish(unit)) j++;
    add(from, j, kinds);
  }
  // Dates: "February 7, 2016", "7 February", "October 1973", weekdays.
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!t) continue;
    if (MONTH.test(t.lower) && (t.text !== "May" || tokens[i + 1]?.number)) {
      let from = i;
      let to = i + 1;
      if (tokens[i - 1]?.number) from = i - 1;
      if (tokens[to]?.number) to++;
      if (tokens[to]?.lower === "," && YEAR.test(tokens[to + 1]?.lower ?? "")) to += 2;
      else if (YEAR.test(tokens[to]?.lower ?? "")) to++;
      add(from, to, ["date", "time", "year", "thing"]);
    } else if (TIME_WORD.test(t.lower)) {
      add(i, i + 1, ["date", "time"]);
    }
  }
  // Noun phrases: the words between function words and marks, or, with parts of speech, the
  // adjectives and nouns before a noun.
  for (let i = 0; i < tokens.length; i++) {
    if (!startsPhrase(tokens[i])) continue;
    let j = i;
    while (j < tokens.length && inPhrase(tokens[j])) j++;
    // A tagged phrase ends on its last noun.
    while (j > i && tokens[j - 1]?.part !== null && !endsPhrase(tokens[j - 1])) j--;
    add(i, j, ["thing"]);
    i = Math.max(i, j - 1);
  }
  return found;
}

function isNounish(token: Token): boolean {
  return token.part === null || token.part === "noun";
}

function startsPhrase(token: Token | undefined): boolean {
  if (!token?.word || token.term === null) return false;
  return token.part === null || token.part === "noun" || token.part === "adjective";
}

function inPhrase(token: Token | undefined): boolean {
  if (!token || PHRASE_BREAK.test(token.text) || !token.word) return false;
  if (token.part !== null)
    return token.part === "noun" || token.part === "adjective" || token.part === "number";
  return token.term !== null;
}

function endsPhrase(token: Token | undefined): boolean {
  return token?.part === "noun" || token?.part === "number";
}

/** What one candidate looks like to the scorer. */
interface Features {
  /** Tokens between the candidate and the nearest word the question shares, 0 when adjacent. */
  readonly distance: number;
  /** Share of the question's terms that the sentence holds. */
  readonly overlap: number;
  /** Share of the question's terms within a few words of the candidate. */
  readonly near: number;
  /** How many other candidates of the kind asked for the sentence holds. */
  readonly rivals: number;
  readonly kind: PhraseKind;
  /** Words in the candidate. */
  readonly length: number;
  /** Every word capitalised. */
  readonly name: boolean;
  /** Found in the second sentence, not the best. */
  readonly second: boolean;
}

// Words either side of a candidate in which question words count as near it.
const NEAR = 6;

const NUMBER_KINDS: ReadonlySet<PhraseKind> = new Set(["number", "figure", "duration"]);
const TIME_KINDS: ReadonlySet<PhraseKind> = new Set(["time", "date", "year"]);

// Logistic weights of the confidence, in the order of `featureVector`, fitted on SQuAD tune to
// whether the phrase chosen from our first passage is right (`npm run eval -- --half tune --fit`).
const WEIGHTS = [
  -1.72, -0.06, 1.52, 0.94, -0.27, -0.01, -0.35, 0.72, 1.49, 0.07, 0.55, -1.25,
] as const;

/** The features as the numbers the confidence weighs, in the order of WEIGHTS. */
function featureVector(f: Features): number[] {
  return [
    1,
    Math.min(f.distance, 10),
    f.overlap,
    f.near,
    Math.min(f.rivals, 5),
    f.kind === "person" ? 1 : 0,
    f.kind === "place" ? 1 : 0,
    NUMBER_KINDS.has(f.kind) ? 1 : 0,
    TIME_KINDS.has(f.kind) ? 1 : 0,
    Math.min(f.length, 8),
    f.name ? 1 : 0,
    f.second ? 1 : 0,
  ];
}

function confidenceOf(x: readonly number[]): number {
  const z = x.reduce((sum, value, i) => sum + value * (WEIGHTS[i] ?? 0), 0);
  return 1 / (1 + Math.exp(-z));
}

/**
 * Options for extraction: a part-of-speech tagger giving one part per token (cut by `TOKEN`), for
 * noun phrases; without one, a noun phrase is the words between function words and marks.
 */
export interface ExtractOptions {
  readonly tagParts?: (sentence: string) => readonly (PartOfSpeech | null)[];
}

/**
 * The phrase of the sentences (best first) that answers the question, whatever its confidence, or
 * null when the question asks why or how, or no sentence holds a phrase of the kind asked for.
 * `x` is the chosen phrase's features, which `npm run eval -- --fit` fits the weights to.
 */
export function extractPhrase(
  question: string,
  sentences: readonly string[],
  options: ExtractOptions = {},
): (AnswerPhrase & { readonly x: readonly number[] }) | null {
  const kind = phraseKind(question);
  if (kind === null) return null;
  const questionWords = new Set(tokenize(question));
  const questionTerms = new Set(
    [...questionWords].map((w) => termFor(w)).filter((t): t is string => t !== null),
  );
  let best: (AnswerPhrase & { x: readonly number[] }) | null = null;
  let bestScore = Number.NEGATIVE_INFINITY;
  // The best two sentences: the answer is beside the question's words, rarely further off.
  for (const [rank, sentence] of sentences.slice(0, 2).entries()) {
    const { tokens, candidates } = cutSentence(sentence, options.tagParts);
    const shared = tokens.map((t) => t.term !== null && questionTerms.has(t.term));
    const sentenceTerms = new Set(tokens.filter((_token, i) => shared[i]).map((t) => t.term));
    const overlap = questionTerms.size === 0 ? 0 : sentenceTerms.size / questionTerms.size;
    const fitting = candidates
      .filter((c) => c.kinds.has(kind))
      .map((c) => trim(c, tokens, questionWords))
      .filter((c): c is Candidate => c !== null);
    const unique = dedupe(fitting);
    for (const candidate of unique) {
      const features: Features = {
        distance: distanceTo(candidate, shared),
        overlap,
        near: nearTerms(candidate, tokens, shared) / Math.max(1, questionTerms.size),
        rivals: unique.length - 1,
        kind,
        length: candidate.to - candidate.from,
        name: tokens.slice(candidate.from, candidate.to).every((t) => t.name || !t.word),
        second: rank > 0,
      };
      const x = featureVector(features);
      const confidence = confidenceOf(x);
      if (confidence > bestScore) {
        bestScore = confidence;
        const first = tokens[candidate.from];
        const last = tokens[candidate.to - 1];
        best = {
          text: sentence.slice(first?.start ?? 0, last?.end ?? 0),
          confidence: Math.round(confidence * 100) / 100,
          sentence,
          x,
        };
      }
    }
  }
  return best;
}

/**
 * The phrase that answers the question from the sentences (best first), only when the extractor
 * is confident enough to show it.
 */
export function answerPhrase(
  question: string,
  sentences: readonly string[],
  options: ExtractOptions = {},
): AnswerPhrase | null {
  const found = extractPhrase(question, sentences, options);
  if (found === null || found.confidence < SHOW_CONFIDENCE) return null;
  return { text: found.text, confidence: found.confidence, sentence: found.sentence };
}

/**
 * The candidate without the question's own words at its edges, or null when nothing else is left
 * or it is a name the question names ("Chuck Schumer" does not answer "What did Schumer call it?").
 */
function trim(
  candidate: Candidate,
  tokens: readonly Token[],
  questionWords: ReadonlySet<string>,
): Candidate | null {
  let { from, to } = candidate;
  const asked = (t: Token | undefined) =>
    t !== undefined &&
    !KEPT_AT_EDGE.test(t.lower) &&
    (questionWords.has(t.lower) || !t.word || STOP_WORDS.has(t.lower));
  while (from < to && asked(tokens[from])) from++;
  // A title the question names may go before the answer ("National Security Adviser Mike Waltz"),
  // but a name it names is its subject, not its answer.
  if (tokens.slice(from, to).some((t) => t.name && questionWords.has(t.lower))) return null;
  while (to > from && asked(tokens[to - 1])) to--;
  const rest = tokens.slice(from, to).filter((t) => t.word && t.term !== null);
  if (rest.length === 0 || rest.every((t) => questionWords.has(t.lower))) return null;
  return { ...candidate, from, to };
}

// Part of a quantity or a time even when the question says them too: "$", "%", "years", "ago".
const KEPT_AT_EDGE = new RegExp(`^(?:[$£€%]|ago|${TIME_UNITS})$`, "u");

function dedupe(candidates: readonly Candidate[]): Candidate[] {
  const seen = new Set<string>();
  return candidates.filter((c) => {
    const key = `${c.from}:${c.to}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** How many distinct question terms stand within NEAR tokens of the candidate. */
function nearTerms(
  candidate: Candidate,
  tokens: readonly Token[],
  shared: readonly boolean[],
): number {
  const terms = new Set<string>();
  const from = Math.max(0, candidate.from - NEAR);
  const to = Math.min(tokens.length, candidate.to + NEAR);
  for (let i = from; i < to; i++) {
    const term = tokens[i]?.term;
    if (shared[i] && term) terms.add(term);
  }
  return terms.size;
}

function distanceTo(candidate: Candidate, shared: readonly boolean[]): number {
  let best = Number.POSITIVE_INFINITY;
  shared.forEach((isShared, i) => {
    if (!isShared) return;
    const d =
      i < candidate.from ? candidate.from - i - 1 : i >= candidate.to ? i - candidate.to : 0;
    best = Math.min(best, d);
  });
  return Number.isFinite(best) ? best : 20;
}

/** The sentences of a text, those sharing most of the question's words first (the earlier on a tie). */
export function rankSentences(question: string, text: string): string[] {
  const asked = new Set(
    tokenize(question)
      .map((w) => termFor(w))
      .filter((t): t is string => t !== null),
  );
  const shared = (terms: ReadonlySet<string>) => {
    let count = 0;
    for (const term of terms) if (asked.has(term)) count++;
    return count;
  };
  return sentenceTermsOf(text)
    .map(({ sentence, terms }, i) => ({ sentence, i, score: shared(terms) }))
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .map((s) => s.sentence);
}

// A text's sentences with their terms, worked out once per text (a passage answers many questions).
const sentenceTerms = new Map<string, { sentence: string; terms: ReadonlySet<string> }[]>();

function sentenceTermsOf(text: string): { sentence: string; terms: ReadonlySet<string> }[] {
  const cached = sentenceTerms.get(text);
  if (cached !== undefined) return cached;
  const sentences = splitSentences(text).map((sentence) => ({
    sentence,
    terms: new Set(
      tokenize(sentence)
        .map((w) => termFor(w))
        .filter((t): t is string => t !== null),
    ),
  }));
  if (sentenceTerms.size >= CUT_CACHE_SIZE) sentenceTerms.clear();
  sentenceTerms.set(text, sentences);
  return sentences;
}

/** The phrase that answers a question from its best passage, when confident; null otherwise. */
export function phraseOfAnswer(answer: Answer, options: ExtractOptions = {}): AnswerPhrase | null {
  const best = answer.results[0];
  if (!answer.answered || best === undefined || best.terms.length === 0) return null;
  const others = rankSentences(answer.question, best.text).filter((s) => s !== best.bestSentence);
  return answerPhrase(answer.question, [best.bestSentence, ...others], options);
}
