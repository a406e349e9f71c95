import { WordFrequencies } from "./frequency.ts";
import { WordVectors } from "./vectors.ts";
import { WordNet } from "./wordnet.ts";

/** General knowledge of English used to match a question's words the corpus does not contain. */
export interface Lexicon {
  readonly wordnet: WordNet | null;
  readonly vectors: WordVectors | null;
  readonly frequencies: WordFrequencies | null;
}

/** A lexicon without any knowledge: questions match the corpus by spelling alone. */
export const EMPTY_LEXICON: Lexicon = { wordnet: null, vectors: null, frequencies: null };

let shared: Lexicon | undefined;

/** The lexicon that ships with the bot (WordNet, GloVe vectors, SUBTLEX counts), loaded once: about 250 ms. */
export function defaultLexicon(): Lexicon {
  shared ??= {
    wordnet: new WordNet().load(),
    vectors: WordVectors.load(),
    frequencies: WordFrequencies.load(),
  };
  return shared;
}
