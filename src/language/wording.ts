import {
  asksYesNo,
  type ExpectedAnswer,
  expectedAnswer,
  type PhraseKind,
  phraseKind,
  spanKind,
} from "./answerType.ts";
import { reportsSpeech, speakerWords } from "./attribution.ts";
import { clausesOf, focusWords } from "./focus.ts";
import { abbreviationsOf, namesOf, STOP_WORDS, termFor, tokenize } from "./text.ts";

/**
 * What the words of a question say, before any corpus is asked: its words and their terms, the
 * words it writes as names, the kind of answer it asks for, the kind of phrase that would answer
 * it, whom it asks the words of, and whether it asks yes or no or for a summary.
 * `answer/question.ts` adds what the index reads of it.
 */
export interface Wording {
  /** The question, checked (see `checkQuestion`). */
  readonly text: string;
  /** Its words, lower-case, in order (`tokenize`). */
  readonly words: readonly string[];
  /** The same words, once each. */
  readonly wordSet: ReadonlySet<string>;
  /** The index terms of its words as typed (no typo correction), for matching sentences. */
  readonly termSet: ReadonlySet<string>;
  /** The words it writes as names (`namesOf`). */
  readonly names: ReadonlySet<string>;
  /** The words it writes in capitals, as abbreviations are (`abbreviationsOf`). */
  readonly abbreviations: ReadonlySet<string>;
  /** The words naming whom it asks the words of ("what did chuck shumer say"), or null. */
  readonly speakerWords: readonly string[] | null;
  /** The kind of answer its wording asks for ("how many" → a number), or null. */
  readonly expected: ExpectedAnswer | null;
  /** The kind of phrase that answers it, or null when it asks why or how. */
  readonly phraseKind: PhraseKind | null;
  /** The kind of phrase the extractor looks for in a passage (`spanKind`), or null for why and how. */
  readonly spanKind: PhraseKind | null;
  /** The terms of the words it capitalises after its first: the names a yes or no turns on. */
  readonly capitalised: readonly string[];
  /** The terms of the noun asked about ("how many **tickets**", "which **film**"); empty when none. */
  readonly askedNoun: ReadonlySet<string>;
  /** True when it asks to be answered yes or no ("Did the talks affect it?"). */
  readonly yesNo: boolean;
  /** True when it asks what the story is about rather than something in it ("tl;dr"). */
  readonly summary: boolean;
  /** The words naming the story whose gist it asks for ("recap the **corvane** story"), or null. */
  readonly gistOf: GistNamed | null;
  /** True when it asks when something is to happen, or what is planned ("Will…?", "…scheduled…?"). */
  readonly asksToCome: boolean;
  /** True when one of its words reports speech or a view ("say", "denied"; `reportsSpeech`). */
  readonly asksSpeech: boolean;
  /** The words of what a long question asks, its context left out (`focusWords`), or null. */
  readonly focus: ReadonlySet<string> | null;
}

/**
 * Reads the wording of a checked question once, for every stage that needs it.
 *
 * @example readWording("Who issued the directive?").phraseKind // "person"
 */
export function readWording(text: string): Wording {
  const words = tokenize(text);
  const names = namesOf(text);
  const abbreviations = abbreviationsOf(text);
  const wordSet = new Set(words);
  const termSet = new Set<string>();
  for (const word of wordSet) {
    const term = termFor(word);
    if (term !== null) termSet.add(term);
  }
  const expected = expectedAnswer(text);
  const kind = phraseKind(text, expected);
  return {
    text,
    words,
    wordSet,
    termSet,
    names,
    abbreviations,
    expected,
    phraseKind: kind,
    spanKind: spanKind(text, kind),
    capitalised: (text.match(/(?<=\S\s+)\p{Lu}[\p{L}'’-]*/gu) ?? []).map(
      (name) => termFor(tokenize(name)[0] ?? "") ?? "",
    ),
    askedNoun: askedNounTerms(words, termFor),
    yesNo: asksYesNo(words),
    summary: asksForSummary(words) || summaryClause(text, words),
    gistOf: gistNamed(words),
    asksToCome: asksWhatIsToCome(words),
    asksSpeech: reportsSpeech(words),
    speakerWords: speakerWords(words),
    focus: focusWords(text, words),
  };
}

// Words that ask for the gist of a story rather than something in it ("tl;dr", "what happened?",
// "what's this article about?"), and words that may stand beside them ("give me the main points").
// Of them, those that ask for the gist whatever they are asked of ("can u summarize this"), not
// only name what the gist is of ("what stories do you have" asks the bot what it holds).
const GIST_CUES: ReadonlySet<string> = new Set([
  ...["summary", "summarize", "summarise", "sum", "recap", "overview", "gist", "rundown"],
  ...["tldr", "tl", "dr", "nutshell", "happened", "happening", "going"],
  // "key points", "eli5", "explain it simply", "what's the latest": asked of a news bot, the gist.
  ...["points", "highlights", "takeaways", "takeaway", "eli5", "breakdown", "lowdown"],
  ...["synopsis", "explain", "latest", "new", "brief", "picture", "miss", "facts"],
  ...["version", "tea", "point"],
]);
// Ways of asking for the gist that no one word asks: "what's the deal with…", "fill me in", "what
// went down", "what do i need to know"; read as the word "gist".
const GIST_IDIOMS =
  /\b(?:whats? (?:is )?(?:the deal|up)|fill (?:me|us) in|catch (?:me|us) up|break (?:it |this |that )?down|what went down|what do (?:i|we) need to know)\b/gu;
const SUMMARY_CUES: ReadonlySet<string> = new Set([
  ...GIST_CUES,
  ...["about", "story", "stories", "article", "articles", "news", "piece"],
]);
const SUMMARY_COMPANIONS: ReadonlySet<string> = new Set([
  ...["main", "key", "briefly", "quick", "line", "lines", "sentence", "sentences", "one", "few"],
  ...["quickly", "give", "me", "here", "today", "whole", "up", "on"],
  ...["simply", "simple", "plain", "english", "5", "five", "big", "bullet", "short"],
  // Asked of the bot: "can u summarize this", "could ya give me the gist", "are you able to…".
  ...["u", "ya", "pls", "plz", "able"],
  // Greeting it first: "hey bot, what's the story about?", "hi! tldr pls", "yo whats going on".
  ...["hi", "hey", "hello", "yo", "sup", "bot", "guys", "yall", "ok", "okay", "thanks", "thx"],
]);

// The words of summary that ask for the gist in a clause of their own: not "new" ("explain camber
// like im new to this"), "dr" (a clause ending "Dr." of "What did Dr. Calder say") or "catch".
const CLAUSE_CUES: ReadonlySet<string> = new Set([
  ...["summary", "summarize", "summarise", "sum", "recap", "overview", "gist", "rundown"],
  ...["tldr", "nutshell", "happened", "points", "point", "highlights", "takeaways", "eli5"],
  ...["breakdown", "lowdown", "synopsis", "explain"],
]);

/**
 * True when a question of several clauses asks for the gist in one and only gives context in the
 * others: "my teacher asked us to summarize this article for class, whats the main point", "i
 * missed the start, can someone give me a quick summary".
 */
function summaryClause(text: string, words: readonly string[]): boolean {
  if (!words.some((w) => CLAUSE_CUES.has(w))) return false;
  const clauses = clausesOf(text);
  if (clauses.length < 2) return false;
  const asking = clauses.filter(
    (c) => c.words.some((w) => CLAUSE_CUES.has(w)) && asksForSummary(c.words),
  );
  return asking.length > 0 && clauses.every((c) => !c.asks || asking.includes(c));
}

/**
 * True when a question asks for the gist with a word that asks for it, not only one naming what it
 * is of: "can u summarize this" does, "what stories do you have" does not.
 *
 * @param words the question's words, tokenized
 */
export function asksForGist(words: readonly string[]): boolean {
  return asksForSummary(words) && idiomsRead(words).some((w) => GIST_CUES.has(w));
}

/** The words with each idiom asking for the gist read as "gist" (`GIST_IDIOMS`). */
function idiomsRead(words: readonly string[]): readonly string[] {
  const joined = words.join(" ");
  GIST_IDIOMS.lastIndex = 0;
  if (!GIST_IDIOMS.test(joined)) return words;
  return joined.replace(GIST_IDIOMS, "gist").split(" ");
}

// Words calling a story a story where a request for its gist names it ("the mayor story", "the ev
// one"), after one of these and at most NAMING_WORDS words naming it; and words that may call
// anything so, whose naming words must then name a story's title ("the arena thing", not "explain
// the schumer thing", which asks what Schumer said).
const STORY_NOUNS = new Set([
  ...["story", "stories", "article", "articles", "piece", "post", "news", "report", "one"],
]);
const THING_NOUNS = new Set(["thing", "things", "stuff", "business", "situation", "saga", "mess"]);
const NAMING_DETERMINERS = new Set(["the", "this", "that"]);
// Words after which a request for the gist ends with what it is of ("what's going on in reno").
const GIST_OF = new Set(["with", "w", "in", "on", "about", "of", "to", "re", "at", "for", "over"]);
const NAMING_WORDS = 4;
// Words of summary that may also be part of what names a story: "the new coach", "the big fire".
const NAMING_ADJECTIVES = new Set(["new", "latest", "big", "main", "whole"]);

/** The words naming the story a request for the gist is of, and whether it calls it a story. */
export interface GistNamed {
  readonly words: readonly string[];
  /** True for "the reno story"; false for "what's going on in reno", which must name its title. */
  readonly called: boolean;
}

/**
 * The words naming a story whose gist a question asks for: right before a noun calling it a story,
 * after "the", "this" or "that" ("summarize the **car recall** article", "tl;dr on the
 * **election** one", "what's the **recall** story about"), or ending the question after "with",
 * "in", "about"… ("what's going on in **reno**"); every other word a stop word or a word of
 * summary, one of which asks for it. Null otherwise ("what did the story say about the fine").
 *
 * @param words the question's words, tokenized
 */
export function gistNamed(typed: readonly string[]): GistNamed | null {
  const words = idiomsRead(typed);
  if (!words.some((w) => SUMMARY_CUES.has(w)) || words.some((w) => SOMEONE.has(w))) return null;
  return namedBeforeNoun(words) ?? namedAtEnd(words);
}

/** Whether the words beside those naming a story ask for its gist: one of summary ("about" of "tell me about…" too), the rest plain. */
function asksBeside(plain: readonly string[], cues: readonly string[] = plain): boolean {
  return cues.some((w) => SUMMARY_CUES.has(w)) && plain.every(plainBeside);
}

/** "summarize the **car recall** article", "what's the **hospital** story", "the **arena** thing". */
function namedBeforeNoun(words: readonly string[]): GistNamed | null {
  for (let noun = words.length - 1; noun > 0; noun--) {
    const called = STORY_NOUNS.has(words[noun] ?? "");
    if (!called && !THING_NOUNS.has(words[noun] ?? "")) continue;
    const start = namingStart(words, noun);
    if (start === noun || !NAMING_DETERMINERS.has(words[start - 1] ?? "")) continue;
    const rest = [...words.slice(0, start - 1), ...words.slice(noun + 1)];
    // "what's the hospital story" asks for its gist as "summarize the hospital story" does.
    if (asksBeside(rest) || (called && rest.every((w) => STOP_WORDS.has(w)))) {
      return { words: naming(words.slice(start, noun)), called };
    }
  }
  return null;
}

/** "whats going on in **reno**", "eli5 the **reno recall**", "break down the **corvane recall** for me". */
function namedAtEnd(words: readonly string[]): GistNamed | null {
  // Plain words after what names the story are left aside ("…for me", "…today").
  let end = words.length;
  while (
    end > 0 &&
    plainBeside(words[end - 1] ?? "") &&
    !NAMING_ADJECTIVES.has(words[end - 1] ?? "")
  ) {
    end--;
  }
  const start = namingStart(words, end);
  if (start === end) return null;
  const after = NAMING_DETERMINERS.has(words[start - 1] ?? "") ? start - 1 : start;
  // After "in", "with"…, or right after a word asking for the gist and "the".
  const prior = words[after - 1] ?? "";
  const of = GIST_OF.has(prior) || (GIST_CUES.has(prior) && after < start);
  const rest = [...words.slice(0, after), ...words.slice(end)];
  if (
    !of ||
    !asksBeside(
      rest.filter((w) => !GIST_OF.has(w)),
      rest,
    )
  )
    return null;
  return { words: naming(words.slice(start, end)), called: false };
}

/** The words naming a story, its adjectives of summary left out ("coach" of "the new coach"). */
function naming(words: readonly string[]): string[] {
  return words.filter((w) => !NAMING_ADJECTIVES.has(w));
}

/** Where the words naming something end before `end`: at most NAMING_WORDS, none a plain word. */
function namingStart(words: readonly string[], end: number): number {
  let start = end;
  const names = (w: string) => !plainBeside(w) || NAMING_ADJECTIVES.has(w);
  while (start > 0 && end - start < NAMING_WORDS && names(words[start - 1] ?? "")) start--;
  return start;
}

// Words asking when something is to happen, or what is planned: a future in the story answers them.
const SCHEDULE = new Set([
  "when",
  "schedule",
  "scheduled",
  "set",
  "plan",
  "plans",
  "planned",
  "date",
  "expect",
  "expected",
  "will",
  "would",
  "going",
  "gonna",
  "next",
]);

/** True when a question's words (lower-case) ask when something is to happen, or what is planned. */
export function asksWhatIsToCome(words: readonly string[]): boolean {
  return words.some((w) => SCHEDULE.has(w));
}

/** Words that stand for a person named before: "he", "she", "they" and their object forms. */
export const PERSON_PRONOUNS: ReadonlySet<string> = new Set([
  "he",
  "she",
  "him",
  "her",
  "they",
  "them",
]);

/** Words that stand for a thing named before: "it", "this", "that" and their plurals. */
export const THING_PRONOUNS: ReadonlySet<string> = new Set([
  "it",
  "this",
  "that",
  "these",
  "those",
]);

// Someone a question asks about: "what did he say about it?" asks what a person said, not the gist.
const SOMEONE: ReadonlySet<string> = new Set([...PERSON_PRONOUNS, "his"]);

/**
 * True when a question asks what the story is about ("what happened?", "tl;dr", "whats the tldr
 * here", "summarize it"), not something in it: every word is a stop word or a word of summary, and
 * one asks for it. Any word of substance ("what happened to the talks") makes it an ordinary question.
 *
 * @param words the question's words, tokenized
 */
export function asksForSummary(typed: readonly string[]): boolean {
  const words = idiomsRead(typed);
  return (
    words.some((w) => SUMMARY_CUES.has(w)) &&
    !words.some((w) => SOMEONE.has(w)) &&
    words.every(plainBeside)
  );
}

/** Whether a word may stand beside a request for the gist: a stop word, a word of summary, a small number ("in 2 sentences"). */
function plainBeside(w: string): boolean {
  return STOP_WORDS.has(w) || SUMMARY_CUES.has(w) || SUMMARY_COMPANIONS.has(w) || /^\d$/u.test(w);
}

// Words after which a question names what it asks about: "which film", "how many tickets".
const ASKING = /^(?:what|which|whose|many|much)$/u;
// Words that end the asked noun: a verb the question goes on with ("what is", "which did").
const ASKED_NOUN_END =
  /^(?:is|are|was|were|be|been|did|does|do|has|have|had|will|would|can|could|should|may|might)$/u;

/** The terms of the first two words of substance after "what", "which" or "how many"; empty when there are none. */
function askedNounTerms(
  words: readonly string[],
  termOf: (word: string) => string | null,
): ReadonlySet<string> {
  const terms = new Set<string>();
  const at = words.findIndex((w) => ASKING.test(w));
  if (at < 0) return terms;
  for (const w of words.slice(at + 1, at + 5)) {
    if (ASKED_NOUN_END.test(w) || terms.size === 2) break;
    const term = termOf(w);
    if (term !== null && !/^(?:kind|type|sort)$/u.test(w)) terms.add(term);
  }
  return terms;
}
