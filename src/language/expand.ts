import { aliasesOf } from "./aliases.ts";
import type { Lexicon } from "./lexicon.ts";
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
// Shortest term that is matched by spelling or by a shared beginning: shorter ones match too much.
const MIN_EXPANDED_LENGTH = 4;

/**
 * True when a word typed in lower case is still most likely a name ("china", "nsa"): WordNet's
 * commonest sense of it is one, and everyday English (SUBTLEX), when it knows the word well,
 * writes it capitalised: "ops" is first a Roman goddess in WordNet, but lower-case in speech.
 */
export function readsAsName(word: string, lexicon: Lexicon): boolean {
  if (lexicon.wordnet?.isName(word) !== true) return false;
  return !(lexicon.frequencies?.writtenLowerCase(word) ?? false);
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
    const listed = (lexicon.frequencies?.count(word) ?? 0) > 0;
    const maxEdits = listed ? 0 : Math.min(2, Math.floor(term.length / 4));
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
    const neighbours = (
      table === null ? [] : (vectors?.nearestIn(word, table, MIN_SIMILARITY) ?? [])
    )
      .filter((n) => isContentWord(n.word, lexicon) && !lexicon.wordnet?.distinct(word, n.word))
      .slice(0, MAX_NEIGHBOURS);
    for (const neighbour of neighbours) {
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

/**
 * Two stems name forms of one word when one begins the other ("soft" → "soften", "hacker" →
 * "hack"), from four letters on, or, of about one length, they share all but the last letter of
 * five or more ("provok" → "provoc").
 */
function sharesStem(a: string, b: string): boolean {
  const shorter = Math.min(a.length, b.length);
  if (shorter < MIN_EXPANDED_LENGTH) return false;
  let common = 0;
  while (common < shorter && a[common] === b[common]) common++;
  if (common === shorter) return true;
  // Only stems of about one length differ in their last letter: "specif" is no form of "specialist".
  return common >= Math.max(5, shorter - 1) && Math.abs(a.length - b.length) <= 1;
}

/** Damerau–Levenshtein distance (adjacent swaps count once), or `max + 1` as soon as it exceeds `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  // Three rows reused across calls: expansion compares a word with every corpus term.
  if (rows[0].length < b.length + 1) {
    rows = [
      new Int32Array(b.length + 1),
      new Int32Array(b.length + 1),
      new Int32Array(b.length + 1),
    ];
  }
  let [before, previous, current] = rows;
  before.fill(0, 0, b.length + 1);
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, (before[j - 2] ?? 0) + 1);
      }
      current[j] = value;
      best = Math.min(best, value);
    }
    if (best > max) return max + 1;
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length] ?? max + 1;
}

let rows: [Int32Array, Int32Array, Int32Array] = [
  new Int32Array(32),
  new Int32Array(32),
  new Int32Array(32),
];

/** A corpus term near a question's term: another form of it (`stem`), or `edits` edits away. */
export interface NearTerm {
  readonly term: string;
  readonly stem: boolean;
  /** The edit distance when it is at most the limit asked for, otherwise more than the limit. */
  readonly edits: number;
}

/**
 * Corpus terms in code-unit order, so that the terms sharing a beginning are neighbours and word
 * forms are a range of them; and by length with the letters each holds, so that a typo search
 * looks only at terms of a length within reach, and counts edits only for those whose letters
 * differ by no more than the edits allowed can change. Both look at a sliver of a large
 * vocabulary where a scan compared the term with all of it.
 *
 * @example new TermIndex(["schumer", "senat"]).near("shumer", 1) // [{ term: "schumer", stem: false, edits: 1 }]
 */
export class TermIndex {
  private readonly sorted: string[];
  // Each sorted term's place in the order given, which is the order matches are returned in.
  private readonly order: Int32Array;
  // The sorted positions of the terms of each length, in sorted order.
  private readonly byLength = new Map<number, Int32Array>();
  // The letters of each sorted term (see `letterMask`), to rule most terms out before counting edits.
  private readonly masks: Int32Array;

  constructor(terms: Iterable<string>) {
    const ordinals = new Map<string, number>();
    for (const term of terms) if (!ordinals.has(term)) ordinals.set(term, ordinals.size);
    // The default sort compares code units, as `compare` does, without calling back into JS.
    this.sorted = [...ordinals.keys()].sort();
    this.order = Int32Array.from(this.sorted, (term) => ordinals.get(term) ?? 0);
    this.masks = Int32Array.from(this.sorted, letterMask);
    const counts = new Map<number, number>();
    for (const term of this.sorted) counts.set(term.length, (counts.get(term.length) ?? 0) + 1);
    for (const [length, count] of counts) this.byLength.set(length, new Int32Array(count));
    const filled = new Map<number, number>();
    this.sorted.forEach((term, at) => {
      const next = filled.get(term.length) ?? 0;
      const bucket = this.byLength.get(term.length);
      if (bucket !== undefined) bucket[next] = at;
      filled.set(term.length, next + 1);
    });
  }

  /**
   * The terms that `sharesStem` with `term` or lie at most `maxEdits` edits from it (Damerau–Levenshtein,
   * as `editDistance`), in the order the terms were given; the term itself is left out.
   */
  near(term: string, maxEdits: number): NearTerm[] {
    const found = new Map<number, NearTerm>();
    const note = (at: number, stem: boolean, edits: number): void => {
      const candidate = this.sorted[at] ?? "";
      if (candidate === term) return;
      const previous = found.get(at);
      found.set(at, {
        term: candidate,
        stem: stem || (previous?.stem ?? false),
        edits: Math.min(edits, previous?.edits ?? Number.POSITIVE_INFINITY),
      });
    };
    // Word forms: the term's own beginnings, and the terms that begin as it does (see `sharesStem`:
    // of one length, give or take a letter, they share all but the last letter of the shorter).
    for (let length = MIN_EXPANDED_LENGTH; length < term.length; length++) {
      const at = this.find(term.slice(0, length));
      if (at !== -1) note(at, true, maxEdits + 1);
    }
    const shared = term.length < 5 ? term.length : Math.max(5, term.length - 2);
    const [from, to] = this.range(term.slice(0, shared));
    for (let at = from; at < to; at++) {
      if (sharesStem(term, this.sorted[at] ?? "")) note(at, true, maxEdits + 1);
    }
    for (
      let length = term.length - maxEdits;
      maxEdits > 0 && length <= term.length + maxEdits;
      length++
    ) {
      this.scan(term, length, maxEdits, (at, edits) => note(at, false, edits));
    }
    return [...found]
      .sort((a, b) => (this.order[a[0]] ?? 0) - (this.order[b[0]] ?? 0))
      .map(([, near]) => near);
  }

  /**
   * Calls `hit` with the sorted position of each term of `length` letters at most `maxEdits`
   * edits from `term`, and its distance.
   */
  private scan(
    term: string,
    length: number,
    maxEdits: number,
    hit: (at: number, edits: number) => void,
  ): void {
    const bucket = this.byLength.get(length);
    if (bucket === undefined) return;
    const mask = letterMask(term);
    // An edit adds a letter, drops one, or both: it changes at most two of the letters present.
    const most = 2 * maxEdits;
    for (const at of bucket) {
      if (bitCount(mask ^ (this.masks[at] ?? 0)) > most) continue;
      const edits = editDistance(term, this.sorted[at] ?? "", maxEdits);
      if (edits <= maxEdits) hit(at, edits);
    }
  }

  /** Where `term` is in the sorted terms, or -1. */
  private find(term: string): number {
    const at = this.lowerBound(term);
    return this.sorted[at] === term ? at : -1;
  }

  /** The sorted positions of the terms beginning with `prefix`, as [from, to). */
  private range(prefix: string): [number, number] {
    const from = this.lowerBound(prefix);
    return [from, this.end(prefix, from)];
  }

  /** The first position from `at` whose term does not begin with `prefix`. */
  private end(prefix: string, at: number): number {
    let low = at;
    let high = this.sorted.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.sorted[middle] ?? "").startsWith(prefix)) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  private lowerBound(term: string): number {
    let low = 0;
    let high = this.sorted.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (compare(this.sorted[middle] ?? "", term) < 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Which letters a term holds, one bit each (digits and other characters share the last bits). */
function letterMask(term: string): number {
  let mask = 0;
  for (let i = 0; i < term.length; i++) {
    const code = term.charCodeAt(i);
    mask |= 1 << (code >= 97 && code <= 122 ? code - 97 : 26 + (code % 6));
  }
  return mask;
}

function bitCount(value: number): number {
  let x = value - ((value >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}
