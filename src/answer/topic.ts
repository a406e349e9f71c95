import type { Passage } from "../corpus/types.ts";
import { defaultLexicon } from "../language/lexicon.ts";
import { subjectCloseness, subjectOf } from "../language/subject.ts";
import { tokenize } from "../language/text.ts";
import { PREPARED_PASSAGES_MAX } from "../search/index.ts";
import type { Hit } from "../search/types.ts";
import { wordsOfPassage } from "./passageWords.ts";

/** How close in subject a question is to the passages found (cosines of `subjectOf`, 0–1). */
export interface Topic {
  /** To the first passage. */
  readonly first: number;
  /** To the closest of the first passages. */
  readonly best: number;
}

// Each passage's subject by its text, about 0.5 KB: at archive scale a passage object lives only
// while it is recent (search/store/storedPassages.ts), so a cache by object forgot subjects that
// the next questions wanted. As many as a corpus whose subjects are read ahead holds
// (`subjectPreparation`: 12,000 passages, about 6 MB); forgotten all at once when full, as the
// other caches.
const SUBJECT_CACHE_SIZE = PREPARED_PASSAGES_MAX;
const subjectByText = new Map<string, Float32Array | null>();

/**
 * How close in subject the question's words are to the given hits' passages. The shipped lexicon
 * is read, whatever the index was built with: the unrelated model (unrelated.ts) was fitted on it.
 */
export function topicOf(words: readonly string[], hits: readonly Hit[]): Topic {
  const asked = subjectOf(words, defaultLexicon());
  let first = 0;
  let best = 0;
  hits.forEach((hit, i) => {
    // The words the results already cut (the text's tokens in order), not the text tokenized
    // again: at 100,000 passages that re-reading was 6% of answer()'s profile.
    const subject = subjectOfPassage(hit.passage, () =>
      wordsOfPassage(hit.passage).words.map((word) => word.surface),
    );
    const closeness = subjectCloseness(asked, subject);
    if (i === 0) first = closeness;
    best = Math.max(best, closeness);
  });
  return { first, best };
}

/**
 * A passage's subject, worked out from its words (`tokenize` of its text, or the same words as
 * the results cut them) the first time its text is met.
 */
export function subjectOfPassage(
  passage: Passage,
  words: () => readonly string[] = () => tokenize(passage.text),
): Float32Array | null {
  const text = passage.text;
  let subject = subjectByText.get(text);
  if (subject === undefined) {
    subject = subjectOf(words(), defaultLexicon());
    if (subjectByText.size >= SUBJECT_CACHE_SIZE) subjectByText.clear();
    subjectByText.set(text, subject);
  }
  return subject;
}
