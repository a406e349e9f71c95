import { aliasesOf } from "./aliases.ts";
import type { Lexicon } from "./lexicon.ts";
import { MIN_EXPANDED_LENGTH, TermIndex } from "./termIndex.ts";
import { termFor, tokenize } from "./text.ts";
import type { VectorTable, WordVectors } from "./vectors.ts";
import type { Relation } from "./wordnet.ts";

/** How a question word absent from the corpus was matched to a corpus term. */
export type ExpansionSource = "spelling" | "morphology" | Relation | "meaning";

/** A corpus term standing in for a question word the corpus lacks, and how much to trust it (0–1). */
export interface Expansion {
  readonly term: string;
  readonly strength: number;
  readonly source: ExpansionSource;
  /** True when the corpus writes the word behind the term as a name somewhere ("Moscow", "US"). */
  readonly name: boolean;
}

/** The terms of a corpus and the words they come from, as expansion needs them. */
export interface Vocabulary {
  /** Index terms, each with the number of passages holding it. */
  readonly terms: ReadonlyMap<string, number>;
  /** Lower-case corpus words with the index term each becomes. */
  readonly words: ReadonlyMap<string, string>;
  /** Lower-case words the corpus writes as names somewhere (see `namesOf`). */
  readonly names: ReadonlySet<string>;
}

// Trust in each kind of match, as a share of an exact match, set by judgement rather than tuned:
// a typo one edit away from a corpus term is nearly always that term ("shumer"); another form of
// the word or a WordNet synonym names the same thing ("provoke" → "provocation", "affect" →
// "impact"); a whole ("Kremlin" → "Moscow") is one step looser; GloVe neighbours are related, not
// always equivalent, so they count for their cosine scaled down. On SQuAD, where few question words
// are missing from the corpus, the lexicon (with the meaning vectors of the re-rank) adds 0.5 point
// of top-1 on tune and 0.1 on test (the "no lexicon" row of `npm run eval`); on the story questions
// it lifts top-1 (ranking alone) from 82 to 91 of 98.
const SPELLING_STRENGTH = 0.8;
const MORPHOLOGY_STRENGTH = 0.8;
const RELATION_STRENGTH: Readonly<Record<Relation, number>> = {
  synonym: 0.8,
  derived: 0.8,
  whole: 0.7,
};
const MEANING_SCALE = 0.8;
// Cosine below which GloVe neighbours are mostly topical company, not paraphrases
// ("kremlin"/"moscow" 0.77, "staff"/"personnel" 0.78, "america"/"us" 0.64; "see"/"unanticipated" 0.01).
const MIN_SIMILARITY = 0.6;
// Nearest corpus words kept per question word; more brings in topical company.
const MAX_NEIGHBOURS = 3;
// Everyday words have too many uses for a vector neighbour to be a paraphrase: "even", "come",
// "move" are close to everything. Below this surprisal (SUBTLEX: "come" 8.3, "even" 10.1, "anyone"
// 11.9; "staff" 14.9) a word gets no meaning-level neighbours and is none. Function words of written
// English ("though" 12.4, "among" 14.8) are rare in film subtitles and get through.
const MIN_CONTENT_BITS = 12;
// A word holding a digit: a number, a year, a model name ("F-35").
const DIGIT = /\p{N}/u;

/**
 * True when a word typed in lower case is still most likely a name ("china", "nsa"): WordNet's
 * commonest sense of it is one, not only a kind written capitalised ("cfo", "sus"; see
 * `namesOnlyKinds`), and everyday English (SUBTLEX), when it knows the word well, writes it
 * capitalised: "ops" is first a Roman goddess in WordNet, but lower-case in speech.
 */
export function readsAsName(word: string, lexicon: Lexicon): boolean {
  if (lexicon.wordnet?.isName(word) !== true) return false;
  if (lexicon.wordnet.namesOnlyKinds(word) === true) return false;
  return !(lexicon.frequencies?.writtenLowerCase(word) ?? false);
}

/**
 * True when a word the question writes as a name ("CEO", "TV") abbreviates a common noun in
 * WordNet rather than naming one particular person, group or place (see `namesOnlyKinds`).
 */
export function abbreviatesKind(word: string, lexicon: Lexicon): boolean {
  return lexicon.wordnet?.namesOnlyKinds(word) === true;
}

/**
 * Corpus terms that may stand for a question word the corpus lacks: near spellings (typos), shared
 * beginnings (other forms of the word), WordNet synonyms, derived forms and wholes, and GloVe
 * neighbours; at most one expansion per corpus term, the most trusted.
 */
export function expandWord(
  word: string,
  term: string,
  vocabulary: Vocabulary,
  lexicon: Lexicon,
): Expansion[] {
  const found = new Map<string, Expansion>();
  // Which corpus word a candidate comes from is known for WordNet and vectors; for spelling and
  // word forms any corpus word of the term counts.
  const add = (
    candidate: string,
    strength: number,
    source: ExpansionSource,
    word?: string,
  ): void => {
    if (candidate === term || !vocabulary.terms.has(candidate)) return;
    const previous = found.get(candidate);
    if (previous && previous.strength >= strength) return;
    const name =
      word === undefined ? nameTermsOf(vocabulary).has(candidate) : vocabulary.names.has(word);
    found.set(candidate, { term: candidate, strength, source, name });
  };
  if (term.length >= MIN_EXPANDED_LENGTH) {
    // One edit per four letters, two at most: "shumer" → "schumer", "cyberatack" → "cyberattack".
    // A word everyday English lists is no typo ("sent" is not "senate"); names and typos are unlisted.
    // Nor is a number one: "2018" is another year than "2019", and "$14" another sum than "$140".
    const listed = (lexicon.frequencies?.count(word) ?? 0) > 0;
    const maxEdits = listed || DIGIT.test(word) ? 0 : Math.min(2, Math.floor(term.length / 4));
    for (const match of termIndexOf(vocabulary).near(term, maxEdits)) {
      if (match.stem) add(match.term, MORPHOLOGY_STRENGTH, "morphology");
      if (match.edits <= maxEdits) {
        add(match.term, SPELLING_STRENGTH * (1 - (match.edits - 1) / term.length), "spelling");
      }
    }
  }
  // A whole stands in for a place's name, not for a word WordNet also lists as one ("hi" is Hawaii).
  const place = readsAsName(word, lexicon);
  for (const related of lexicon.wordnet?.related(word) ?? []) {
    if (related.relation === "whole" && !place) continue;
    const words = tokenize(related.word);
    const only = words.length === 1 ? words[0] : undefined;
    const candidate = only === undefined ? null : termFor(only);
    if (only !== undefined && candidate !== null) {
      add(candidate, RELATION_STRENGTH[related.relation], related.relation, only);
    }
  }
  if (isContentWord(word, lexicon)) {
    const vectors = lexicon.vectors;
    const table = vectors === null ? null : corpusVectorsOf(vocabulary, vectors);
    const nearest = table === null ? [] : (vectors?.nearestIn(word, table, MIN_SIMILARITY) ?? []);
    // The first neighbours that pass, the WordNet check (a few synsets read each) stopping there.
    let kept = 0;
    for (const neighbour of nearest) {
      if (kept === MAX_NEIGHBOURS) break;
      if (!isContentWord(neighbour.word, lexicon)) continue;
      if (lexicon.wordnet?.distinct(word, neighbour.word)) continue;
      kept++;
      const candidate = vocabulary.words.get(neighbour.word);
      if (candidate !== undefined) {
        add(candidate, MEANING_SCALE * neighbour.similarity, "meaning", neighbour.word);
      }
    }
  }
  // A well-known name stands for the words a story writes ("Kremlin" → Russia) as surely as a
  // WordNet synonym, above a word-vector neighbour ("Pentagon" ~ "defense", 0.51); it is knowledge
  // of English like WordNet's, so a lexicon without WordNet has none.
  if (lexicon.wordnet !== null) {
    for (const alias of aliasesOf(word)) {
      const candidate = termFor(alias);
      if (candidate !== null) add(candidate, RELATION_STRENGTH.synonym, "synonym", alias);
    }
  }
  return sorted(found);
}

// What expansion derives from a vocabulary, worked out once per vocabulary (they do not change).
const nameTermsCache = new WeakMap<Vocabulary, ReadonlySet<string>>();
const termIndexCache = new WeakMap<Vocabulary, TermIndex>();
const corpusVectorsCache = new WeakMap<Vocabulary, { vectors: WordVectors; table: VectorTable }>();

/**
 * Works out what expanding words derives from a vocabulary (the terms of its names, its sorted term
 * index, its words' vectors), which the first unknown word asked would otherwise wait for.
 */
export function prepareExpansion(vocabulary: Vocabulary, lexicon: Lexicon): void {
  nameTermsOf(vocabulary);
  termIndexOf(vocabulary);
  if (lexicon.vectors !== null) corpusVectorsOf(vocabulary, lexicon.vectors);
}

/** The terms of the words the corpus writes as names somewhere. */
function nameTermsOf(vocabulary: Vocabulary): ReadonlySet<string> {
  const cached = nameTermsCache.get(vocabulary);
  if (cached !== undefined) return cached;
  const terms = new Set<string>();
  for (const name of vocabulary.names) {
    const term = vocabulary.words.get(name);
    if (term !== undefined) terms.add(term);
  }
  nameTermsCache.set(vocabulary, terms);
  return terms;
}

/** The vocabulary's terms sorted for look-ups by beginning and spelling. */
function termIndexOf(vocabulary: Vocabulary): TermIndex {
  let index = termIndexCache.get(vocabulary);
  if (index === undefined) {
    index = new TermIndex(vocabulary.terms.keys());
    termIndexCache.set(vocabulary, index);
  }
  return index;
}

/** The vectors of the corpus words, in the vocabulary's order, for nearest-neighbour scans. */
function corpusVectorsOf(vocabulary: Vocabulary, vectors: WordVectors): VectorTable {
  const cached = corpusVectorsCache.get(vocabulary);
  if (cached !== undefined && cached.vectors === vectors) return cached.table;
  const table = vectors.tableOf(vocabulary.words.keys());
  corpusVectorsCache.set(vocabulary, { vectors, table });
  return table;
}

function sorted(found: ReadonlyMap<string, Expansion>): Expansion[] {
  return [...found.values()].sort((a, b) => b.strength - a.strength);
}

/** True for words rare enough in everyday English to carry a topic (or of unknown frequency). */
function isContentWord(word: string, lexicon: Lexicon): boolean {
  return (lexicon.frequencies?.surprisal(word) ?? MIN_CONTENT_BITS) >= MIN_CONTENT_BITS;
}
