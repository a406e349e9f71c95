/**
 * A sentence's tokens as the span scorer reads them: what they are before any question is asked
 * (running counts of words, capitals and participles, the words a candidate stands after or
 * before, kept for as long as the tokens are), and the marks a question puts on them (the tokens
 * whose terms it shares, the nearest such token either side of any point).
 */
import { defaultLexicon } from "../language/lexicon.ts";
import { STOP_WORDS } from "../language/text.ts";
import { TIME_UNITS, type Token } from "./phraseCandidates.ts";

/** A token's word as the word just before or after a candidate, in the few ways the features ask. */
export const BESIDE = { other: 0, by: 1, inOrAt: 2, on: 3, of: 4, forOrTo: 5, comma: 6 } as const;

/** What a token is at a candidate's edge, for trimming the question's own words off it. */
export const EDGE = { other: 0, kept: 1, stopOrMark: 2 } as const;

/** What the scorer reads of a sentence's tokens whatever the question; one entry a token unless said. */
export interface SentenceFacts {
  /** Words among the first i tokens (length + 1 entries). */
  readonly words: Int32Array;
  /** Capitalised words among the first i tokens (length + 1 entries). */
  readonly capitals: Int32Array;
  /** Other words shaped like a participle among the first i tokens (length + 1 entries). */
  readonly verbLike: Int32Array;
  /** The token as a word beside a candidate (`BESIDE`). */
  readonly beside: Uint8Array;
  /** 1 where the token is a speech verb ("said", "told"). */
  readonly speech: Uint8Array;
  /** The token at a candidate's edge (`EDGE`). */
  readonly edge: Uint8Array;
  /** The token's row in the word vectors (`WordVectors.rowNumber`), -1 for a mark, a stop word or a word without one. */
  readonly vectorRow: Int32Array;
  /** Index of the sentence's first word, -1 when it has none. */
  readonly firstWord: number;
}

const CAPITAL = /^\p{Lu}/u;
// Words shaped like a verb's past or present participle ("raised", "approved", "making").
const VERB_LIKE = /^[a-z]{3,}(?:ed|ing)$/u;
const SPEECH = /^(?:said|says|told|added|wrote|argued|warned|noted|according)$/u;
// Part of a quantity or a time even when the question says them too: "$", "%", "years", "ago",
// and the words that hedge one ("about", "at least", "since").
const KEPT_AT_EDGE = new RegExp(
  `^(?:[$£€%]|ago|${TIME_UNITS}|about|around|roughly|approximately|nearly|almost|over|under|some|only|just|exactly|above|below|since|until|till|before|after|between|from|more|less|fewer|at|least|most|up|to|as|many|much|few|little|early|late|than|no|later|estimated|barely|another|additional)$`,
  "u",
);

// Each sentence's facts, kept as long as its tokens are (phraseCandidates caches them): every
// candidate of every answer read them token by token before.
const factsOf = new WeakMap<readonly Token[], SentenceFacts>();

/** The facts of a sentence's tokens, worked out once per tokens. */
export function sentenceFacts(tokens: readonly Token[]): SentenceFacts {
  const cached = factsOf.get(tokens);
  if (cached !== undefined) return cached;
  const n = tokens.length;
  const words = new Int32Array(n + 1);
  const capitals = new Int32Array(n + 1);
  const verbLike = new Int32Array(n + 1);
  const beside = new Uint8Array(n);
  const speech = new Uint8Array(n);
  const edge = new Uint8Array(n);
  const vectorRow = new Int32Array(n);
  const vectors = defaultLexicon().vectors;
  let firstWord = -1;
  for (let i = 0; i < n; i++) {
    const t = tokens[i] as Token;
    let word = 0;
    let capital = 0;
    let participle = 0;
    if (t.word) {
      word = 1;
      if (firstWord < 0) firstWord = i;
      if (CAPITAL.test(t.text)) capital = 1;
      else if (VERB_LIKE.test(t.lower)) participle = 1;
    }
    words[i + 1] = (words[i] as number) + word;
    capitals[i + 1] = (capitals[i] as number) + capital;
    verbLike[i + 1] = (verbLike[i] as number) + participle;
    beside[i] = besideOf(t.lower);
    speech[i] = SPEECH.test(t.lower) ? 1 : 0;
    vectorRow[i] = vectors !== null && t.word && t.term !== null ? vectors.rowNumber(t.lower) : -1;
    edge[i] = KEPT_AT_EDGE.test(t.lower)
      ? EDGE.kept
      : !t.word || STOP_WORDS.has(t.lower)
        ? EDGE.stopOrMark
        : EDGE.other;
  }
  const facts = { words, capitals, verbLike, beside, speech, edge, vectorRow, firstWord };
  factsOf.set(tokens, facts);
  return facts;
}

function besideOf(lower: string): number {
  switch (lower) {
    case "by":
      return BESIDE.by;
    case "in":
    case "at":
      return BESIDE.inOrAt;
    case "on":
      return BESIDE.on;
    case "of":
      return BESIDE.of;
    case "for":
    case "to":
      return BESIDE.forOrTo;
    case ",":
      return BESIDE.comma;
    default:
      return BESIDE.other;
  }
}

/** Where a question's terms stand in a sentence; one entry a token unless said. */
export interface SharedMarks {
  /** 1 where the question has the token's term. */
  readonly shared: Uint8Array;
  /** The distinct question terms the sentence holds. */
  readonly terms: number;
  /** The last shared token before i, or -1 (length + 1 entries). */
  readonly previous: Int32Array;
  /** The first shared token at or after i, or -1 (length + 1 entries). */
  readonly next: Int32Array;
  /** The last shared token before i with the same term, or -1. */
  readonly sameBefore: Int32Array;
  /** 1 where the token's term is one of the noun the question asks about. */
  readonly askedNoun: Uint8Array;
}

// The marks of the sentence being scored, reused from one sentence to the next (grown as needed):
// allocating six typed arrays a sentence cost more than reading the sentence.
let capacity = 0;
let marks: SharedMarks & { terms: number } = emptyMarks(64);

function emptyMarks(size: number): SharedMarks & { terms: number } {
  capacity = size;
  return {
    shared: new Uint8Array(size),
    terms: 0,
    previous: new Int32Array(size + 1),
    next: new Int32Array(size + 1),
    sameBefore: new Int32Array(size),
    askedNoun: new Uint8Array(size),
  };
}

/**
 * Marks the tokens of a sentence whose terms the question has (`termSet`), and its asked noun's.
 * The marks are valid until the next call: the scorer reads one sentence at a time.
 */
export function markShared(
  tokens: readonly Token[],
  termSet: ReadonlySet<string>,
  askedNoun: ReadonlySet<string>,
): SharedMarks {
  const n = tokens.length;
  if (n > capacity) marks = emptyMarks(Math.max(n, capacity * 2));
  const { shared, previous, next, sameBefore } = marks;
  const asked = marks.askedNoun;
  shared.fill(0, 0, n);
  asked.fill(0, 0, n);
  let terms = 0;
  let last = -1;
  for (let i = 0; i < n; i++) {
    previous[i] = last;
    sameBefore[i] = -1;
    const term = (tokens[i] as Token).term;
    if (term === null) continue;
    if (askedNoun.size > 0 && askedNoun.has(term)) asked[i] = 1;
    if (!termSet.has(term)) continue;
    shared[i] = 1;
    // The last shared token with this term: a walk back over the shared tokens, as a sentence
    // shares only a few of the question's terms.
    let same = -1;
    for (let j = last; j >= 0 && same < 0; j = previous[j] ?? -1) {
      if ((tokens[j] as Token).term === term) same = j;
    }
    sameBefore[i] = same;
    if (same < 0) terms++;
    last = i;
  }
  previous[n] = last;
  let first = -1;
  next[n] = -1;
  for (let i = n - 1; i >= 0; i--) {
    if (shared[i] === 1) first = i;
    next[i] = first;
  }
  marks.terms = terms;
  return marks;
}
