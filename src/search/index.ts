import type { Passage, Story } from "../corpus/types.ts";
import { ANSWER_TYPES, expectedAnswer } from "../language/answerType.ts";
import type { Vocabulary } from "../language/expand.ts";
import { defaultLexicon } from "../language/lexicon.ts";
import { rememberTerms, termsOf, tokenize } from "../language/text.ts";
import { QueryAnalyzer } from "./analysis.ts";
import { type BuiltIndex, buildIndex } from "./build.ts";
import { CandidateFinder } from "./candidates.ts";
import { WordCompleter } from "./completion.ts";
import { DENSE_SCAN_LIMIT, Meanings, meaningReader } from "./meaning.ts";
import { PassageTermsCache, sentencesHolding } from "./passageTerms.ts";
import { PREPARED_PASSAGES_MAX } from "./prepared.ts";
import { RERANK_DEPTH, type RerankSources, rerank } from "./rerank.ts";
import type { PackedIndex } from "./store/packed.ts";
import type { StoredPassages } from "./store/storedPassages.ts";
import {
  type AnalysedQuery,
  type IndexData,
  type IndexOptions,
  type QueryTerm,
  type SearchOptions,
  type SearchOutcome,
  type StoryInfo,
  UNRIVALLED,
} from "./types.ts";

// Passages whose terms, sentences and meaning are remembered between questions, a few KB each:
// about 20 are re-ranked per question, and a corpus this small is kept whole for the meaning scan.
const PASSAGE_CACHE_SIZE = DENSE_SCAN_LIMIT;

/**
 * A searchable index of the passages of a set of stories: it holds the passages and postings, and
 * a search passes through its stages in turn, analysis (`analysis.ts`), candidates
 * (`candidates.ts`) and re-rank (`rerank.ts`).
 */
export class SearchIndex {
  readonly stories: readonly StoryInfo[];
  private readonly packed: PackedIndex | null;
  private readonly passages: ReadonlyMap<string, Passage>;
  private readonly storyBySlug = new Map<string, StoryInfo>();
  // Each story's passages in reading order; for a snapshot's index, made when asked for.
  private readonly passagesBySlug: (slug: string) => readonly Passage[] | undefined;
  private readonly passageTerms: PassageTermsCache;
  /** The first stage of a search, for a caller that reads the question once and searches it as read. */
  readonly analyzer: QueryAnalyzer;
  private readonly candidates: CandidateFinder;
  private readonly rerankSources: RerankSources;
  private readonly meanings: Meanings;
  private completer: WordCompleter | null = null;

  private constructor(
    private readonly storyData: readonly Story[],
    index: BuiltIndex["index"],
    private readonly vocabulary: Vocabulary,
    options: IndexOptions,
    stored?: StoredPassages,
  ) {
    this.packed = "packed" in index ? index.packed : null;
    this.candidates = new CandidateFinder(index);
    const lexicon = options.lexicon ?? defaultLexicon();
    this.stories = storyData.map((story, i) => ({
      slug: story.slug,
      title: story.title,
      url: story.url,
      source: story.source,
      date: story.date,
      // The headline is cited, but it is no paragraph: a reader counts ¶1, ¶2, … only.
      paragraphs:
        stored?.paragraphCount(i) ??
        new Set(story.passages.filter((p) => p.kind !== "headline").map((p) => p.paragraph)).size,
    }));
    const titleTerms = new Map<string, ReadonlySet<string>>();
    for (const [i, story] of storyData.entries()) {
      const info = this.stories[i];
      if (info) this.storyBySlug.set(story.slug, info);
      titleTerms.set(story.slug, new Set(termsOf(story.title)));
    }
    if (stored === undefined) {
      const passages = new Map<string, Passage>();
      const bySlug = new Map<string, readonly Passage[]>();
      for (const story of storyData) {
        for (const passage of story.passages) passages.set(passage.id, passage);
        bySlug.set(story.slug, [...story.passages].sort(readingOrder));
      }
      this.passages = passages;
      this.passagesBySlug = (slug) => bySlug.get(slug);
    } else {
      const storyOf = new Map(storyData.map((story, i) => [story.slug, i]));
      this.passages = stored;
      this.passagesBySlug = (slug) => {
        const i = storyOf.get(slug);
        return i === undefined ? undefined : stored.ofStory(i).sort(readingOrder);
      };
    }
    this.analyzer = new QueryAnalyzer(vocabulary, lexicon, this.passages.size);
    this.passageTerms = new PassageTermsCache(
      this.passages,
      this.passages.size <= PREPARED_PASSAGES_MAX
        ? Math.max(PASSAGE_CACHE_SIZE, this.passages.size)
        : PASSAGE_CACHE_SIZE,
      meaningReader(lexicon.vectors, vocabulary.terms, this.passages.size),
    );
    this.meanings = new Meanings(lexicon.vectors, this.passageTerms, this.passages);
    this.rerankSources = {
      passages: this.passages,
      storyBySlug: this.storyBySlug,
      titleTerms,
      passageTerms: this.passageTerms,
      meanings: this.meanings,
    };
  }

  /** Builds the index of every passage of the given stories. */
  static build(stories: readonly Story[], options: IndexOptions = {}): SearchIndex {
    const { index, vocabulary } = buildIndex(stories);
    return new SearchIndex(stories, index, vocabulary, options);
  }

  /**
   * What a snapshot saves of the index (see `IndexData`).
   *
   * @throws Error when the index could not be packed (a MiniSearch version of unknown internals).
   */
  toData(): IndexData {
    if (this.packed === null) {
      throw new Error("SearchIndex: this MiniSearch version cannot be packed, so not saved");
    }
    return { stories: this.storyData, postings: this.packed, vocabulary: this.vocabulary };
  }

  /** Restores an index saved with `toData()`; the caller checks it belongs to this corpus and version. */
  static fromData(data: IndexData, options: IndexOptions = {}): SearchIndex {
    // Building fills the stemming cache with the corpus words; a loaded index starts it from them.
    rememberTerms(data.vocabulary.words);
    return new SearchIndex(
      data.stories,
      { packed: data.postings },
      data.vocabulary,
      options,
      data.passages,
    );
  }

  /** How many passages the index holds. */
  get size(): number {
    return this.passages.size;
  }

  /** The passage with this id, if any. */
  passage(id: string): Passage | undefined {
    return this.passages.get(id);
  }

  /** Every passage, in story order. */
  allPassages(): Passage[] {
    return [...this.passages.values()];
  }

  /** A story's passages in reading order, headline first; empty for a story the index lacks. */
  passagesOf(slug: string): readonly Passage[] {
    return this.passagesBySlug(slug) ?? [];
  }

  /** The story with this slug, if any. */
  story(slug: string): StoryInfo | undefined {
    return this.storyBySlug.get(slug);
  }

  /** The index terms of a passage, in order. */
  termsOf(id: string): readonly string[] {
    return this.passageTerms.get(id)?.terms ?? [];
  }

  /** Splits a question into weighted query terms, each once, in the order typed (see `QueryAnalyzer`). */
  analyze(question: string): QueryTerm[] {
    return this.analyzer.analyze(question);
  }

  /**
   * Works out ahead what the first question holding a word the corpus lacks would otherwise wait
   * for: the sorted term index and the corpus words' vectors (60 ms at 10,000 passages).
   */
  prepareExpansion(): void {
    this.analyzer.prepare();
  }

  /**
   * Reads ahead, in a corpus of at most `PREPARED_PASSAGES_MAX` passages, what a passage's first
   * time as a candidate would wait for (its terms, sentences, meaning and which sentences hold each
   * kind of answer), yielding after each passage so that a served bot can answer in between
   * (src/startup.ts); nothing in a larger corpus.
   */
  *passagePreparation(): Generator<void> {
    if (this.passages.size > PREPARED_PASSAGES_MAX) return;
    for (const id of this.passages.keys()) {
      this.meanings.prepare(id);
      const entry = this.passageTerms.get(id);
      if (entry !== undefined) for (const type of ANSWER_TYPES) sentencesHolding(entry, type);
      yield;
    }
  }

  /** Inverse document frequency of a term seen in `frequency` passages (BM25's, floored above 0). */
  idf(frequency: number): number {
    return this.analyzer.idf(frequency);
  }

  /**
   * Finds the passages that best match a question, best first; no match is an empty list. A
   * question analysed already (`answer/question.ts` reads one once) is searched as it is.
   */
  search(question: string | AnalysedQuery, options: SearchOptions = {}): SearchOutcome {
    const { terms, answerType } =
      typeof question === "string"
        ? {
            terms: this.analyzer.analyze(question),
            answerType: expectedAnswer(question)?.type ?? null,
          }
        : question;
    if (terms.length === 0) return { terms, hits: [], margins: UNRIVALLED };
    const limit = options.limit ?? 10;
    const depth = Math.max(RERANK_DEPTH, limit);
    const candidates = this.candidates.find(terms, depth, options.story);
    const { hits, margins } = rerank(
      this.rerankSources,
      terms,
      candidates,
      options.story,
      answerType,
      limit,
    );
    return { terms, hits, margins };
  }

  /**
   * Corpus words that complete the last word of `prefix`, most common first (see `WordCompleter`).
   *
   * @example index.complete("who issued the direc", 5) // ["directive", …]
   */
  complete(prefix: string, limit: number): string[] {
    const word = tokenize(prefix).at(-1);
    if (word === undefined) return [];
    this.completer ??= new WordCompleter(this.vocabulary);
    return this.completer.complete(word, limit);
  }
}

/** Headline first, then paragraphs by number, the parts of a split one in turn. */
function readingOrder(a: Passage, b: Passage): number {
  return a.paragraph - b.paragraph || (a.part ?? 0) - (b.part ?? 0);
}
