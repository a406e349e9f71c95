import type { Passage } from "../corpus/types.ts";
import {
  type Alignment,
  type AskedWord,
  alignAll,
  alignmentOf,
  askedWord,
  type PassageVectors,
  passageVectors,
} from "../language/alignment.ts";
import { CappedCache } from "../language/cappedCache.ts";
import { defaultLexicon } from "../language/lexicon.ts";
import { PREPARED_PASSAGES_MAX } from "../search/prepared.ts";
import { surfacesOfPassage } from "./passageWords.ts";

// Each passage's distinct words and unit vectors (shared per word) by its text, as the subjects are
// kept (topic.ts): at most as many as a corpus whose passages are read ahead holds (read ahead by
// `subjectPreparation`), forgotten all at once when full.
const VECTORS_CACHE_SIZE = PREPARED_PASSAGES_MAX;
const vectorsByText = new CappedCache<string, PassageVectors>(VECTORS_CACHE_SIZE);

/**
 * How well the first passage's words stand for the question's in meaning (`alignmentOf`); fully
 * aligned when nothing was found. The shipped lexicon is read, whatever the index was built with:
 * the confidence was fitted on it.
 */
export function alignmentWith(words: readonly string[], passage: Passage | undefined): Alignment {
  if (passage === undefined) return { mean: 1, least: 1 };
  return alignmentOf(words, vectorsOfPassage(passage), defaultLexicon());
}

/**
 * `alignmentWith` of one question with each of several passages, in order. The words are weighed
 * one by one here, so that the question read once is not handed back to the language layer.
 */
export function alignmentsWith(
  words: readonly string[],
  passages: readonly Passage[],
): Alignment[] {
  const lexicon = defaultLexicon();
  const asked: AskedWord[] = [];
  for (const word of new Set(words)) {
    const weighed = askedWord(word, lexicon);
    if (weighed !== null) asked.push(weighed);
  }
  return alignAll({ words: asked }, passages.map(vectorsOfPassage));
}

/** The passage's distinct words and their vectors, kept by its text. */
export function vectorsOfPassage(passage: Passage): PassageVectors {
  let vectors = vectorsByText.get(passage.text);
  if (vectors === undefined) {
    vectors = passageVectors(surfacesOfPassage(passage), defaultLexicon());
    vectorsByText.set(passage.text, vectors);
  }
  return vectors;
}
