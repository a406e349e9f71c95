import { type AnswerType, ranksByKind } from "../language/answerType.ts";
import { readWording, type Wording } from "../language/wording.ts";
import type { SearchIndex } from "../search/index.ts";
import { askedSpeaker, type Speaker } from "../search/speaker.ts";
import type { QueryTerm } from "../search/types.ts";

/** Longest question accepted, in characters; a question is a sentence or two, not a document. */
export const MAX_QUESTION_CHARS = 500;

/** A question cleaned for searching, or the reason it cannot be asked. */
export type QuestionCheck =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly problem: "empty" | "too-long"; readonly message: string };

// Control characters and line separators stand between words; format characters (zero-width
// spaces and joiners, bidirectional marks) are invisible and dropped, so "Schu\u200bmer" is "Schumer".
const CONTROL = /[\p{Cc}\u2028\u2029]/gu;
const INVISIBLE = /\p{Cf}/gu;

/**
 * Normalizes a question (Unicode NFKC, invisible characters removed, white space folded) and checks
 * its length against `limit` characters.
 */
export function checkQuestion(raw: string, limit: number = MAX_QUESTION_CHARS): QuestionCheck {
  // Invisible characters go before normalizing: one between a letter and its accent
  // ("e\u200d\u0301") would otherwise keep the two from being composed into "é".
  const text = raw
    .replace(CONTROL, " ")
    .replace(INVISIBLE, "")
    .normalize("NFKC")
    .replace(/\s+/g, " ")
    .trim();
  if (text === "") {
    return {
      ok: false,
      problem: "empty",
      message: "The question is empty: type a question about the story.",
    };
  }
  if (text.length > limit) {
    return {
      ok: false,
      problem: "too-long",
      message: `The question is ${text.length} characters long; the limit is ${limit}. Ask something shorter.`,
    };
  }
  return { ok: true, text };
}

/**
 * A question read once: its wording (words, terms, the kind of answer and of phrase asked for,
 * yes/no, summary), the weighted terms and stand-ins the index reads in it, and the speaker it asks
 * about. Search, evidence, extraction and rendering all take it; none reads the question's text
 * again.
 */
export interface Question extends Wording {
  /** The weighted query terms with their stand-ins, as the index analysed them. */
  readonly terms: readonly QueryTerm[];
  /** The kind of answer asked for, as the search's re-rank reads it. */
  readonly answerType: AnswerType | null;
  /** Whom it asks the words of ("What did Schumer say?"), or null. */
  readonly speaker: Speaker | null;
}

/**
 * Reads a checked question (see `checkQuestion`) against an index, once: its text, or its wording
 * read already (`readWording`, where /ask read it to tell small talk from a question).
 *
 * @example readQuestion(index, "What did Schumer say?").speaker?.words // ["schumer"]
 */
export function readQuestion(index: SearchIndex, question: string | Wording): Question {
  const typed = typeof question === "string" ? readWording(question) : question;
  // Read as spelled out, chat shortenings and typos ask what their words ask ("hw long" a
  // duration); the question is still shown as typed.
  const spelled = index.analyzer.spelledOut(typed);
  const wording =
    spelled === typed.text ? typed : Object.assign(readWording(spelled), { text: typed.text });
  const terms = withContextWeighed(index.analyzer.analyze(spelled, wording), wording.focus);
  // Not `{ ...wording, terms, … }`: on Node 20 (V8 11.3) a literal that spreads an object and then
  // adds properties gets a hidden class of its own each time, and those old-space classes keep
  // young objects alive: story asks left 870 KB to copy at each scavenge (1.4 ms pauses).
  return Object.assign({}, wording, {
    terms,
    answerType:
      wording.expected !== null && ranksByKind(wording.expected.type)
        ? wording.expected.type
        : null,
    speaker: askedSpeaker(wording.speakerWords, terms),
  });
}

// Weight of a long question's context words beside what it asks (language/focus.ts). Chosen on the
// news test bed's fit split, its 72 long questions answered with their paragraph each story alone /
// all in one corpus: 1 (as before) 18 / 10, 0.25 22 / 13, 0.1 31 / 16, 0.05 32 / 20, 0 30 / 21
// (first passage right 47 -> 37 of 72); choose split at 0.05, 9 / 5 -> 13 / 9 of 24.
const CONTEXT_WEIGHT = 0.05;

/**
 * The terms, those only a long question's context holds (not in `focus`) weighed down and no name
 * it turns on: "my brother works near Bexley County, when will the plant run?" is not refused for
 * a county the story does not name.
 */
function withContextWeighed(terms: QueryTerm[], focus: ReadonlySet<string> | null): QueryTerm[] {
  if (focus === null) return terms;
  return terms.map((t) =>
    focus.has(t.word)
      ? t
      : Object.assign({}, t, { weight: t.weight * CONTEXT_WEIGHT, name: false }),
  );
}
