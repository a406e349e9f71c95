import type { Passage } from "../corpus/types.ts";
import { defaultLexicon } from "../language/lexicon.ts";
import { subjectCloseness, subjectOf } from "../language/subject.ts";
import type { Hit } from "../search/types.ts";
import { wordsOfPassage } from "./passageWords.ts";

/** How close in subject a question is to the passages found (cosines of `subjectOf`, 0–1). */
export interface Topic {
  /** To the first passage. */
  readonly first: number;
  /** To the closest of the first passages. */
  readonly best: number;
}

// Each passage's subject, worked out once; weak, so a replaced index frees it.
const subjectByPassage = new WeakMap<Passage, Float32Array | null>();

/**
 * How close in subject the question's words are to the given hits' passages. The shipped lexicon
 * is read, whatever the index was built with: the unrelated model (unrelated.ts) was fitted on it.
 */
export function topicOf(words: readonly string[], hits: readonly Hit[]): Topic {
  const lexicon = defaultLexicon();
  const asked = subjectOf(words, lexicon);
  let first = 0;
  let best = 0;
  hits.forEach((hit, i) => {
    let subject = subjectByPassage.get(hit.passage);
    if (subject === undefined) {
      // The words the results already cut (the text's tokens in order), not the text tokenized
      // again: at 100,000 passages that re-reading was 6% of answer()'s profile.
      subject = subjectOf(
        wordsOfPassage(hit.passage).words.map((word) => word.surface),
        lexicon,
      );
      subjectByPassage.set(hit.passage, subject);
    }
    const closeness = subjectCloseness(asked, subject);
    if (i === 0) first = closeness;
    best = Math.max(best, closeness);
  });
  return { first, best };
}
