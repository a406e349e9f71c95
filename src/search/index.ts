import MiniSearch, { type Query, type SearchResult } from "minisearch";
import type { Passage, Story } from "../corpus/types.ts";
import { termFor, termsOf, tokenize } from "./text.ts";

/** The story a passage belongs to, as a citation needs it. */
export interface StoryInfo {
  readonly slug: string;
  readonly title: string;
  readonly url: string | null;
  readonly source: string | null;
  readonly date: string | null;
  readonly paragraphs: number;
}

/** One term of a query, with how informative it is in this corpus. */
export interface QueryTerm {
  /** The word as typed, lower-case. */
  readonly word: string;
  /** The index term it becomes. */
  readonly term: string;
  /** True when the corpus contains the term exactly; false sends it to fuzzy matching. */
  readonly known: boolean;
  /** Inverse document frequency; an unknown term weighs as much as the rarest possible. */
  readonly weight: number;
}

/** A passage that matched a query, with its score and the query terms it contains. */
export interface Hit {
  readonly passage: Passage;
  readonly story: StoryInfo;
  readonly score: number;
  /** Query terms (index form) found in the passage, exactly or by fuzzy match. */
  readonly queryTerms: readonly string[];
  /** Index terms of the passage that matched, for highlighting. */
  readonly matchedTerms: readonly string[];
}

/** Options for one search. */
export interface SearchOptions {
  /** How many hits to return at most. */
  readonly limit?: number;
  /** Only search this story (its slug). */
  readonly story?: string;
}

/** Hits of a search and the analysed query that produced them. */
export interface SearchOutcome {
  readonly terms: readonly QueryTerm[];
  readonly hits: readonly Hit[];
}

/** A saved index: the stories it was built from and MiniSearch's serialized index. */
export interface IndexJSON {
  readonly stories: readonly Story[];
  readonly minisearch: ReturnType<MiniSearch["toJSON"]>;
}

interface IndexedDocument {
  id: string;
  text: string;
  title: string;
}

// Candidates re-ranked by phrase proximity: on SQuAD, re-ranking the top 20 found the gold
// paragraph as often as re-ranking more, at a fraction of the cost.
const RERANK_DEPTH = 20;
// Weight of a query bigram found adjacent in a passage, relative to the BM25 score.
const PROXIMITY_WEIGHT = 0.15;
const TITLE_BOOST = 0.5;

const MINISEARCH_OPTIONS = {
  fields: ["text", "title"],
  storeFields: [] as string[],
  tokenize: (text: string) => tokenize(text),
  processTerm: (word: string) => termFor(word),
  searchOptions: { boost: { title: TITLE_BOOST } },
};

/** A searchable index of the passages of a set of stories. */
export class SearchIndex {
  readonly stories: readonly StoryInfo[];
  private readonly search_: MiniSearch<IndexedDocument>;
  private readonly passages = new Map<string, Passage>();
  private readonly storyBySlug = new Map<string, StoryInfo>();
  private readonly termsById = new Map<string, readonly string[]>();
  private readonly documentFrequency = new Map<string, number>();

  private constructor(
    private readonly storyData: readonly Story[],
    search: MiniSearch<IndexedDocument>,
  ) {
    const stories = storyData;
    this.search_ = search;
    this.stories = stories.map((story) => ({
      slug: story.slug,
      title: story.title,
      url: story.url,
      source: story.source,
      date: story.date,
      paragraphs: new Set(story.passages.map((p) => p.paragraph)).size,
    }));
    for (const [i, story] of stories.entries()) {
      const info = this.stories[i];
      if (info) this.storyBySlug.set(story.slug, info);
      for (const passage of story.passages) {
        this.passages.set(passage.id, passage);
        const terms = termsOf(passage.text);
        this.termsById.set(passage.id, terms);
        for (const term of new Set(terms)) {
          this.documentFrequency.set(term, (this.documentFrequency.get(term) ?? 0) + 1);
        }
      }
    }
  }

  /** Builds the index of every passage of the given stories. */
  static build(stories: readonly Story[]): SearchIndex {
    const search = new MiniSearch<IndexedDocument>(MINISEARCH_OPTIONS);
    search.addAll(
      stories.flatMap((story) =>
        story.passages.map((p) => ({ id: p.id, text: p.text, title: story.title })),
      ),
    );
    return new SearchIndex(stories, search);
  }

  /** Serializable form of the index (stories and MiniSearch's own JSON), for snapshots. */
  toJSON(): IndexJSON {
    return { stories: this.storyData, minisearch: this.search_.toJSON() };
  }

  /** Restores an index saved with `toJSON()`; the caller checks it belongs to this corpus and version. */
  static fromJSON(json: IndexJSON): SearchIndex {
    const search = MiniSearch.loadJS<IndexedDocument>(json.minisearch, MINISEARCH_OPTIONS);
    return new SearchIndex(json.stories, search);
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

  /** The story with this slug, if any. */
  story(slug: string): StoryInfo | undefined {
    return this.storyBySlug.get(slug);
  }

  /** The index terms of a passage, in order. */
  termsOf(id: string): readonly string[] {
    return this.termsById.get(id) ?? [];
  }

  /** Splits a question into weighted query terms, each once, in the order typed. */
  analyze(question: string): QueryTerm[] {
    const seen = new Set<string>();
    const terms: QueryTerm[] = [];
    for (const word of tokenize(question)) {
      const term = termFor(word);
      if (term === null || seen.has(term)) continue;
      seen.add(term);
      const frequency = this.documentFrequency.get(term) ?? 0;
      terms.push({ word, term, known: frequency > 0, weight: this.idf(frequency) });
    }
    return terms;
  }

  /** Inverse document frequency of a term seen in `frequency` passages (BM25's, floored above 0). */
  idf(frequency: number): number {
    const n = this.passages.size;
    return Math.log(1 + (n - frequency + 0.5) / (frequency + 0.5));
  }

  /** Finds the passages that best match a question, best first; no match is an empty list. */
  search(question: string, options: SearchOptions = {}): SearchOutcome {
    const terms = this.analyze(question);
    if (terms.length === 0) return { terms, hits: [] };
    const limit = options.limit ?? 10;
    const story = options.story;
    const results = this.search_.search(buildQuery(terms), {
      // The query is already made of index terms: do not tokenize or stem them again.
      tokenize: (term: string) => [term],
      processTerm: (term: string) => term,
      ...(story === undefined ? {} : { filter: (r: SearchResult) => r.id.startsWith(`${story}#`) }),
    });
    const hits = this.rerank(terms, results.slice(0, Math.max(RERANK_DEPTH, limit)));
    return { terms, hits: hits.slice(0, limit) };
  }

  /** Words from the corpus that complete `prefix`, most frequent first. */
  complete(prefix: string, limit: number): string[] {
    const word = tokenize(prefix).at(-1);
    if (word === undefined) return [];
    return this.search_
      .autoSuggest(word, { prefix: true, fuzzy: false, fields: ["text"] })
      .slice(0, limit)
      .map((suggestion) => suggestion.suggestion);
  }

  private rerank(terms: readonly QueryTerm[], results: readonly SearchResult[]): Hit[] {
    const top = results[0]?.score ?? 1;
    const hits: Hit[] = [];
    for (const result of results) {
      const passage = this.passages.get(String(result.id));
      const story = passage && this.storyBySlug.get(passage.story);
      if (!passage || !story) continue;
      const proximity = bigramsFound(terms, this.termsOf(passage.id));
      hits.push({
        passage,
        story,
        score: result.score / top + PROXIMITY_WEIGHT * proximity,
        queryTerms: result.queryTerms,
        matchedTerms: result.terms,
      });
    }
    return hits.sort((a, b) => b.score - a.score);
  }
}

/** Known terms match exactly; unknown ones (likely typos: "shumer") match within a small edit distance. */
function buildQuery(terms: readonly QueryTerm[]): Query {
  return {
    combineWith: "OR",
    queries: terms.map((t) =>
      t.known || t.term.length < 4
        ? { queries: [t.term], fuzzy: false, prefix: false }
        : { queries: [t.term], fuzzy: 0.25, maxFuzzy: 2, prefix: false },
    ),
  };
}

/** How many consecutive query-term pairs appear next to each other (one term apart at most) in the passage. */
function bigramsFound(terms: readonly QueryTerm[], passageTerms: readonly string[]): number {
  if (terms.length < 2) return 0;
  const positions = new Map<string, number[]>();
  passageTerms.forEach((term, i) => {
    const list = positions.get(term);
    if (list) list.push(i);
    else positions.set(term, [i]);
  });
  let found = 0;
  for (let i = 1; i < terms.length; i++) {
    const left = positions.get(terms[i - 1]?.term ?? "");
    const right = positions.get(terms[i]?.term ?? "");
    if (!left || !right) continue;
    if (left.some((a) => right.some((b) => Math.abs(b - a) <= 2))) found++;
  }
  return found;
}
