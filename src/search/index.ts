import MiniSearch, { type Query, type SearchResult } from "minisearch";
import { splitSentences } from "../corpus/sentences.ts";
import type { Passage, Story } from "../corpus/types.ts";
import { type AnswerType, expectedAnswer, holdsAnswerType } from "./answerType.ts";
import { WordCompleter } from "./completion.ts";
import {
  defaultLexicon,
  type Expansion,
  type ExpansionSource,
  expandWord,
  type Lexicon,
  readsAsName,
  type Vocabulary,
} from "./expand.ts";
import { internalsOf, type PackedIndex, packIndex, unpackIndex } from "./packed.ts";
import { type Candidate, type FieldBoost, TopScorer } from "./scorer.ts";
import { namesOf, rememberTerms, termFor, termsOf, tokenize } from "./text.ts";

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
  /** True when the corpus contains the term exactly; false sends it to expansion. */
  readonly known: boolean;
  /**
   * How much the term tells: its inverse document frequency, or for an unknown term the IDF of the
   * rarest possible term scaled by how rare the word is in everyday English (`informativeness`).
   */
  readonly weight: number;
  /** True when the question writes the word as a name ("the Kremlin", "CIA"). */
  readonly name: boolean;
  /** Corpus terms that stand in for an unknown term (typo, other form, synonym, neighbour); empty when known. */
  readonly expansions: readonly Expansion[];
}

/** How a passage answers one query term: the term itself (strength 1) or an expansion of it. */
export interface TermMatch {
  /** The query term (index form). */
  readonly term: string;
  /** The passage's term that matched it. */
  readonly matched: string;
  /** 1 for the term itself, an expansion's strength otherwise. */
  readonly strength: number;
  /** How it matched: the term itself, or the kind of expansion. */
  readonly source: "exact" | ExpansionSource;
}

/** A passage that matched a query, with its score and the query terms it contains. */
export interface Hit {
  readonly passage: Passage;
  readonly story: StoryInfo;
  readonly score: number;
  /** Query terms (index form) found in the passage, exactly or through an expansion. */
  readonly queryTerms: readonly string[];
  /** Index terms of the passage that matched, for highlighting. */
  readonly matchedTerms: readonly string[];
  /** The best match of each query term found in the passage or its story's title. */
  readonly matches: readonly TermMatch[];
}

/** Options for building or loading an index. */
export interface IndexOptions {
  /** Knowledge of English used to match words the corpus lacks; the bundled one by default. */
  readonly lexicon?: Lexicon;
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

/**
 * What a snapshot saves of an index: the stories it was built from, MiniSearch's index packed in
 * typed arrays, and the corpus vocabulary, which would otherwise take re-reading every passage to
 * restore (each of its maps in the order the corpus first uses its entries).
 */
export interface IndexData {
  readonly stories: readonly Story[];
  readonly postings: PackedIndex;
  readonly vocabulary: Vocabulary;
}

/** What the re-rank reads of a passage, worked out when it is first a candidate. */
interface PassageTerms {
  /** The words of the text that are indexed, in order: `terms` begins with their terms. */
  readonly words: readonly string[];
  /** Index terms of the text and the `kind` field, in order. */
  readonly terms: readonly string[];
  readonly termSet: ReadonlySet<string>;
  /** Where each term occurs in `terms`, ascending. */
  readonly positions: ReadonlyMap<string, readonly number[]>;
  /** The index terms of each sentence. */
  readonly sentences: readonly ReadonlySet<string>[];
  /** The text of each sentence. */
  readonly sentenceTexts: readonly string[];
  /** For each kind of answer looked for so far, which sentences hold one. */
  readonly holds: Map<AnswerType, readonly boolean[]>;
  /** Meaning vector, once computed; null when none of its words has a vector. */
  meaning?: Float32Array | null;
}

interface CorpusVocabulary {
  readonly terms: Map<string, number>;
  readonly words: Map<string, string>;
  readonly names: Set<string>;
}

interface IndexedDocument {
  id: string;
  text: string;
  title: string;
  kind: string;
}

// Words a reader uses for the headline passage ("what's the headline?", "story title"), indexed
// with it so that such questions find it in any story.
const HEADLINE_WORDS = "headline title";

// Candidates re-ranked by phrase proximity: on SQuAD, re-ranking the top 20 found the gold
// paragraph as often as re-ranking more, at a fraction of the cost.
const RERANK_DEPTH = 20;
// Weight of a query bigram found adjacent in a passage, relative to the BM25 score.
const PROXIMITY_WEIGHT = 0.15;
const TITLE_BOOST = 0.5;
// Bonus for a passage whose best sentence holds the kind of answer the question asks for (a number
// for "how many", a time for "when"; see answerType.ts). SQuAD tune, top-1: 0 → 78.9%, 0.1 → 79.0%,
// 0.2–0.4 → 79.2%, 0.6 → 79.0%, 1 → 78.7%; on the whole passage rather than the best sentence, 79.0%.
const ANSWER_TYPE_WEIGHT = 0.3;
// Weight of the best sentence's share of the query (0–1), relative to the normalized BM25 score.
// SQuAD tune, top-1: 0 → 78.2%, 0.1 → 78.2%, 0.2 → 78.4%, 0.3 → 78.5%, 0.5 → 78.5%.
const SENTENCE_WEIGHT = 0.3;
// Weight of the whole passage's share of the query (0–1): a passage holding more of what is asked
// beats one that repeats a single word ("how long ago did Russia go all in" → "three years ago").
// SQuAD tune, top-1: 0 → 79.2%, 0.4 → 79.3%, 0.8 → 79.2%; story questions (reader b) 44 → 46 of 50.
const PASSAGE_WEIGHT = 0.4;
// Weight of the cosine between the question's and the passage's meaning vectors (IDF-weighted
// means of GloVe word vectors), relative to the normalized BM25 score. SQuAD tune, top-1: 0 → 78.4%,
// 0.25 → 78.6%, 0.5 → 78.8%, 1 → 78.9%, 1.5 → 79.0%, 3 → 78.3%; story questions (ranking) 90 → 91 of 98.
const DENSE_WEIGHT = 1;
// Passages that share no word with the question but are the closest in meaning, added to the
// candidates; only in corpora small enough to compare every passage (a bot's stories), since a
// scan costs a 100-dimension dot product a passage: about 0.5 ms for 5,000 passages.
const DENSE_DEPTH = 3;
const DENSE_SCAN_LIMIT = 5_000;
// Unknown words whose expansions are remembered; each costs a few hundred bytes.
const EXPANSION_CACHE_SIZE = 10_000;
// Passages whose terms, sentences and meaning are remembered between questions, a few KB each:
// about 20 are re-ranked per question, and a corpus this small is kept whole for the meaning scan.
const PASSAGE_CACHE_SIZE = DENSE_SCAN_LIMIT;

// Everyday words carry little: an unknown word said once in a thousand words of speech or more
// often (10 bits of SUBTLEX surprisal; "see" 8.6) weighs nothing, one said once in a million or
// less (20 bits; "Kremlin" 20, unlisted acronyms 25.6) weighs as much as an unknown term can, and
// "gave" (12) weighs a fifth of that. Round figures, not tuned: paraphrases use everyday words a
// story lacks ("Did anyone see this coming?"), off-topic questions rare ones ("CIA", "Bitcoin").
const COMMON_BITS = 10;
const RARE_BITS = 20;
const UNLISTED_INFORMATIVENESS = 0.5;
// Question words corrected to an everyday word: shorter ones are too often abbreviations, and
// English words are rarely longer (a 500-letter "word" would cost 27,000 look-ups).
const MIN_CORRECTED_LENGTH = 4;
const MAX_CORRECTED_LENGTH = 24;

const MINISEARCH_OPTIONS = {
  fields: ["text", "title", "kind"],
  storeFields: [] as string[],
  tokenize: (text: string) => tokenize(text),
  processTerm: (word: string) => termFor(word),
  searchOptions: { boost: { title: TITLE_BOOST } },
};

const FIELD_BOOSTS: Readonly<Record<string, number>> = MINISEARCH_OPTIONS.searchOptions.boost;
// The fields MiniSearch searches, in its order, each with its boost (1 when none is set).
const SEARCH_FIELDS: readonly FieldBoost[] = MINISEARCH_OPTIONS.fields.map((field) => ({
  field,
  boost: FIELD_BOOSTS[field] || 1,
}));

/** A searchable index of the passages of a set of stories. */
export class SearchIndex {
  readonly stories: readonly StoryInfo[];
  // MiniSearch's own index: kept after a build only when it cannot be packed, otherwise rebuilt
  // from `packed` the first time it must search (see `searchCandidates`).
  private search_: MiniSearch<IndexedDocument> | null;
  private readonly packed: PackedIndex | null;
  private readonly passages = new Map<string, Passage>();
  private readonly storyBySlug = new Map<string, StoryInfo>();
  private readonly passagesBySlug = new Map<string, readonly Passage[]>();
  private readonly titleTerms = new Map<string, ReadonlySet<string>>();
  private readonly documentFrequency: ReadonlyMap<string, number>;
  private readonly vocabulary: Vocabulary;
  private readonly lexicon: Lexicon;
  private completer: WordCompleter | null = null;
  private readonly expansionCache = new Map<string, readonly Expansion[]>();
  private readonly passageCache = new Map<string, PassageTerms>();
  private readonly meanings = new Map<string, Float32Array>();
  private readonly scorer: TopScorer | null;

  private constructor(
    private readonly storyData: readonly Story[],
    index: { readonly packed: PackedIndex } | { readonly search: MiniSearch<IndexedDocument> },
    vocabulary: Vocabulary,
    options: IndexOptions,
  ) {
    const stories = storyData;
    this.packed = "packed" in index ? index.packed : null;
    this.search_ = "search" in index ? index.search : null;
    this.scorer = this.packed === null ? null : new TopScorer(this.packed, SEARCH_FIELDS);
    this.vocabulary = vocabulary;
    this.documentFrequency = vocabulary.terms;
    this.lexicon = options.lexicon ?? defaultLexicon();
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
      this.titleTerms.set(story.slug, new Set(termsOf(story.title)));
      for (const passage of story.passages) this.passages.set(passage.id, passage);
      this.passagesBySlug.set(story.slug, [...story.passages].sort(readingOrder));
    }
    if (this.passages.size <= DENSE_SCAN_LIMIT) {
      for (const id of this.passages.keys()) {
        const meaning = this.passageMeaning(id);
        if (meaning) this.meanings.set(id, meaning);
      }
    }
  }

  /**
   * A passage's terms and sentences, worked out on first use: only candidates of a question need
   * them, so loading a large index does not re-read every passage.
   */
  private passageTerms(id: string): PassageTerms | undefined {
    const cached = this.passageCache.get(id);
    if (cached) return cached;
    const passage = this.passages.get(id);
    if (!passage) return undefined;
    const words: string[] = [];
    const terms: string[] = [];
    for (const word of tokenize(passage.text)) {
      const term = termFor(word);
      if (term === null) continue;
      words.push(word);
      terms.push(term);
    }
    terms.push(...termsOf(kindText(passage)));
    const positions = new Map<string, number[]>();
    terms.forEach((term, i) => {
      const list = positions.get(term);
      if (list) list.push(i);
      else positions.set(term, [i]);
    });
    const sentenceTexts = splitSentences(passage.text);
    const entry: PassageTerms = {
      words,
      terms,
      termSet: new Set(terms),
      positions,
      sentences: sentenceTexts.map((sentence) => new Set(termsOf(sentence))),
      sentenceTexts,
      holds: new Map(),
    };
    // Dropping all at once when full costs one question a re-read of its ~20 candidates.
    if (this.passageCache.size >= PASSAGE_CACHE_SIZE) this.passageCache.clear();
    this.passageCache.set(id, entry);
    return entry;
  }

  /** The meaning vector of a passage: its words' vectors weighted by IDF, from the cache if there. */
  private passageMeaning(id: string): Float32Array | undefined {
    const scanned = this.meanings.get(id);
    if (scanned) return scanned;
    const entry = this.passageTerms(id);
    if (!entry) return undefined;
    if (entry.meaning === undefined) {
      const words = entry.words.map((word, i) => {
        const term = entry.terms[i] ?? "";
        return { word, weight: this.idf(this.documentFrequency.get(term) ?? 0) };
      });
      entry.meaning = this.meaningOf(words) ?? null;
    }
    return entry.meaning ?? undefined;
  }

  /** Weighted mean of the words' unit vectors, scaled to length 1; undefined without vectors. */
  private meaningOf(words: readonly { word: string; weight: number }[]): Float32Array | undefined {
    const vectors = this.lexicon.vectors;
    if (vectors === null) return undefined;
    const sum = new Float32Array(vectors.dimensions);
    for (const { word, weight } of words) vectors.addUnit(sum, word, weight);
    let norm = 0;
    for (const x of sum) norm += x * x;
    if (norm === 0) return undefined;
    const scale = 1 / Math.sqrt(norm);
    for (let i = 0; i < sum.length; i++) sum[i] = (sum[i] ?? 0) * scale;
    return sum;
  }

  /** Builds the index of every passage of the given stories. */
  static build(stories: readonly Story[], options: IndexOptions = {}): SearchIndex {
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
    return new SearchIndex(data.stories, { packed: data.postings }, data.vocabulary, options);
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
    return this.passagesBySlug.get(slug) ?? [];
  }

  /** The story with this slug, if any. */
  story(slug: string): StoryInfo | undefined {
    return this.storyBySlug.get(slug);
  }

  /** The index terms of a passage, in order. */
  termsOf(id: string): readonly string[] {
    return this.passageTerms(id)?.terms ?? [];
  }

  /** Splits a question into weighted query terms, each once, in the order typed. */
  analyze(question: string): QueryTerm[] {
    const seen = new Set<string>();
    const terms: QueryTerm[] = [];
    const names = namesOf(question);
    for (const typed of tokenize(question)) {
      const word = this.corrected(typed, names);
      const term = termFor(word);
      if (term === null || seen.has(term)) continue;
      seen.add(term);
      const frequency = this.documentFrequency.get(term) ?? 0;
      if (frequency > 0) {
        // A word the corpus writes as a name is one however the question types it ("putin"),
        // unless everyday English writes it in lower case ("leader" of "Senate Minority Leader").
        const name =
          names.has(word) ||
          (this.vocabulary.names.has(word) &&
            !(this.lexicon.frequencies?.writtenLowerCase(word) ?? false));
        terms.push({ word, term, known: true, weight: this.idf(frequency), name, expansions: [] });
        continue;
      }
      const expansions = this.expand(word, term);
      // Typed in lower case, as chat often is, a name is still one ("is china included?"), unless
      // it is a typo or another form of a corpus word.
      const misspelt = expansions.some((e) => e.source === "spelling" || e.source === "morphology");
      terms.push({
        word,
        term,
        known: false,
        weight: this.idf(0) * this.informativeness(word),
        name: names.has(word) || (!misspelt && readsAsName(word, this.lexicon)),
        expansions,
      });
    }
    // A word cannot stand for another word of the same question: in "the EU's sanctions on
    // Russia", "Russia" is no paraphrase of "EU".
    const own = new Set(terms.map((t) => t.term));
    return terms.map((t) =>
      t.known ? t : { ...t, expansions: t.expansions.filter((e) => !own.has(e.term)) },
    );
  }

  /**
   * An everyday word for a question word that neither the corpus nor everyday English knows and
   * that is no typo of a corpus word: "afect" → "affect". Names as typed are left alone.
   */
  private corrected(word: string, names: ReadonlySet<string>): string {
    const frequencies = this.lexicon.frequencies;
    if (frequencies === null || names.has(word)) return word;
    if (word.length < MIN_CORRECTED_LENGTH || word.length > MAX_CORRECTED_LENGTH) return word;
    const term = termFor(word);
    if (term === null || this.documentFrequency.has(term) || frequencies.count(word) > 0)
      return word;
    if (this.expand(word, term).some((e) => e.source === "spelling")) return word;
    return frequencies.correction(word) ?? word;
  }

  private expand(word: string, term: string): readonly Expansion[] {
    const cached = this.expansionCache.get(word);
    if (cached) return cached;
    // Unknown words repeat (typos, paraphrases of the same story); the cap bounds memory.
    if (this.expansionCache.size >= EXPANSION_CACHE_SIZE) this.expansionCache.clear();
    const expansions = expandWord(word, term, this.vocabulary, this.lexicon);
    this.expansionCache.set(word, expansions);
    return expansions;
  }

  /** How much an unknown word says, 0–1: rare words (names, acronyms) 1, everyday ones close to 0. */
  informativeness(word: string): number {
    const frequencies = this.lexicon.frequencies;
    if (frequencies === null) return 1;
    // SUBTLEX lists no numbers or codes ("2022", "31m"), so it cannot tell how telling one is.
    if (/\p{N}/u.test(word)) return UNLISTED_INFORMATIVENESS;
    const bits = frequencies.surprisal(word);
    return Math.min(1, Math.max(0, (bits - COMMON_BITS) / (RARE_BITS - COMMON_BITS)));
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
    const depth = Math.max(RERANK_DEPTH, limit);
    const candidates =
      this.scorer?.top(queryBoosts(terms), depth, story) ??
      this.searchCandidates(terms, depth, story);
    const asked = this.meaningOf(terms.map((t) => ({ word: t.word, weight: t.weight })));
    const closeness = new Map<string, number>();
    if (asked) {
      for (const { id } of candidates) closeness.set(id, cosine(asked, this.passageMeaning(id)));
      // In a corpus small enough to scan, a passage that shares no word with the question but
      // is close in meaning still gets a chance ("Did anyone see this coming?" → "unanticipated").
      const scanned: [string, number][] = [];
      for (const [id, meaning] of this.meanings) {
        if (closeness.has(id) || (story !== undefined && !id.startsWith(`${story}#`))) continue;
        scanned.push([id, cosine(asked, meaning)]);
      }
      scanned.sort((a, b) => b[1] - a[1]);
      for (const [id, value] of scanned.slice(0, DENSE_DEPTH)) {
        closeness.set(id, value);
        candidates.push({ id, score: 0 });
      }
    }
    const hits = this.rerank(terms, candidates, closeness, expectedAnswer(question)?.type ?? null);
    return { terms, hits: hits.slice(0, limit) };
  }

  /** The best candidates through MiniSearch's own search, when its index cannot be read directly. */
  private searchCandidates(
    terms: readonly QueryTerm[],
    depth: number,
    story: string | undefined,
  ): Candidate[] {
    const results = this.miniSearch().search(buildQuery(terms), {
      // The query is already made of index terms: do not tokenize or stem them again.
      tokenize: (term: string) => [term],
      processTerm: (term: string) => term,
      ...(story === undefined ? {} : { filter: (r: SearchResult) => r.id.startsWith(`${story}#`) }),
    });
    return results.slice(0, depth).map((r) => ({ id: String(r.id), score: r.score }));
  }

  /** MiniSearch's own index, rebuilt from the packed one on first use. */
  private miniSearch(): MiniSearch<IndexedDocument> {
    if (this.search_ !== null) return this.search_;
    if (this.packed === null) throw new Error("SearchIndex: it holds no index to search");
    this.search_ = unpackIndex<IndexedDocument>(this.packed, MINISEARCH_OPTIONS);
    return this.search_;
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

  private rerank(
    terms: readonly QueryTerm[],
    results: readonly Candidate[],
    closeness: ReadonlyMap<string, number>,
    answerType: AnswerType | null,
  ): Hit[] {
    const top = results[0]?.score || 1;
    const hits: Hit[] = [];
    for (const result of results) {
      const passage = this.passages.get(result.id);
      const story = passage && this.storyBySlug.get(passage.story);
      const passageTerms = this.passageTerms(result.id);
      if (!passage || !story || !passageTerms) continue;
      const matches = matchTerms(terms, passageTerms.termSet, this.titleTerms.get(story.slug));
      const proximity = bigramsFound(terms, passageTerms.positions);
      const [sentence, at] = bestSentenceShare(terms, passageTerms.sentences);
      const [whole] = bestSentenceShare(terms, [passageTerms.termSet]);
      const typed =
        answerType !== null && (sentencesHolding(passageTerms, answerType)[at] ?? false);
      hits.push({
        passage,
        story,
        score:
          result.score / top +
          PROXIMITY_WEIGHT * proximity +
          SENTENCE_WEIGHT * sentence +
          PASSAGE_WEIGHT * whole +
          DENSE_WEIGHT * (closeness.get(passage.id) ?? 0) +
          (typed ? ANSWER_TYPE_WEIGHT : 0),
        queryTerms: matches.map((m) => m.term),
        matchedTerms: [...new Set(matches.map((m) => m.matched))],
        matches,
      });
    }
    return hits.sort((a, b) => b.score - a.score);
  }
}

/**
 * Share of the query's weight that the passage's best single sentence holds: an answer is usually
 * one sentence that holds most of what the question asks, not words scattered over a paragraph.
 */
function bestSentenceShare(
  terms: readonly QueryTerm[],
  sentences: readonly ReadonlySet<string>[],
): [share: number, sentence: number] {
  const total = terms.reduce((sum, t) => sum + t.weight, 0);
  if (total === 0) return [0, 0];
  let best = 0;
  let bestAt = 0;
  for (const [at, sentence] of sentences.entries()) {
    let found = 0;
    for (const t of terms) {
      if (sentence.has(t.term)) found += t.weight;
      else {
        const expansion = t.expansions.find((e) => sentence.has(e.term));
        if (expansion) found += t.weight * expansion.strength;
      }
    }
    if (found > best) {
      best = found;
      bestAt = at;
    }
  }
  return [best / total, bestAt];
}

/** Which of a passage's sentences hold the kind of answer, worked out once per passage and kind. */
function sentencesHolding(entry: PassageTerms, type: AnswerType): readonly boolean[] {
  let holds = entry.holds.get(type);
  if (holds === undefined) {
    holds = entry.sentenceTexts.map((sentence) => holdsAnswerType(sentence, type));
    entry.holds.set(type, holds);
  }
  return holds;
}

/** Headline first, then paragraphs by number, the parts of a split one in turn. */
function readingOrder(a: Passage, b: Passage): number {
  return a.paragraph - b.paragraph || (a.part ?? 0) - (b.part ?? 0);
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

/** Dot product of two unit vectors (their cosine); 0 when either is missing. */
function cosine(a: Float32Array, b: Float32Array | undefined): number {
  if (!b) return 0;
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += (a[i] ?? 0) * (b[i] ?? 0);
  return dot;
}

/** The words indexed in a passage's `kind` field: the headline answers questions about the headline. */
function kindText(passage: Passage): string {
  return passage.kind === "headline" ? HEADLINE_WORDS : "";
}

/** The best match of each query term among a passage's terms, then its story's title. */
function matchTerms(
  terms: readonly QueryTerm[],
  passageTerms: ReadonlySet<string>,
  titleTerms: ReadonlySet<string> | undefined,
): TermMatch[] {
  const has = (term: string): boolean => passageTerms.has(term) || (titleTerms?.has(term) ?? false);
  const matches: TermMatch[] = [];
  for (const t of terms) {
    if (has(t.term)) {
      matches.push({ term: t.term, matched: t.term, strength: 1, source: "exact" });
      continue;
    }
    // Expansions are sorted strongest first.
    const expansion = t.expansions.find((e) => has(e.term));
    if (expansion)
      matches.push({
        term: t.term,
        matched: expansion.term,
        strength: expansion.strength,
        source: expansion.source,
      });
  }
  return matches;
}

/**
 * Known terms match exactly; an unknown term matches through its expansions, each weighted by its
 * strength (BM25 then weighs the corpus term by its own IDF).
 */
function buildQuery(terms: readonly QueryTerm[]): Query {
  const boosts = queryBoosts(terms);
  return {
    combineWith: "OR",
    queries: [...boosts].map(([term, boost]) => ({
      queries: [term],
      fuzzy: false,
      prefix: false,
      boostTerm: () => boost,
    })),
  };
}

/** The index terms a query searches for, each with its boost: 1 when known, its strength when an expansion. */
function queryBoosts(terms: readonly QueryTerm[]): Map<string, number> {
  const boosts = new Map<string, number>();
  for (const t of terms) {
    if (t.known) boosts.set(t.term, Math.max(boosts.get(t.term) ?? 0, 1));
    for (const e of t.expansions) {
      boosts.set(e.term, Math.max(boosts.get(e.term) ?? 0, e.strength));
    }
  }
  return boosts;
}

/**
 * How many consecutive query-term pairs appear next to each other (one term apart at most) in the
 * passage, a term standing for itself or any of its expansions.
 */
function bigramsFound(
  terms: readonly QueryTerm[],
  positions: ReadonlyMap<string, readonly number[]>,
): number {
  if (terms.length < 2) return 0;
  const positionsOf = (t: QueryTerm | undefined): number[] =>
    t === undefined
      ? []
      : [t.term, ...t.expansions.map((e) => e.term)].flatMap((term) => positions.get(term) ?? []);
  let found = 0;
  for (let i = 1; i < terms.length; i++) {
    const left = positionsOf(terms[i - 1]);
    const right = positionsOf(terms[i]);
    if (left.some((a) => right.some((b) => Math.abs(b - a) <= 2))) found++;
  }
  return found;
}
