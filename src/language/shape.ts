import type { Wording } from "./wording.ts";

/**
 * How a question is asked, read from its text alone: a keyword search or a long, rambling
 * question, typed as chat (no capitals, no question mark), and the kind of answer it asks for (the
 * evidence's `phraseAsked` already tells why, how and keyword searches apart from the rest). The
 * answer confidence and the unrelated model weigh it beside the evidence, since the same evidence
 * means more for some shapes than others: the news test bed's short chat questions are asked of a
 * nine-passage story, not of a fifty-paragraph article as SQuAD's careful ones are.
 */
export interface QuestionShape {
  /** 1 for a keyword search: three words or fewer ("sentence length"). */
  readonly short: number;
  /** 1 for a long question, context first: sixteen words or more. */
  readonly long: number;
  /** 1 when typed without a capital letter ("wait who got best director lol"). */
  readonly lowerCase: number;
  /** 1 when it does not end with a question mark. */
  readonly unpunctuated: number;
  /** 1 when it asks yes or no. */
  readonly asksYesNo: number;
  /** 1 when it asks for a number or an amount ("how many", "how much"). */
  readonly asksNumber: number;
  /** 1 when it asks for a time, a date, a year, a span of time or an age. */
  readonly asksTime: number;
  /** 1 when it asks for a person ("who"). */
  readonly asksPerson: number;
  /**
   * 1 when it speaks of the asker ("i", "my"), as help with one's own things does more often than a
   * question about the news; the unrelated model weighs it, the answer confidence does not.
   */
  readonly firstPerson: number;
}

/** The names of `QuestionShape`'s fields, in the order a model's weights follow. */
export const SHAPE_FEATURES = [
  "short",
  "long",
  "lowerCase",
  "unpunctuated",
  "asksYesNo",
  "asksNumber",
  "asksTime",
  "asksPerson",
] as const satisfies readonly (keyof QuestionShape)[];

// The news test bed's keyword style is one to three words (test/fixtures/news/README.md). Long
// starts at sixteen: on the fit stories, 12, 16, 20 and 24 gave the confidence's answers the same
// worth within a question or two (548, 547, 546, 543 by the answered rule), and 6.5% of their
// questions and 8.7% of SQuAD tune's reach it.
const SHORT_WORDS = 3;
/** Words from which a question is long: it may give context before it asks (focus.ts). */
export const LONG_WORDS = 16;

/** The shape of a question, from its wording. */
export function questionShape(wording: Wording): QuestionShape {
  const words = wording.words.length;
  const kind = wording.yesNo
    ? "yesNo"
    : wording.phraseKind === null
      ? null
      : (kindOfAnswer[wording.expected?.type ?? ""] ??
        (wording.phraseKind === "person" ? "person" : null));
  return {
    short: words <= SHORT_WORDS ? 1 : 0,
    long: words >= LONG_WORDS ? 1 : 0,
    lowerCase: /\p{Lu}/u.test(wording.text) ? 0 : 1,
    unpunctuated: /\?\s*$/u.test(wording.text) ? 0 : 1,
    asksYesNo: kind === "yesNo" ? 1 : 0,
    asksNumber: kind === "number" ? 1 : 0,
    asksTime: kind === "time" ? 1 : 0,
    asksPerson: kind === "person" ? 1 : 0,
    firstPerson: FIRST_PERSON.some((w) => wording.wordSet.has(w)) ? 1 : 0,
  };
}

// The pronouns of the first person singular, English's closed class.
const FIRST_PERSON = ["i", "me", "my", "mine", "myself"];

const kindOfAnswer: Readonly<Record<string, "number" | "time">> = {
  number: "number",
  figure: "number",
  time: "time",
  date: "time",
  year: "time",
  duration: "time",
  age: "time",
};

/** The shape as a vector in `SHAPE_FEATURES` order. */
export function shapeVector(shape: QuestionShape): number[] {
  return SHAPE_FEATURES.map((name) => shape[name]);
}
