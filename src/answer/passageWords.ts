import { splitSentences } from "../corpus/sentences.ts";
import type { Passage } from "../corpus/types.ts";
import { type Word, wordsOf } from "../language/text.ts";

/** A passage's words, and its sentences with theirs, as answers read them. */
export interface PassageWords {
  readonly words: readonly Word[];
  readonly sentences: readonly { readonly text: string; readonly words: readonly Word[] }[];
}

// Worked out once per passage: the same passages answer many questions, and cutting them anew
// each time was most of what a question allocates. Weak, so a replaced index frees its passages.
const passageWords = new WeakMap<Passage, PassageWords>();

/** A passage's words and sentences, cut once and remembered while the passage lives. */
export function wordsOfPassage(passage: Passage): PassageWords {
  const cached = passageWords.get(passage);
  if (cached !== undefined) return cached;
  const words: PassageWords = {
    words: wordsOf(passage.text),
    sentences: splitSentences(passage.text).map((text) => ({ text, words: wordsOf(text) })),
  };
  passageWords.set(passage, words);
  return words;
}
