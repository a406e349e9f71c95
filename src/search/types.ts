import type { Passage, Story } from "../corpus/types.ts";
import type { AnswerType } from "../language/answerType.ts";
import type { Expansion, ExpansionSource, Vocabulary } from "../language/expand.ts";
import type { Lexicon } from "../language/lexicon.ts";
import type { PackedIndex } from "./store/packed.ts";
import type { StoredPassages } from "./store/storedPassages.ts";

/** The story a passage belongs to, as a citation needs it. */
export interface StoryInfo {
  readonly slug: string;
  readonly title: string;
  readonly url: string | null;
  readonly source: string | null;
  readonly date: string | null;
  /** How many paragraphs it has, the headline not counted. */
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
  /**
   * How much the word says in everyday English, 0–1 (`QueryAnalyzer.informativeness`): what an
   * unknown term's weight scales the rarest IDF by; a known term's weight is its IDF.
   */
  readonly informativeness: number;
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

/** A question as the search reads it, analysed once: its weighted terms and the kind of answer it asks for. */
export interface AnalysedQuery {
  readonly terms: readonly QueryTerm[];
  readonly answerType: AnswerType | null;
}

/**
 * How far the first passage found stands above the rest, as shares of its score (0 to 1; 1 when
 * no other passage was found): above the next passage, and above the best passage of another story.
 */
export interface SearchMargins {
  readonly passage: number;
  readonly story: number;
}

/** The margins of a search that found one passage, or one story's. */
export const UNRIVALLED: SearchMargins = { passage: 1, story: 1 };

/** Hits of a search, how far the first stands above the rest, and the analysed query that produced them. */
export interface SearchOutcome {
  readonly terms: readonly QueryTerm[];
  readonly hits: readonly Hit[];
  /** Over every passage re-ranked, not only the hits kept. */
  readonly margins: SearchMargins;
}

/**
 * What a snapshot saves of an index: the stories it was built from, MiniSearch's index packed in
 * typed arrays, and the corpus vocabulary, which would otherwise take re-reading every passage to
 * restore (each of its maps in the order the corpus first uses its entries).
 */
export interface IndexData {
  readonly stories: readonly Story[];
  /** The stories' passages by id when a snapshot keeps them apart from `stories` (made when asked for). */
  readonly passages?: StoredPassages;
  readonly postings: PackedIndex;
  readonly vocabulary: Vocabulary;
}
