import MiniSearch from "minisearch";
import type { Passage, Story } from "../corpus/types.ts";
import type { Vocabulary } from "../language/expand.ts";
import { namesOf, termFor, termsOf, tokenize } from "../language/text.ts";
import { type IndexedDocument, kindText, MINISEARCH_OPTIONS } from "./fields.ts";
import { internalsOf, type PackedIndex, packIndex } from "./store/packed.ts";

/** The postings of a built index, packed when they can be, and the corpus vocabulary. */
export interface BuiltIndex {
  readonly index:
    | { readonly packed: PackedIndex }
    | { readonly search: MiniSearch<IndexedDocument> };
  readonly vocabulary: Vocabulary;
}

interface CorpusVocabulary {
  readonly terms: Map<string, number>;
  readonly words: Map<string, string>;
  readonly names: Set<string>;
}

/** Indexes every passage of the given stories and gathers the vocabulary of their words. */
export function buildIndex(stories: readonly Story[]): BuiltIndex {
  const vocabulary: CorpusVocabulary = { terms: new Map(), words: new Map(), names: new Set() };
  // Each text is cut into words once, here, and MiniSearch is handed the same words; a story's
  // title, indexed with each of its passages, is cut once for all of them.
  const words = new Map<string, string[]>();
  const tokenizeOnce = (text: string): string[] => words.get(text) ?? tokenize(text);
  const search = new MiniSearch<IndexedDocument>({
    ...MINISEARCH_OPTIONS,
    tokenize: tokenizeOnce,
  });
  for (const story of stories) {
    words.set(story.title, tokenize(story.title));
    for (const p of story.passages) {
      const passageWords = tokenize(p.text);
      words.set(p.text, passageWords);
      addToVocabulary(vocabulary, p, passageWords);
      search.add({ id: p.id, text: p.text, title: story.title, kind: kindText(p) });
      words.delete(p.text);
    }
    words.delete(story.title);
  }
  // Packed once built, the scorer reads typed arrays and MiniSearch's maps can go; an unknown
  // MiniSearch version keeps them and is searched through its own `search()`.
  const index =
    internalsOf(search, MINISEARCH_OPTIONS.fields) === null
      ? { search }
      : { packed: packIndex(search, MINISEARCH_OPTIONS.fields) };
  return { index, vocabulary };
}

/** Adds a passage's terms (with their document counts), words and names to the vocabulary. */
function addToVocabulary(
  vocabulary: CorpusVocabulary,
  passage: Passage,
  words: readonly string[],
): void {
  const terms = new Set<string>();
  for (const word of words) {
    const term = termFor(word);
    if (term === null) continue;
    terms.add(term);
    vocabulary.words.set(word, term);
  }
  for (const term of termsOf(kindText(passage))) terms.add(term);
  for (const term of terms) vocabulary.terms.set(term, (vocabulary.terms.get(term) ?? 0) + 1);
  for (const name of namesOf(passage.text)) vocabulary.names.add(name);
}
