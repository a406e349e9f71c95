/**
 * Yes or no, from the sentence that settles a yes/no question: a logistic model (phrase.json,
 * fitted on the news test bed's fit stories by `npm run fit-phrases`) weighs general English cues
 * of negation ("not", "never", "did not"), denial and refusal ("refused", "denied", "declined",
 * "questioned"), contrast ("but", "instead"), hedging ("may", "plans to"), and what of the question
 * the sentence and its passage leave out (a number, a name, its other words); a second model,
 * fitted on the same stories with the questions they leave open, says how likely that reading is right.
 */
import { CappedCache } from "../language/cappedCache.ts";
import { defaultLexicon } from "../language/lexicon.ts";
import { STOP_WORDS, termFor, tokenize } from "../language/text.ts";
import type { Wording } from "../language/wording.ts";
import { checkFeatures, PHRASE_MODEL, type PhraseModel, scoreOf, sigmoid } from "./phraseModel.ts";
import type { AnswerPhrase } from "./types.ts";

/** What the yes/no reader takes of a question. */
export type YesNoQuestion = Pick<
  Wording,
  "words" | "termSet" | "capitalised" | "asksToCome" | "asksSpeech"
>;

/** The yes/no features in the order of their weights in phrase.json. */
export const YES_NO_FEATURES: readonly string[] = [
  "negation in the clause",
  "negation before a question word",
  "denial in the clause",
  "contrast",
  "hedge in the clause",
  "question negated",
  "question words missing from the sentence",
  "question words missing from the passage",
  "question number missing",
  "question name missing",
  "negation in the next sentence",
  "sentence overlap",
  "denial before a question word",
  "opposite of a question word in the clause",
  "clause overlap without negation",
  "question number in the sentence",
  "negation elsewhere in the sentence",
  "other ordinal than the question's",
  "split vote for a unanimity asked",
  "to come, asked as done",
];

/**
 * What the yes/no confidence weighs, in the order of its weights in phrase.json: how far the
 * reading leans from even, a "No" that no cue of negation, denial, contrast, hedging, opposition or
 * another ordinal says (only a sentence that fails to say yes), and the reading's own features.
 */
export const YES_NO_SURE_FEATURES: readonly string[] = [
  "lean",
  "no without a cue",
  ...YES_NO_FEATURES,
];

// The features that say no in so many words: a "No" without one of them only failed to read a yes.
const NO_CUES = [
  "negation in the clause",
  "negation before a question word",
  "denial in the clause",
  "contrast",
  "hedge in the clause",
  "denial before a question word",
  "opposite of a question word in the clause",
  "negation elsewhere in the sentence",
  "other ordinal than the question's",
  "split vote for a unanimity asked",
  "to come, asked as done",
].map((name) => {
  const at = YES_NO_FEATURES.indexOf(name);
  if (at < 0)
    throw new Error(
      `yesNo.ts: no-cue "${name}" is not a yes/no feature; name one of YES_NO_FEATURES`,
    );
  return at;
});

/** What the yes/no confidence weighs for a reading `p` (the chance of yes) of features `x`. */
export function sureFeatures(p: number, x: readonly number[]): number[] {
  const cued = NO_CUES.some((i) => (x[i] ?? 0) > 0);
  return [Math.abs(2 * p - 1), p < 0.5 && !cued ? 1 : 0, ...x];
}

// General English cues; a word list for no one story or phrasing.
const NEGATION =
  /^(?:not|no|never|none|nor|neither|nobody|nothing|without|cannot|t|didnt|doesnt|dont|wasnt|werent|isnt|arent|hasnt|havent|hadnt|wont|cant|couldnt|wouldnt|shouldnt|aint|mustnt|neednt|mightnt|shant)$/u;
const DENIAL =
  /^(?:refus|deni|deny|declin|reject|question|disput|fail|dismiss|oppos|doubt|lack|cancel|abandon|withdr|halt|scrap|postpon|delay|overturn|block|ban|prohibit|stop|suspend|avoid|instead|unabl|unlik|neg|unclear|unknown|ruled)/u;
const CONTRAST =
  /^(?:but|however|although|though|instead|rather|despite|yet|whereas|only|except|short)$/u;
const HEDGE =
  /^(?:may|might|could|if|unless|whether|expect|expected|plan|plans|planned|propos|proposed|consider|considering|hope|hopes|aim|aims|seek|seeks|likely|possibl|possible|potential|could|until)$/u;

// A vote's tally, for and against: "voted 4-1", "ruling 5–2", "by a vote of 24 to 6".
const TALLY = /\b(\d{1,3})\s*(?:[-–—]|to)\s*(\d{1,3})\b/gu;

/**
 * True when a question asks whether a vote was unanimous and the sentence gives its tally with
 * votes against ("voted 4-1"), which says no in numbers, or tells of votes against or a dissent;
 * a tally of none against ("9-0") or the word itself in the sentence does not.
 */
function splitVoteForUnanimity(questionWords: readonly string[], sentence: string): boolean {
  if (!questionWords.some((w) => w.startsWith("unanim"))) return false;
  if (/\bunanim/iu.test(sentence)) return false;
  if (/\bvot(?:ed|es|ing) against\b|\bdissent/iu.test(sentence)) return true;
  for (const [, forVotes, against] of sentence.matchAll(TALLY)) {
    if (Number(against) > 0 && Number(against) < Number(forVotes)) return true;
  }
  return false;
}

/**
 * True when a question asks whether something has happened ("Has Veridian picked its contractor
 * yet?") and the clause holding its words tells it as still to come ("The company said it would
 * name its general construction contractor by the end of May"): some of its words follow the word
 * that says so. A question asking what is to come ("Will…?", "…scheduled…?") is not one.
 */
function toComeAskedAsDone(question: YesNoQuestion, clause: SentenceWords): boolean {
  return !question.asksToCome && askedAsToCome(question.termSet, clause);
}

/**
 * True when some of the question's terms (`asked`) follow, in the clause, the word that tells
 * what follows as still to come (`toComeAt`).
 */
export function askedAsToCome(asked: ReadonlySet<string>, clause: SentenceWords): boolean {
  const marker = toComeAt(clause.words);
  return marker >= 0 && clause.terms.slice(marker + 1).some((t) => t !== null && asked.has(t));
}

// A clause telling what is to happen, not what did: "will", "would", "is scheduled to", "has been
// set for", "the next scheduled meeting", "plans to", "is considering", "pending", "upcoming".
const FUTURE = new Set(["will", "would", "considering", "pending", "upcoming"]);
const ARRANGED = new Set(["scheduled", "expected", "set", "due", "slated"]);
/** The forms of "be". */
export const BEING: ReadonlySet<string> = new Set(["is", "are", "was", "were", "been", "be"]);
// Words that put something to come on a calendar without "is" before them: "Judge Osterhout
// scheduled a hearing on the bureau's request for July 21" ("set … for" sets records too).
const SCHEDULED = new Set(["scheduled", "slated"]);
const PLAN = new Set(["plan", "plans", "planned"]);

/**
 * The index of the first word of a clause's words (lower-case, tokenized) that tells what
 * follows as still to happen, or -1 when none does.
 *
 * @example toComeAt(["the", "board", "is", "expected", "to", "vote", "in", "may"]) // 3
 */
export function toComeAt(words: readonly string[]): number {
  return words.findIndex(
    (w, i) =>
      FUTURE.has(w) ||
      (ARRANGED.has(w) && (BEING.has(words[i - 1] ?? "") || words[i - 1] === "next")) ||
      (SCHEDULED.has(w) && words.slice(i + 1).includes("for")) ||
      (PLAN.has(w) && words[i + 1] === "to"),
  );
}

const ORDINAL =
  /^(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|\d+(?:st|nd|rd|th))$/u;

// Sentences cut into words, remembered: a passage's sentences answer many questions. Cleared when full.
const WORDS_CACHE_SIZE = 5_000;
const sentenceWords = new CappedCache<string, SentenceWords>(WORDS_CACHE_SIZE);

/** A sentence's words and, word by word, their index terms (null for a stop word). */
export interface SentenceWords {
  readonly words: readonly string[];
  readonly terms: readonly (string | null)[];
}

function wordsOf(sentence: string): readonly string[] {
  return sentenceWordsOf(sentence).words;
}

function sentenceWordsOf(sentence: string): SentenceWords {
  return sentenceWords.getOrCompute(sentence, readSentenceWords);
}

function readSentenceWords(sentence: string): SentenceWords {
  const words = tokenize(sentence);
  return { words, terms: words.map((w) => termFor(w)) };
}

/** A yes/no question's reading of a passage's sentences (the settling one first). */
export interface YesNoReading {
  readonly yes: boolean;
  /** How likely the yes or no is right, 0–1 (the yesNoSure model). */
  readonly confidence: number;
  readonly sentence: string;
  /** What the confidence weighed, in the order of YES_NO_SURE_FEATURES. */
  readonly x: readonly number[];
}

/** The models a yes/no reading takes: whether the sentence says yes, and how likely that reading is right. */
export type YesNoModels = Pick<PhraseModel, "yesNo" | "yesNoSure">;

/** The features of a yes/no question against its sentences, best first, in the order of YES_NO_FEATURES. */
export function yesNoFeatures(question: YesNoQuestion, sentences: readonly string[]): number[] {
  const { words, terms } = sentenceWordsOf(sentences[0] ?? "");
  const passage = new Set<string>();
  for (const s of sentences) {
    const read = sentenceWordsOf(s);
    for (let i = 0; i < read.words.length; i++) passage.add(read.terms[i] ?? read.words[i] ?? "");
  }
  const asked = question.termSet;
  // A negation or a denial reaches the question's words only within its clause: "disappointed but
  // not surprised" and that talks had begun does not deny that talks began.
  let negatedNear = false;
  let deniedNear = false;
  const clauses = clausesOf(sentences[0] ?? "");
  for (const clause of clauses) {
    const shared = clause.terms.map((t) => t !== null && asked.has(t));
    // A question word within the four words after the one at `i`.
    const askedAfter = (i: number) => shared.slice(i + 1, i + 5).some(Boolean);
    negatedNear ||= clause.words.some((w, i) => NEGATION.test(w) && askedAfter(i));
    deniedNear ||= clause.words.some((w, i) => DENIAL.test(w) && !shared[i] && askedAfter(i));
  }
  const inSentence = new Set(terms.filter((t): t is string => t !== null && asked.has(t)));
  const missingPassage = [...asked].filter((t) => !passage.has(t)).length;
  const numbers = question.words.filter((w) => /\p{N}/u.test(w));
  const names = question.capitalised;
  const next = wordsOf(sentences[1] ?? "");
  const clause = matchedClause(asked, clauses);
  const clauseNegations = count(clause.words, NEGATION);
  // A cue the question says itself ("Was the race cancelled?") affirms what it asks.
  const own = (i: number) => {
    const t = clause.terms[i];
    return t !== null && t !== undefined && asked.has(t);
  };
  const clauseDenials = clause.words.filter((w, i) => DENIAL.test(w) && !own(i)).length;
  const clauseHedges = clause.words.filter((w, i) => HEDGE.test(w) && !own(i)).length;
  const opposites = oppositesOf(question.words);
  const clauseShared = new Set(clause.terms.filter((t) => t !== null && asked.has(t))).size;
  const sentenceTerms = new Set(terms);
  const ordinals = question.words.filter((w) => ORDINAL.test(w));
  return [
    Math.min(clauseNegations, 2),
    negatedNear ? 1 : 0,
    Math.min(clauseDenials, 2),
    Math.min(count(words, CONTRAST), 2),
    Math.min(clauseHedges, 2),
    question.words.some((w) => NEGATION.test(w)) ? 1 : 0,
    asked.size === 0 ? 0 : 1 - inSentence.size / asked.size,
    asked.size === 0 ? 0 : missingPassage / asked.size,
    numbers.some((n) => !passage.has(termFor(n) ?? n)) ? 1 : 0,
    names.some((n) => n !== "" && !passage.has(n)) ? 1 : 0,
    next.some((w) => NEGATION.test(w)) ? 1 : 0,
    asked.size === 0 ? 0 : inSentence.size / asked.size,
    deniedNear ? 1 : 0,
    clause.terms.some((t) => t !== null && opposites.has(t)) ? 1 : 0,
    asked.size === 0 || clauseNegations + clauseDenials > 0 ? 0 : clauseShared / asked.size,
    numbers.length > 0 && numbers.every((n) => sentenceTerms.has(termFor(n) ?? n)) ? 1 : 0,
    Math.min(count(words, NEGATION) - clauseNegations, 2),
    ordinals.length > 0 &&
    !ordinals.some((o) => words.includes(o)) &&
    words.some((w) => ORDINAL.test(w))
      ? 1
      : 0,
    splitVoteForUnanimity(question.words, sentences[0] ?? "") ? 1 : 0,
    toComeAskedAsDone(question, clause) ? 1 : 0,
  ];
}

function count(words: readonly string[], cue: RegExp): number {
  let n = 0;
  for (const w of words) if (cue.test(w)) n++;
  return n;
}

// Where a sentence's clauses part: marks, and the words that join a contrasting or a subordinate
// clause ("but", "although", "while", "which").
const CLAUSE_BREAK =
  /[,;:()\u2013\u2014"\u201c\u201d]|\b(?:but|although|though|while|whereas|which|because)\b/iu;

/** The clauses of a sentence, cut where `CLAUSE_BREAK` parts them, with their words and terms. */
export function clausesOf(sentence: string): SentenceWords[] {
  return sentence.split(CLAUSE_BREAK).map(sentenceWordsOf);
}

/** Of a sentence's clauses, the one that holds most of the question's terms (the first on a tie). */
function matchedClause(
  asked: ReadonlySet<string>,
  clauses: readonly SentenceWords[],
): SentenceWords {
  let best: SentenceWords = { words: [], terms: [] };
  let most = -1;
  for (const read of clauses) {
    let shared = 0;
    for (const t of read.terms) if (t !== null && asked.has(t)) shared++;
    if (shared > most) {
      best = read;
      most = shared;
    }
  }
  return best;
}

/**
 * The terms of what WordNet files as opposites of a question's words ("approve" → "disapprove",
 * "rise" → "fall"), leaving out any the question says itself.
 */
function oppositesOf(questionWords: readonly string[]): ReadonlySet<string> {
  const wordnet = defaultLexicon().wordnet;
  const out = new Set<string>();
  if (wordnet === null) return out;
  const own = terms(questionWords);
  for (const w of questionWords) {
    if (STOP_WORDS.has(w) || /\p{N}/u.test(w)) continue;
    for (const opposite of wordnet.antonyms(w)) {
      if (opposite.includes(" ")) continue;
      const term = termFor(opposite);
      if (term !== null && !own.has(term)) out.add(term);
    }
  }
  return out;
}

/**
 * True when the sentence reports the question as open rather than settling it: most of the
 * question's words that it holds lie in a "whether" clause ("Asher declined to say whether
 * Lakemont would pay the ransom" for "Did Lakemont pay the ransom?"), and the question does not
 * ask what someone said ("Did Asher say whether…?", which that sentence answers no). The names the
 * question gives are not counted: they say whom it asks about, whom such a sentence names before
 * "whether" ("Did the Main Street Employers Council end up filing a lawsuit?").
 */
export function leftOpen(question: YesNoQuestion, sentence: string): boolean {
  if (question.asksSpeech) return false;
  if (soughtOnly(question, sentence)) return true;
  const asked = question.termSet;
  const names = new Set(question.capitalised);
  let held = 0;
  let open = 0;
  for (const { words, terms: read } of clausesOf(sentence)) {
    const from = words.indexOf("whether");
    for (let i = 0; i < read.length; i++) {
      const term = read[i];
      if (term === null || term === undefined || !asked.has(term) || names.has(term)) continue;
      held++;
      if (from >= 0 && i > from) open++;
    }
  }
  return open > 0 && open * 2 >= held;
}

// The terms of asking whether something was granted ("approved", "grant", "won"), and of telling
// that it was asked for ("applied for", "asked Washington for", "requested"): read as terms, so that
// every form of each word counts.
const GRANTING = terms(["approve", "grant", "award", "accept", "receive", "win", "won"]);
const SEEKING = terms(["apply", "ask", "request", "seek", "sought", "petition"]);
// Words a sentence tells something granted with: "…her grant was approved" does, the noun in
// "applied for a $450,000 grant" does not.
const GRANTED = new Set(["approved", "granted", "awarded", "accepted", "received", "won", "given"]);

/** The index terms of words, each a word itself where it has none (a stop word). */
function terms(words: readonly string[]): ReadonlySet<string> {
  return new Set(words.map((w) => termFor(w) ?? w));
}

/**
 * True when a yes/no question asks whether something was granted and the sentence tells only that
 * it was asked for: a clause holds a word of asking with one of the question's other words after
 * it, and no word of the sentence tells it granted ("Has the exploration license been approved?"
 * of "Deepvein Minerals… applied in 2024 for an exploration license"). Not when the question itself
 * asks about the asking ("Did the city apply for the grant?").
 */
function soughtOnly(question: YesNoQuestion, sentence: string): boolean {
  const asked = [...question.termSet];
  if (!asked.some((t) => GRANTING.has(t)) || asked.some((t) => SEEKING.has(t))) return false;
  if (sentenceWordsOf(sentence).words.some((w) => GRANTED.has(w))) return false;
  const sought = new Set(asked.filter((t) => !GRANTING.has(t)));
  return clausesOf(sentence).some(({ terms: read }) => {
    const from = read.findIndex((t) => t !== null && SEEKING.has(t));
    return from >= 0 && read.slice(from + 1).some((t) => t !== null && sought.has(t));
  });
}

/**
 * Whether the sentences (the settling one first) say yes or no to a yes/no question, and how
 * likely that reading is right; null when there is no sentence. The chance of yes alone is no
 * confidence: a sentence that merely fails to say yes reads about 0.28, a "No" at 0.72, and on
 * the shipped story's questions such No's were mostly wrong (2026-12-05).
 */
export function readYesNo(
  question: YesNoQuestion,
  sentences: readonly string[],
  fitted: YesNoModels = PHRASE_MODEL,
): YesNoReading | null {
  const sentence = sentences[0];
  if (sentence === undefined) return null;
  const features = yesNoFeatures(question, sentences);
  const p = sigmoid(scoreOf(features, fitted.yesNo));
  const x = sureFeatures(p, features);
  return { yes: p >= 0.5, confidence: sigmoid(scoreOf(x, fitted.yesNoSure)), sentence, x };
}

/**
 * "Yes" or "No" with the sentence that settles a yes/no question, its confidence rounded as shown,
 * and `x`, what the confidence weighed; null when there is no sentence.
 */
export function yesNoPhrase(
  question: YesNoQuestion,
  sentences: readonly string[],
  fitted: YesNoModels = PHRASE_MODEL,
): (AnswerPhrase & { readonly x: readonly number[] }) | null {
  const read = readYesNo(question, sentences, fitted);
  if (read === null) return null;
  return {
    text: read.yes ? "Yes" : "No",
    kind: read.yes ? "yes" : "no",
    confidence: Math.round(read.confidence * 100) / 100,
    sentence: read.sentence,
    x: read.x,
  };
}

checkFeatures("yes/no", PHRASE_MODEL.yesNo, YES_NO_FEATURES);
checkFeatures("yes/no confidence", PHRASE_MODEL.yesNoSure, YES_NO_SURE_FEATURES);
