/**
 * The span scorer's lexical pairs: how the question asks ("who", "what year", "how many") paired
 * with the words at a candidate's edges and beside it, hashed into a fixed number of weights
 * (phrase.json's `lexical`, fitted by `npm run fit-phrases`). They learn from data what the hand-made
 * features cannot name one by one: "when" answered after "in", "who" by the name before "said",
 * "how many" by a number before the asked noun.
 */
import type { Token } from "./phraseCandidates.ts";

/** The hashed pair weights: `weights[h]` for every bucket h below LEXICAL_BUCKETS. */
export interface LexicalModel {
  readonly weights: readonly number[];
}

// Buckets the pairs are hashed into. The fit candidates' pairs fill every one of 8,192; with the
// scorer fitted on half of SQuAD tune, the other half's F1 was 38.8% with 8,192 and 39.4% with
// 32,768 (37.4% without pairs), the choose stories' 36.8% and 37.9% (37.3%).
export const LEXICAL_BUCKETS = 32_768;

/**
 * The pairs each candidate has, one per template; `lexicalKeys` fills this many buckets. Two more
 * (the two words before, the two after) and a third (how the question asks with the candidate's
 * length) gained nothing on SQuAD tune held out by article (F1 38.3% with five, 38.5% with eight).
 */
export const LEXICAL_TEMPLATES = 5;

/** A question word: the words a question asks with start after it (`askedBy`, answerShape.ts). */
export const QUESTION_WORD = /^(?:what|which|who|whom|whose|when|where|how|why)$/u;

/**
 * How a question asks, as its first question word and the word after it ("what year", "how many",
 * "who"), or its first word when it has none ("name the…").
 */
export function askedBy(words: readonly string[]): string {
  const at = words.findIndex((w) => QUESTION_WORD.test(w));
  if (at < 0) return `- ${words[0] ?? ""}`;
  const wh = words[at] ?? "";
  const next = words[at + 1] ?? "";
  // "who", "when", "where" say all they ask; "what", "which", "how" say it with the next word.
  return wh === "who" || wh === "when" || wh === "where" || wh === "whom" ? wh : `${wh} ${next}`;
}

/** How a question asks, hashed once per template: each pair's hash goes on from these. */
export interface AskedHashes {
  readonly before: number;
  readonly after: number;
  readonly first: number;
  readonly last: number;
}

const FNV_START = 0x811c9dc5;

/** The FNV-1a hash of `text` going on from `h`: `extend(extend(FNV_START, a), b)` hashes a + b. */
function extend(h: number, text: string): number {
  let out = h;
  for (let i = 0; i < text.length; i++) out = Math.imul(out ^ text.charCodeAt(i), 0x01000193);
  return out;
}

/** The hashes of how a question asks (`askedBy`), one per template that pairs it. */
export function askedHashes(asked: string): AskedHashes {
  // "b|asked|" hashed as "b" then "|asked|": no closure, which tsx would name on every call.
  const tail = `|${asked}|`;
  return {
    before: extend(extend(FNV_START, "b"), tail),
    after: extend(extend(FNV_START, "a"), tail),
    first: extend(extend(FNV_START, "f"), tail),
    last: extend(extend(FNV_START, "l"), tail),
  };
}

/** A sentence's tokens as the pairs read them, and each one's hash as the word before a pair. */
interface SentenceShapes {
  /** Each token's lower-case word with every digit as 0 ("1990" → "0000"). */
  readonly shapes: readonly string[];
  /** For each token, and at the end for the sentence's start, the hash of "ba|word|". */
  readonly besides: Int32Array;
}

// Each sentence's shapes, kept as long as its tokens are (phraseCandidates caches them).
const shapesOf = new WeakMap<readonly Token[], SentenceShapes>();

function sentenceShapes(tokens: readonly Token[]): SentenceShapes {
  const cached = shapesOf.get(tokens);
  if (cached !== undefined) return cached;
  const shapes = tokens.map((t) => t.lower.replace(/\p{N}/gu, "0"));
  const besides = new Int32Array(tokens.length + 1);
  const start = extend(FNV_START, "ba|");
  shapes.forEach((shape, i) => {
    besides[i] = extend(extend(start, shape), "|");
  });
  besides[tokens.length] = extend(start, "^|");
  const read = { shapes, besides };
  shapesOf.set(tokens, read);
  return read;
}

/**
 * Writes the buckets of a candidate's pairs (tokens `from` to `to`, exclusive) into `keys`: how the
 * question asks with the word before it, the word after it, its first word and its last word, and
 * the word before it with the word after it. Words are lower-case with every digit as 0, "^"
 * before the sentence and "$" after it.
 */
export function lexicalKeys(
  asked: AskedHashes,
  tokens: readonly Token[],
  from: number,
  to: number,
  keys: Int32Array,
): void {
  const { shapes, besides } = sentenceShapes(tokens);
  const before = shapes[from - 1] ?? "^";
  const after = shapes[to] ?? "$";
  keys[0] = bucketOf(extend(asked.before, before));
  keys[1] = bucketOf(extend(asked.after, after));
  keys[2] = bucketOf(extend(asked.first, shapes[from] ?? "^"));
  keys[3] = bucketOf(extend(asked.last, shapes[to - 1] ?? "^"));
  keys[4] = bucketOf(extend(besides[from > 0 ? from - 1 : tokens.length] ?? 0, after));
}

// LEXICAL_BUCKETS is a power of two, so the unsigned hash modulo it is its low bits: a mask, where
// `%` on the unsigned value was a floating-point remainder (half of lexicalKeys in a profile).
const BUCKET_MASK = LEXICAL_BUCKETS - 1;
if ((LEXICAL_BUCKETS & BUCKET_MASK) !== 0)
  throw new Error("spanLexical: LEXICAL_BUCKETS must be a power of two");

/** A hash's bucket: the hash as unsigned modulo LEXICAL_BUCKETS. */
function bucketOf(h: number): number {
  return h & BUCKET_MASK;
}
