import { sentenceSpans } from "../corpus/sentences.ts";
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
  const text = passage.text;
  const spans = sentenceSpans(text);
  const sentences = spans.map(([start, end]) => {
    const sentence = text.slice(start, end);
    return { text: sentence, words: wordsOf(sentence) };
  });
  // White space parts the sentences, and no word crosses it nor looks across it when tokenized
  // (see `readPassageTerms`, search/passageTerms.ts): the passage's words are its sentences' words
  // in turn, tokenized once. Sentences the segmenter put side by side could share a word.
  const touching = spans.some((span, i) => i > 0 && spans[i - 1]?.[1] === span[0]);
  const words: PassageWords = {
    words: touching ? wordsOf(text) : sentences.flatMap((sentence) => sentence.words),
    sentences,
  };
  passageWords.set(passage, words);
  return words;
}

/**
 * A passage's words as `tokenize` writes them, in order, from the words the results already cut:
 * what its subject and word vectors are read from (at 100,000 passages, tokenizing each passage's
 * text again was 6% of answer()'s profile).
 */
export function surfacesOfPassage(passage: Passage): string[] {
  return wordsOfPassage(passage).words.map((word) => word.surface);
}
