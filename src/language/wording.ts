import {
  asksYesNo,
  type ExpectedAnswer,
  expectedAnswer,
  type PhraseKind,
  phraseKind,
} from "./answerType.ts";
import { termFor, tokenize } from "./text.ts";

/**
 * What the words of a question say, before any corpus is asked: its words and their terms, the
 * kind of answer it asks for, the kind of phrase that would answer it, and whether it asks yes or
 * no. `answer/question.ts` adds what the index reads of it.
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
  /** The kind of answer its wording asks for ("how many" → a number), or null. */
  readonly expected: ExpectedAnswer | null;
  /** The kind of phrase that answers it, or null when it asks why or how. */
  readonly phraseKind: PhraseKind | null;
  /** True when it asks to be answered yes or no ("Did the talks affect it?"). */
  readonly yesNo: boolean;
}

/**
 * Reads the wording of a checked question once, for every stage that needs it.
 *
 * @example readWording("Who issued the directive?").phraseKind // "person"
 */
export function readWording(text: string): Wording {
  const words = tokenize(text);
  const wordSet = new Set(words);
  const termSet = new Set<string>();
  for (const word of wordSet) {
    const term = termFor(word);
    if (term !== null) termSet.add(term);
  }
  const expected = expectedAnswer(text);
  return {
    text,
    words,
    wordSet,
    termSet,
    expected,
    phraseKind: phraseKind(text, expected),
    yesNo: asksYesNo(words),
  };
}
