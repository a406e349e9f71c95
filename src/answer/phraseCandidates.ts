/**
 * The phrases of a sentence that could answer a question, before any question is asked: its
 * tokens (words, numbers, names, marks) and the stretches of them that are names, quantities,
 * dates or noun phrases. The extractor (`extract.ts`) picks among them.
 */
import type { PhraseKind } from "../language/answerType.ts";
import { CappedCache } from "../language/cappedCache.ts";
import { STOP_WORDS, termFor, tokenize } from "../language/text.ts";

/** The parts of speech an optional tagger tells the extractor. */
export type PartOfSpeech = "noun" | "adjective" | "number" | "verb" | "other";

/**
 * How the extractor cuts a sentence: times ("11:40", "2:09:06"), words (with inner apostrophes,
 * dots, commas and dashes), currency signs, marks.
 */
export const TOKEN =
  /\p{N}{1,2}(?::\p{N}{2}){1,2}(?!\p{N})|[\p{L}\p{N}]+(?:['’.,\-–][\p{L}\p{N}]+)*|[$%£€]|[^\s\p{L}\p{N}]/gu;

/** One word or mark of a sentence, where it stands, and what the extractor knows of it. */
export interface Token {
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

/** What a candidate looks like: a name, a quantity, a time or date, a length of time, or another noun phrase. */
export type CandidateShape = "name" | "quantity" | "time" | "duration" | "phrase";

/** A stretch of tokens that could answer, and the kind of thing it is. */
export interface Candidate {
  readonly from: number;
  /** Exclusive. */
  readonly to: number;
  readonly kinds: ReadonlySet<PhraseKind>;
  readonly shape: CandidateShape;
}

const NUMBER_WORD =
  /^(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|millions?|billions?|trillions?|dozens?|half|numerous|several|first|second|third|fourth|fifth|tenth)$/u;
const MONTH =
  /^(?:january|february|march|april|may|june|july|august|september|october|november|december)$/u;
// Months as news style shortens them, capitalised.
const SHORT_MONTH = /^(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)$/u;
/** Units of time, as a regular expression alternation: "years?|months?|…". */
export const TIME_UNITS =
  "years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|centur(?:y|ies)";
const TIME_UNIT = new RegExp(`^(?:${TIME_UNITS})$`, "u");
const YEAR = /^(?:1[0-9]{3}|20[0-9]{2})s?$/u;
const TIME_WORD =
  /^(?:today|yesterday|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday|ago|morning|evening|night|spring|summer|autumn|winter|fall|recently|soon)$/u;
// Words that join the parts of a name ("University of Chicago", "Tony Blair and Gordon Brown" is two).
const NAME_JOINERS: ReadonlySet<string> = new Set(["of", "de", "la", "del", "von", "van", "der"]);
// Words that join two names into one, kept beside the names apart ("Movement for Renewal").
const LONG_JOINERS: ReadonlySet<string> = new Set(["for", "&"]);
// Marks and words that end a phrase: a noun phrase does not run across them.
const PHRASE_BREAK = /^[,;:()"“”!?]$|^[.]$/u;

// Sentences cut into tokens and candidate phrases, which do not depend on the question: every
// answer extracts from its first passage's sentences, and the same passages answer many questions.
// Cleared when full; a few KB each.
const CUT_CACHE_SIZE = 5_000;
const cutSentences = new CappedCache<string, SentenceCut>(CUT_CACHE_SIZE);

/** A part-of-speech tagger: one part per token of the sentence, as `TOKEN` cuts it. */
export type PartTagger = (sentence: string) => readonly (PartOfSpeech | null)[];

/** A sentence's tokens and the candidate phrases among them. */
export interface SentenceCut {
  readonly tokens: Token[];
  readonly candidates: Candidate[];
}

/** A sentence's tokens and candidate phrases, from the cache when no tagger is given. */
export function cutSentence(sentence: string, tagParts: PartTagger | undefined): SentenceCut {
  if (tagParts !== undefined) {
    const tokens = tokensOf(sentence, tagParts(sentence));
    return { tokens, candidates: candidatesOf(tokens) };
  }
  return cutSentences.getOrCompute(sentence, cutUntagged);
}

function cutUntagged(sentence: string): SentenceCut {
  const tokens = tokensOf(sentence, null);
  return { tokens, candidates: candidatesOf(tokens) };
}

/** Cuts a sentence into tokens and marks names, numbers and (when tagged) parts of speech. */
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
      // A sentence's first word is no name when it is a stop word or a number ("Twenty-three cars").
      name:
        capitalised &&
        (!first || (!STOP_WORDS.has(lower) && !NUMBER_WORD.test(lower.split(" ")[0] ?? ""))) &&
        !MONTH.test(lower),
      // "three-hour" and "first-team" count as numbers, as "three" and "first" do.
      number: /\p{N}/u.test(text) || NUMBER_WORD.test(lower.split(" ")[0] ?? ""),
      part: parts?.[i] ?? null,
    });
    i++;
  }
  return tokens;
}

/** Every stretch of the sentence that could answer, by the kinds of thing it could be. */
function candidatesOf(tokens: readonly Token[]): Candidate[] {
  const found: Candidate[] = [];
  const add = (from: number, to: number, kinds: PhraseKind[], shape: CandidateShape) => {
    if (to > from) found.push({ from, to, kinds: new Set(kinds), shape });
  };
  const datelineEnd = datelineLength(tokens);
  // Names: runs of capitalised words, joined by "of" and the like, with a short title before
  // them ("Rep. Renata Dorsey", "Dr. Ana Ruiz").
  for (let i = 0; i < tokens.length; i++) {
    if (!tokens[i]?.name) continue;
    const j = nameRunEnd(tokens, i + 1);
    // A dateline ("PORTO SELVE, Calvessa (Wire) —") is where the story was filed: its place in
    // capitals (and the region after it) answers where at most, and the agency's credit in
    // brackets nothing.
    const credit =
      tokens[i - 1]?.text === "(" &&
      tokens[j]?.text === ")" &&
      DASH.test(tokens[j + 1]?.text ?? "");
    if (credit) {
      i = j - 1;
      continue;
    }
    const dateline = i < datelineEnd;
    const kinds: PhraseKind[] = dateline ? ["place"] : ["person", "place", "thing"];
    const timely = tokens.slice(i, j).some((t) => MONTH.test(t.lower) || TIME_WORD.test(t.lower));
    if (timely && !dateline) kinds.push("date", "time");
    add(i, j, kinds, timely && !dateline ? "time" : "name");
    // "Movement for Renewal", "Penhallow & Finch": two names joined by "for" or "&" are one too.
    let k = j;
    while (!dateline && LONG_JOINERS.has(tokens[k]?.lower ?? "") && tokens[k + 1]?.name) {
      k = nameRunEnd(tokens, k + 2);
      add(i, k, kinds, "name");
    }
    i = j - 1;
  }
  // Quantities with what they count and how the story hedges them: "about $5 million", "at least
  // 40", "between 40 and 60 a day", "over three years ago", "24–10", "50%".
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!t?.number || !t.word) continue;
    // The day of a date ("July 1, 2027", "Jan. 1") is no count: the dates below take it whole.
    const before = tokens[i - 1]?.text === "." ? tokens[i - 2] : tokens[i - 1];
    if (before !== undefined && (MONTH.test(before.lower) || SHORT_MONTH.test(before.text)))
      continue;
    const year = YEAR.test(t.lower) && !tokens[i + 1]?.number;
    let to = quantityEnd(tokens, i);
    const span =
      LAP.test(t.text) ||
      tokens.slice(i, to).some((u) => TIME_UNIT.test(u.lower.split(" ").at(-1) ?? ""));
    // A range: "between 40 and 60", "from 2014 to 2018"; not two counts ("14 helicopters and
    // six air tankers") nor a year and a count ("since 2000 to 146").
    const joiner = tokens[to]?.lower;
    const next = tokens[to + 1];
    if (
      (joiner === "and" || joiner === "to") &&
      next?.number &&
      next.word &&
      tokens[to - 1]?.number &&
      year === YEAR.test(next.lower)
    )
      to = quantityEnd(tokens, to + 1);
    // Odds: "1 in 3,000", "one in four", "1 in 1 million"; not "12 in 3 towns", a count and where.
    if (
      to === i + 1 &&
      tokens[to]?.lower === "in" &&
      tokens[to + 1]?.number &&
      tokens[to + 1]?.word
    ) {
      const scaled = SCALE.test(tokens[to + 2]?.lower ?? "");
      if (scaled || !tokens[to + 2]?.word) to += scaled ? 3 : 2;
    }
    // "Three years ago" is a point in time, not a length of time.
    const ago = tokens[to]?.lower === "ago";
    if (ago) to++;
    to = rateEnd(tokens, to);
    const from = modifierStart(tokens, tokens[i - 1]?.lower.match(/^[$£€]$/u) ? i - 1 : i);
    // A time of day: "11:40", "9:15 a.m.".
    const clock = CLOCK.test(t.text);
    if (clock && /^[ap]\.m$/iu.test(tokens[to]?.text ?? ""))
      to += tokens[to + 1]?.text === "." ? 2 : 1;
    // "2 hours, 21 minutes and 8 seconds" is one length of time.
    if (span) to = durationEnd(tokens, to);
    const kinds: PhraseKind[] = ["number", "figure", "thing"];
    if (clock) kinds.push("time");
    if (year) kinds.push("year", "time", "date");
    if (span) kinds.push("duration", "time");
    add(from, to, kinds, year || ago || clock ? "time" : span ? "duration" : "quantity");
    i = Math.max(i, to - 1);
  }
  // Dates: "February 7, 2016", "7 February", "October 1973", "since March", weekdays.
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!t) continue;
    // A month written short has its full stop as a token of its own: "Jan. 1", "Sept. 16, 2025".
    const short = SHORT_MONTH.test(t.text) && tokens[i + 1]?.text === "." && tokens[i + 2]?.number;
    if (short || (MONTH.test(t.lower) && (t.text !== "May" || tokens[i + 1]?.number))) {
      let from = i;
      let to = short ? i + 2 : i + 1;
      if (tokens[i - 1]?.number) from = i - 1;
      if (tokens[to]?.number) to++;
      if (tokens[to]?.lower === "," && YEAR.test(tokens[to + 1]?.lower ?? "")) to += 2;
      else if (YEAR.test(tokens[to]?.lower ?? "")) to++;
      add(modifierStart(tokens, from), to, ["date", "time", "year", "thing"], "time");
    } else if (TIME_WORD.test(t.lower)) {
      add(modifierStart(tokens, i), i + 1, ["date", "time"], "time");
    }
  }
  // Noun phrases: the words between function words and marks, or, with parts of speech, the
  // adjectives and nouns before a noun; a role before a name is one on its own too ("former
  // central bank economist Ilaria Dostani"), and a phrase joined by "of" to the next is one
  // with it ("president of the Missouri Educators Alliance").
  let previous: { from: number; to: number } | null = null;
  for (let i = datelineEnd; i < tokens.length; i++) {
    if (!startsPhrase(tokens[i])) continue;
    let j = i;
    while (j < tokens.length && inPhrase(tokens[j])) j++;
    // A tagged phrase ends on its last noun.
    while (j > i && tokens[j - 1]?.part !== null && !endsPhrase(tokens[j - 1])) j--;
    if (j > i) {
      add(i, j, ["thing"], "phrase");
      let k = i;
      while (k < j && !tokens[k]?.name) k++;
      if (k > i && k < j) add(i, k, ["thing", "person"], "phrase");
      const of = tokens[i - 1]?.lower === "of" ? i - 1 : tokens[i - 2]?.lower === "of" ? i - 2 : -1;
      if (previous !== null && of === previous.to && of >= 0)
        add(previous.from, j, ["thing", "person", "place"], "phrase");
      previous = { from: i, to: j };
    }
    i = Math.max(i, j - 1);
  }
  return found;
}

/** The end of a length of time that goes on in smaller units: ", 21 minutes and 8 seconds". */
function durationEnd(tokens: readonly Token[], to: number): number {
  let end = to;
  for (;;) {
    let k = end;
    if (tokens[k]?.text === ",") k++;
    if (tokens[k]?.lower === "and") k++;
    const t = tokens[k];
    if (k === end || !t?.number || !t.word) return end;
    const next = quantityEnd(tokens, k);
    if (!TIME_UNIT.test(tokens[next - 1]?.lower ?? "")) return end;
    end = next;
  }
}

/** Where a run of name words that goes on at `from` ends: names, joined by "of" and the like, and titles' full stops. */
function nameRunEnd(tokens: readonly Token[], from: number): number {
  let j = from;
  while (j < tokens.length) {
    const t = tokens[j];
    if (t?.name) j++;
    else if (t && NAME_JOINERS.has(t.lower) && tokens[j + 1]?.name) j += 2;
    else if (t?.text === "." && TITLE.test(tokens[j - 1]?.text ?? "") && tokens[j + 1]?.name)
      j += 2;
    else break;
  }
  return j;
}

const CURRENCY = /^[$£€]$/u;
const SCALE = /^(?:hundred|thousand|million|billion|trillion)$/u;
const DASH = /^[—–-]$/u;
const CLOCK = /^\p{N}{1,2}:\p{N}{2}$/u;
// A time with seconds is a length of time as races and records give it: "2:09:06", "1:10:31".
const LAP = /^\p{N}{1,2}:\p{N}{2}:\p{N}{2}$/u;

/**
 * How many tokens a wire dateline takes at the start of a sentence ("DALLAS (Wire) —", "JEFFERSON
 * CITY, Mo. —"): a place in capitals, the region after a comma, the agency's credit in brackets,
 * up to the dash; 0 when the sentence opens otherwise.
 */
function datelineLength(tokens: readonly Token[]): number {
  let i = 0;
  while (i < tokens.length && tokens[i]?.word && isCapitals(tokens[i]?.text ?? "")) i++;
  if (i === 0) return 0;
  for (let k = i; k < Math.min(tokens.length, i + 8); k++) {
    if (DASH.test(tokens[k]?.text ?? "")) return k + 1;
  }
  return 0;
}

function isCapitals(text: string): boolean {
  return /\p{Lu}/u.test(text) && text === text.toUpperCase();
}

// Short capitalised titles written with a full stop before a name.
const TITLE =
  /^(?:Rep|Sen|Gov|Dr|Mr|Mrs|Ms|Mx|Prof|Gen|Lt|Col|Capt|Sgt|Adm|Rev|Sr|Jr|St|Supt|Det|Insp|Cmdr|Amb|Atty|Pres|Lt)$/u;

// Words that hedge or bound a quantity or a time, written before it: "at least", "about", "since".
const MODIFIER_PHRASES: readonly (readonly string[])[] = [
  ["more", "than"],
  ["less", "than"],
  ["fewer", "than"],
  ["at", "least"],
  ["at", "most"],
  ["up", "to"],
  ["as", "many", "as"],
  ["as", "much", "as"],
  ["as", "few", "as"],
  ["as", "little", "as"],
  ["as", "early", "as"],
  ["as", "late", "as"],
  ["no", "more", "than"],
  ["no", "later", "than"],
];
const MODIFIER_ALONE: ReadonlySet<string> = new Set(
  "about around roughly approximately nearly almost over under some only just exactly above below since until till before after between from estimated barely another additional".split(
    " ",
  ),
);

/** Where a quantity or time starting at `from` starts once the words that hedge it are taken in. */
function modifierStart(tokens: readonly Token[], from: number): number {
  const before = (n: number) => tokens.slice(from - n, from).map((t) => t.lower);
  for (const phrase of MODIFIER_PHRASES) {
    const words = before(phrase.length);
    if (words.length === phrase.length && words.every((w, k) => w === phrase[k]))
      return from - phrase.length;
  }
  const one = tokens[from - 1]?.lower ?? "";
  return MODIFIER_ALONE.has(one) ? from - 1 : from;
}

/** The end of a number run at `i` with its "%" and what it counts ("$5 million", "three years"). */
function quantityEnd(tokens: readonly Token[], i: number): number {
  let j = i + 1;
  while (tokens[j]?.number && tokens[j]?.word) j++;
  if (tokens[j]?.lower === "%") j++;
  const unit = tokens[j];
  const year = YEAR.test(tokens[i]?.lower ?? "") && j === i + 1;
  if (unit && TIME_UNIT.test(unit.lower)) return j + 1;
  if (!year && unit?.word && unit.term !== null && !unit.name && isNounish(unit)) j++;
  return j;
}

/** The end of a quantity once a rate after it is taken in: "a day", "per hour", "each year". */
function rateEnd(tokens: readonly Token[], to: number): number {
  const first = tokens[to]?.lower ?? "";
  const unit = tokens[to + 1]?.lower ?? "";
  if (/^(?:a|an|per|each|every)$/u.test(first) && TIME_UNIT.test(unit)) return to + 2;
  return to;
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

/**
 * A phrase as the sentence writes it: with the currency sign before it or the "%" after it when
 * the phrase stops short of them ("1.2 million" of "$1.2 million", "40" of "40%").
 *
 * @example asWritten("It cost $1.2 million.", "1.2 million") // "$1.2 million"
 */
export function asWritten(sentence: string, phrase: string): string {
  const at = sentence.indexOf(phrase);
  if (at < 0 || (!/^\p{N}/u.test(phrase) && !/\p{N}$/u.test(phrase))) return phrase;
  const before = sentence[at - 1] ?? "";
  const after = sentence[at + phrase.length] ?? "";
  const sign = /^\p{N}/u.test(phrase) && CURRENCY.test(before) ? before : "";
  const percent = /\p{N}$/u.test(phrase) && after === "%" ? "%" : "";
  return `${sign}${phrase}${percent}`;
}
