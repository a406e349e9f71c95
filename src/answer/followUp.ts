import { CappedCache } from "../language/cappedCache.ts";
import { STOP_WORDS, tokenize } from "../language/text.ts";
import { PERSON_PRONOUNS, THING_PRONOUNS } from "../language/wording.ts";
import type { SearchIndex } from "../search/index.ts";
import { answer } from "./answer.ts";
import { checkQuestion } from "./question.ts";
import { type Answer, type AnswerOptions, type AnswerResult, QuestionError } from "./types.ts";

/** Longest follow-up accepted, in characters: the modal's text input allows no more. */
export const MAX_FOLLOW_UP_CHARS = 200;

/**
 * What a follow-up needs of the answer it follows: the story and paragraph it cited, the name or
 * subject it was about ("Renata Dorsey"), and a stamp of that paragraph's text, so a follow-up to
 * a story edited since is known to be stale.
 */
export interface FollowUpContext {
  readonly story: string;
  readonly paragraph: number;
  /** Whom or what "he", "she", "it", "they" and "that" stand for. */
  readonly subject: string;
  /** The first question's words of substance, for a follow-up with none of its own ("why?"). */
  readonly topic: string;
  /** Four base-36 characters hashed from the cited passage's text (see `stampOf`). */
  readonly stamp: string;
}

// Words that stand for someone or something said before.
const PERSONAL = new Set([...PERSON_PRONOUNS, "his", "hers", "their"]);
const THINGS = new Set([...THING_PRONOUNS, "its"]);
// A run of capitalised words in a story ("Rep. Renata Dorsey", "Green Alliance").
const NAME_RUN = /\p{Lu}[\p{L}\p{M}'’-]*(?:\.? \p{Lu}[\p{L}\p{M}'’-]*)*/gu;
// A full stop inside a run ends a sentence unless it ends a short word: "Rep. Renata Dorsey",
// "Helena, Mont. (Wire)", but "against Ukraine. Officials said".
const SENTENCE_INSIDE = /(?<=\p{L}{5})\. (?=\p{Lu})/u;
// Capitalised words that name no one the story is about: days and months, and the months' short
// forms a dateline or a date writes ("Nov. 4").
const CALENDAR =
  /^(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day$|^(?:January|February|March|April|May|June|July|August|September|October|November|December)$|^(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?$/u;
const SUBJECT_CHARS = 40;
const TOPIC_CHARS = 40;

/** A short stamp of a text, to tell whether a cited passage is still the same. */
export function stampOf(text: string): string {
  let hash = 2166136261;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 16777619);
  }
  return ((hash >>> 0) % 36 ** 4).toString(36).padStart(4, "0");
}

/**
 * The context a follow-up to `first` is answered in, or null when it cited nothing (a refusal).
 *
 * @example followUpContext(answer(index, "Who is Renata Dorsey?"))?.subject // "Renata Dorsey"
 */
export function followUpContext(first: Answer): FollowUpContext | null {
  const best = first.results[0];
  if (first.outcome === "refused" || best === undefined) return null;
  // The question's words, tokenized once for its subject and its topic.
  const words = tokenize(first.question);
  return {
    story: best.citation.story,
    paragraph: best.citation.paragraph,
    subject: subjectOf(first, best, words),
    topic: clip(substanceOf(words).join(" "), TOPIC_CHARS),
    stamp: stampOf(best.text),
  };
}

/**
 * The context an answer to a follow-up is followed up in: `followUpContext` read from the
 * follow-up as it was asked (`resolveFollowUp`: the earlier subject for its pronoun, the earlier
 * topic when it has none), so that "why did he do it?" pressed under "how old is he?" still means
 * the man the first answer named; a subject found as no name (the follow-up's words of substance)
 * gives way to the earlier one.
 */
export function followUpContextAfter(
  found: Answer,
  earlier: FollowUpContext,
): FollowUpContext | null {
  // Only a follow-up that leans on the earlier answer (a pronoun, or no words of its own: "when?")
  // is still about its subject; "what did Rubio say?" is about Rubio, read from its own words.
  const words = tokenize(found.question);
  const leans =
    words.some((w) => PERSONAL.has(w) || THINGS.has(w)) || substanceOf(words).length === 0;
  if (!leans) return followUpContext(found);
  const asked = resolveFollowUp(earlier, found.question);
  const context = followUpContext(Object.assign({}, found, { question: asked }));
  if (context === null || /\p{Lu}/u.test(context.subject)) return context;
  return Object.assign(context, { subject: earlier.subject });
}

/** True when the passage a context cites is still in the index as it was. */
export function isCurrent(index: SearchIndex, context: FollowUpContext): boolean {
  return index
    .passagesOf(context.story)
    .some((p) => p.paragraph === context.paragraph && stampOf(p.text) === context.stamp);
}

/**
 * `context`, when a question of this length may follow it up and the passage it cites is
 * unchanged; null otherwise (as for no context).
 */
export function followable<C extends FollowUpContext>(
  index: SearchIndex,
  context: C | null,
  question: string,
): C | null {
  if (context === null || question.length > MAX_FOLLOW_UP_CHARS) return null;
  return isCurrent(index, context) ? context : null;
}

/**
 * Answers a follow-up question in the context of an earlier answer: "he", "she", "it" and "they"
 * stand for its subject, a follow-up with no words of substance ("why?", "and then?") is asked
 * about its topic, only its story is searched, and its paragraph and neighbours come first.
 *
 * @throws QuestionError when the follow-up is empty or longer than {@link MAX_FOLLOW_UP_CHARS}.
 * @example answerFollowUp(index, context, "what's she gonna do about it?").results[0]?.citation.paragraph // 4
 */
export function answerFollowUp(
  index: SearchIndex,
  context: FollowUpContext,
  question: string,
  options: AnswerOptions = {},
): Answer {
  const check = checkQuestion(question, MAX_FOLLOW_UP_CHARS);
  if (!check.ok) throw new QuestionError(check.message);
  const top = options.top ?? 3;
  const asked = resolveFollowUp(context, check.text);
  const found = answer(index, asked, { ...options, story: context.story, top: top + 5 });
  const results = nearFirst(found.results, context).slice(0, top);
  const first = found.results[0];
  // The phrase is the first passage's: it stands only while that passage still comes first.
  const keepsPhrase = first !== undefined && results[0]?.id === first.id;
  const { phrase, ...rest } = found;
  return {
    ...rest,
    question: check.text,
    results,
    ...(keepsPhrase && phrase !== undefined ? { phrase } : {}),
  };
}

/**
 * A follow-up's words with the earlier answer's subject for its pronouns, and its topic added when
 * it has no words of substance of its own: "what's she gonna do about it?" after "Who is Renata
 * Dorsey?" is "what's Renata Dorsey gonna do about it?"; "why?" after "Who vetoed the fund?" is
 * "why? vetoed fund".
 */
export function resolveFollowUp(context: FollowUpContext, question: string): string {
  let replaced = false;
  const resolved = question.replace(/[\p{L}’']+/gu, (word) => {
    const lower = word.toLowerCase();
    if (!replaced && (PERSONAL.has(lower) || THINGS.has(lower))) {
      replaced = true;
      return context.subject;
    }
    return word;
  });
  const own = substance(question).filter((w) => !PERSONAL.has(w) && !THINGS.has(w));
  return own.length >= 2 || context.topic === "" ? resolved : `${resolved} ${context.topic}`;
}

/** Results from the context's paragraph first, then its neighbours, then the rest, each by score. */
function nearFirst(results: readonly AnswerResult[], context: FollowUpContext): AnswerResult[] {
  const weight = (r: AnswerResult): number => {
    const distance = Math.abs(r.citation.paragraph - context.paragraph);
    // The paragraph an answer cited answers most follow-ups (on the news test bed's fit stories, 44
    // of 48); a neighbour holds the next most.
    return r.score * (distance === 0 ? 2 : distance === 1 ? 1.25 : 1);
  };
  return [...results].sort((a, b) => weight(b) - weight(a));
}

/** Whom or what the answer was about: the name it answered with, else the names it was asked. */
function subjectOf(first: Answer, best: AnswerResult, words: readonly string[]): string {
  // A yes or no names no one: only a span can be whom the answer was about.
  const phrase = first.phrase?.kind === "span" ? first.phrase.text : "";
  const asked = new Set(words.filter((w) => !STOP_WORDS.has(w)));
  const askedNames = namesIn(best.text, asked, true);
  // "Who is Renata Dorsey?" is about her, not about the office the answer names.
  const asksWhoIs = /^\s*(?:who|what)(?:'s|’s| is| was| are)\s/iu.test(first.question);
  const asksWho = /^\s*(?:who|which|whom)\b/iu.test(first.question);
  if (!(asksWhoIs && askedNames.length > 0) && (asksWho || phrase !== "")) {
    if (phrase !== "" && /\p{Lu}/u.test(phrase)) return clip(lastName(phrase), SUBJECT_CHARS);
    // No phrase shown: the first name in the answer's sentence that the question did not ask.
    const answered = namesIn(best.bestSentence, asked, false);
    if (asksWho && answered[0] !== undefined) return clip(answered[0], SUBJECT_CHARS);
  }
  if (askedNames[0] !== undefined) return clip(askedNames[0], SUBJECT_CHARS);
  return clip(substanceOf(words).join(" "), SUBJECT_CHARS);
}

/**
 * The runs of capitalised words of `text` that the question names (`asked`) or does not name, the
 * longest first when asked, in order otherwise.
 *
 * @param words the question's words other than stop words
 */
function namesIn(text: string, words: ReadonlySet<string>, asked: boolean): string[] {
  const names: { run: string; after: boolean }[] = [];
  for (const name of nameRunsOf(text)) {
    if (name.words.some((w) => words.has(w)) !== asked) continue;
    // "the railroad's spokesman, Dale Whitcomb": a name right after the words asked for is the answer.
    names.push({ run: name.run, after: name.before !== undefined && words.has(name.before) });
  }
  if (asked) return [...new Set(names.map((n) => n.run))].sort((a, b) => b.length - a.length);
  const ranked = [
    ...names.filter((n) => n.after),
    ...names.filter((n) => !n.after && n.run.includes(" ")),
    ...names.filter((n) => !n.after && !n.run.includes(" ")),
  ];
  return [...new Set(ranked.map((n) => n.run))];
}

/** A run of capitalised words of a text that could name someone, as `namesIn` weighs it. */
interface NameRun {
  readonly run: string;
  readonly words: readonly string[];
  /** The word just before the run, if any. */
  readonly before: string | undefined;
}

// The name runs of the passages and sentences answers cite, which no question changes: every
// answer with a Follow up reads its passage's, and tokenizing them was a tenth of an /ask's
// respond(). Cleared when full; a few hundred bytes each.
const NAME_RUNS_CACHE_SIZE = 5_000;
const nameRuns = new CappedCache<string, readonly NameRun[]>(NAME_RUNS_CACHE_SIZE);

/** A run of capitalised words found at `start` of `text`, as a name, or null when it names no one. */
function nameRunOf(text: string, found: string, start: number): NameRun | null {
  // A sentence's capitalised first word is no part of a name: "While National Security…".
  const run = withoutLeadingStopWords(found.replace(/[’']s$/u, ""));
  // A dateline ("LOS ANGELES (AP) —") names no one the story is about: neither its place in
  // capitals nor the agency's credit in brackets after it.
  const credit = text[start - 1] === "(" && text[start + found.length] === ")";
  if (run === run.toUpperCase() || credit || CALENDAR.test(run)) return null;
  const words = tokenize(run);
  if (words.length === 0 || words.some((w) => STOP_WORDS.has(w))) return null;
  const before = tokenize(text.slice(Math.max(0, start - 30), start)).at(-1);
  return { run, words, before };
}

/** The runs of capitalised words of a text that could name someone, in order. */
function nameRunsOf(text: string): readonly NameRun[] {
  return nameRuns.getOrCompute(text, readNameRuns);
}

function readNameRuns(text: string): readonly NameRun[] {
  const runs: NameRun[] = [];
  for (const match of text.matchAll(NAME_RUN)) {
    let start = match.index ?? 0;
    for (const piece of match[0].split(SENTENCE_INSIDE)) {
      const run = nameRunOf(text, piece, start);
      if (run !== null) runs.push(run);
      start += piece.length + 2;
    }
  }
  return runs;
}

/** A run of capitalised words without the stop words it starts with. */
function withoutLeadingStopWords(run: string): string {
  const words = run.split(" ");
  while (words.length > 0 && STOP_WORDS.has((words[0] ?? "").toLowerCase())) words.shift();
  return words.join(" ");
}

/** A name without its title ("Gov. Daniel Harrigan" → "Daniel Harrigan"). */
function lastName(phrase: string): string {
  return phrase.replace(/^(?:[\p{L}]+\. )+/u, "");
}

/** The question's words of substance, in order: no stop words, no question words. */
function substance(question: string): string[] {
  return substanceOf(tokenize(question));
}

/** `substance` of a question's words, tokenized already. */
function substanceOf(words: readonly string[]): string[] {
  return words.filter((w) => !STOP_WORDS.has(w) && !/^(?:what|who|how)$/u.test(w));
}

function clip(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const cut = text.slice(0, limit);
  const space = cut.lastIndexOf(" ");
  return space > 0 ? cut.slice(0, space) : cut;
}
