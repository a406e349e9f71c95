import type { Passage } from "../corpus/types.ts";
import { CappedCache } from "../language/cappedCache.ts";
import { defaultLexicon } from "../language/lexicon.ts";
import { subjectCloseness, subjectOf } from "../language/subject.ts";
import { PREPARED_PASSAGES_MAX } from "../search/prepared.ts";
import type { Hit } from "../search/types.ts";
import { newsLikeness } from "./newsSubject.ts";
import { surfacesOfPassage } from "./passageWords.ts";

/** How close in subject a question is to the passages found (cosines of `subjectOf`), and to news at all. */
export interface Topic {
  /** To the first passage. */
  readonly first: number;
  /** To the closest of the first passages. */
  readonly best: number;
  /** How much the question alone sounds like one asked of the news (newsSubject.ts). */
  readonly news: number;
}

// Each passage's subject by its text, about 0.5 KB: at archive scale a passage object lives only
// while it is recent (search/store/storedPassages.ts), so a cache by object forgot subjects that
// the next questions wanted. As many as a corpus whose subjects are read ahead holds
// (`subjectPreparation`: 12,000 passages, about 6 MB); forgotten all at once when full, as the
// other caches.
const SUBJECT_CACHE_SIZE = PREPARED_PASSAGES_MAX;
const subjectByText = new CappedCache<string, Float32Array | null>(SUBJECT_CACHE_SIZE);

/**
 * How close in subject the question's words are to the given hits' passages. The shipped lexicon
 * is read, whatever the index was built with: the unrelated model (unrelated.ts) was fitted on it.
 */
export function topicOf(words: readonly string[], hits: readonly Hit[]): Topic {
  const asked = subjectOf(words, defaultLexicon());
  let first = 0;
  let best = 0;
  hits.forEach((hit, i) => {
    const closeness = subjectCloseness(asked, subjectOfPassage(hit.passage));
    if (i === 0) first = closeness;
    best = Math.max(best, closeness);
  });
  return { first, best, news: newsLikeness(asked, words) };
}

/** A passage's subject, worked out from its words (`surfacesOfPassage`) the first time its text is met. */
export function subjectOfPassage(passage: Passage): Float32Array | null {
  const text = passage.text;
  let subject = subjectByText.get(text);
  if (subject === undefined) {
    subject = subjectOf(surfacesOfPassage(passage), defaultLexicon());
    subjectByText.set(text, subject);
  }
  return subject;
}
