import type { AnswerType } from "../language/answerType.ts";

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
  /** A yes/no question the story reports as open ("declined to say whether…", see `leftOpen`). */
  | { readonly kind: "left-open" }
  /** A question asking how much money, whose passage shown quotes no sum. */
  | { readonly kind: "no-amount" }
  /** `words`: what a "which" question asks about, as typed ("trade publication"), which the story mentions without saying which. */
  | { readonly kind: "unidentified"; readonly words: string }
  | { readonly kind: "off-topic" };

/**
 * How sure the bot is of an answer: `answered`, confident that the passages answer the question;
 * `uncertain`, the closest passages, which may not; `refused`, none shown, with the reason.
 */
export type Outcome = "answered" | "uncertain" | "refused";

/** What an answer phrase is: a span of the story, or the yes or no a sentence of it settles. */
export type PhraseAnswerKind = "span" | "yes" | "no";

/**
 * The phrase of a story that answers a question ("Defense Secretary Pete Hegseth" for "Who issued
 * the directive?", "No" for "Did Russia agree?"), with how sure the extractor is of it (0–1).
 */
export interface AnswerPhrase {
  /** The span as the story writes it, or "Yes" or "No". */
  readonly text: string;
  readonly kind: PhraseAnswerKind;
  readonly confidence: number;
  /** The sentence it was found in, or that settles the yes or no. */
  readonly sentence: string;
}

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
  /** Unless refused: the phrase of the first passage that answers it, when the extractor is confident of it. */
  readonly phrase?: AnswerPhrase;
  /** Only when uncertain: the passage quoted first more likely answers it than not, and nothing known says otherwise (`judge`). */
  readonly likely?: true;
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
