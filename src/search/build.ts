import MiniSearch from "minisearch";
import type { Passage, Story } from "../corpus/types.ts";
import type { Vocabulary } from "../language/expand.ts";
import { namesOf, termFor, termsOf, tokenize } from "../language/text.ts";
import { type IndexedDocument, kindText, MINISEARCH_OPTIONS } from "./fields.ts";
import { mergePacked } from "./store/mergePacked.ts";
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

/**
 * Passages indexed by one MiniSearch before it is packed and a fresh one takes the next stories:
 * MiniSearch's maps cost about 1.8 KB a passage, so at 1M passages they were 1.8 GB of the 5 GB
 * peak of a build held whole, against the 0.3 GB of the packed index they become.
 */
export const BATCH_PASSAGES = 100_000;

/**
 * Indexes every passage of the given stories and gathers the vocabulary of their words. The
 * stories are indexed in batches of about `batchPassages` passages, each packed and the packed
 * batches merged (`mergePacked`), unless MiniSearch's internals are unknown: then one MiniSearch
 * takes them all and is searched through its own `search()`.
 */
export function buildIndex(
  stories: readonly Story[],
  batchPassages: number = BATCH_PASSAGES,
): BuiltIndex {
  const vocabulary: CorpusVocabulary = { terms: new Map(), words: new Map(), names: new Set() };
  // Each text is cut into words once, here, and MiniSearch is handed the same words; a story's
  // title, indexed with each of its passages, is cut once for all of them.
  const words = new Map<string, string[]>();
  const tokenizeOnce = (text: string): string[] => words.get(text) ?? tokenize(text);
  const fresh = () =>
    new MiniSearch<IndexedDocument>({ ...MINISEARCH_OPTIONS, tokenize: tokenizeOnce });
  const packable = (index: MiniSearch<IndexedDocument>) =>
    internalsOf(index, MINISEARCH_OPTIONS.fields) !== null;
  const batches: PackedIndex[] = [];
  // One MiniSearch rejects an id it has; batches are checked against the ids of those before.
  const earlier = new Set<string>();
  let search = fresh();
  let inBatch = 0;
  for (const story of stories) {
    if (inBatch >= batchPassages && packable(search)) {
      batches.push(packIndex(search, MINISEARCH_OPTIONS.fields));
      for (const id of batches.at(-1)?.ids ?? []) earlier.add(id);
      search = fresh();
      inBatch = 0;
    }
    inBatch += story.passages.length;
    words.set(story.title, tokenize(story.title));
    for (const p of story.passages) {
      const passageWords = tokenize(p.text);
      words.set(p.text, passageWords);
      addToVocabulary(vocabulary, p, passageWords);
      if (earlier.has(p.id)) throw new Error(`MiniSearch: duplicate ID ${p.id}`);
      search.add({ id: p.id, text: p.text, title: story.title, kind: kindText(p) });
      words.delete(p.text);
    }
    words.delete(story.title);
  }
  // Packed once built, the scorer reads typed arrays and MiniSearch's maps can go; an unknown
  // MiniSearch version keeps them and is searched through its own `search()`.
  if (!packable(search)) return { index: { search }, vocabulary };
  batches.push(packIndex(search, MINISEARCH_OPTIONS.fields));
  const index = { packed: mergePacked(batches) };
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
