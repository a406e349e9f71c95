import { splitSentences } from "../corpus/sentences.ts";
import type { SearchIndex } from "../search/index.ts";
import { PREPARED_PASSAGES_MAX } from "../search/prepared.ts";
import { vectorsOfPassage } from "./alignment.ts";
import { wordsOfPassage } from "./passageWords.ts";
import { cutSentence } from "./phraseCandidates.ts";
import { rankSentences } from "./rankSentences.ts";
import { subjectOfPassage } from "./topic.ts";

// The phrase cutter keeps 5,000 sentences and forgets them all when full (phraseCandidates.ts):
// a corpus with more sentences than this is not read ahead, as questions would soon clear it.
// The scale bench's 1,010 passages hold 4,002 (read ahead, these caches took about 45 MB: RSS
// after preparation 200 -> 247 MB, what questions fill them with over time); its 10,005 hold 32,795.
const PREPARED_SENTENCES_MAX = 4_500;
// No question's terms: every sentence ranks alike, and the ranking is only wanted for its cache.
const NO_TERMS = { termSet: new Set<string>() };

/**
 * Reads ahead what an answer's first use of a passage waits for (its words for highlighting, its
 * sentences and their terms, each sentence cut into candidate phrases), yielding once the
 * sentences are counted and after each passage; nothing in a corpus whose sentences would outgrow
 * the phrase cutter's cache.
 */
export function* answerPreparation(index: SearchIndex): Generator<void> {
  // Every passage holds a sentence at least, so a larger corpus need not be counted.
  if (index.size > PREPARED_SENTENCES_MAX) return;
  const passages = index.stories.flatMap((story) => index.passagesOf(story.slug));
  let sentences = 0;
  for (const passage of passages) sentences += splitSentences(passage.text).length;
  if (sentences > PREPARED_SENTENCES_MAX) return;
  yield;
  for (const passage of passages) {
    wordsOfPassage(passage);
    for (const sentence of rankSentences(NO_TERMS, passage.text)) cutSentence(sentence, undefined);
    yield;
  }
}

/**
 * Reads ahead what the unrelated model weighs of each passage: its subject (for the first three
 * hits of every question) and its word vectors (the alignment, for the first), yielding after each
 * passage; nothing in a corpus larger than the search reads ahead (`PREPARED_PASSAGES_MAX`). At
 * 10,005 passages (the scale bench) working subjects out on first use was 12% of the CPU of its
 * 500 questions (61 of 469 ms).
 */
export function* subjectPreparation(index: SearchIndex): Generator<void> {
  if (index.size > PREPARED_PASSAGES_MAX) return;
  for (const story of index.stories) {
    for (const passage of index.passagesOf(story.slug)) {
      subjectOfPassage(passage);
      vectorsOfPassage(passage);
      yield;
    }
  }
}
