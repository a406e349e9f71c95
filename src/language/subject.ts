import type { Lexicon } from "./lexicon.ts";
import { STOP_WORDS } from "./text.ts";

// How much a word says of a text's subject, by how rare it is in everyday English: a word said
// once in a thousand words of speech or more often (10 bits of SUBTLEX surprisal) says nothing, one
// said once in a million or less (20 bits) says most; the round figures the question analysis
// weighs unknown words by (search/analysis.ts). Numbers, which SUBTLEX does not list, say half.
const COMMON_BITS = 10;
const RARE_BITS = 20;
const NUMBER_RARITY = 0.5;

/**
 * The subject of a text's words as one vector: the mean of their GloVe vectors, each weighted by
 * how rare the word is in everyday English, so "boil", "egg" and "yolk" point to cooking and
 * "how", "long" and "want" point nowhere; null when no word has both a vector and a weight.
 *
 * @example subjectOf(["boil", "an", "egg"], defaultLexicon()) // a 100-dimension vector
 */
export function subjectOf(words: readonly string[], lexicon: Lexicon): Float32Array | null {
  const { vectors } = lexicon;
  if (vectors === null) return null;
  const sum = new Float32Array(vectors.dimensions);
  let found = false;
  for (const word of words) {
    if (STOP_WORDS.has(word)) continue;
    const rarity = rarityOf(word, lexicon);
    if (rarity > 0 && vectors.addUnit(sum, word, rarity)) found = true;
  }
  return found ? sum : null;
}

/** How much a word says of a subject (0–1), by how rare it is in everyday English; 1 without counts. */
export function rarityOf(word: string, lexicon: Lexicon): number {
  const { frequencies } = lexicon;
  if (frequencies === null) return 1;
  if (/\p{N}/u.test(word)) return NUMBER_RARITY;
  return clamp((frequencies.surprisal(word) - COMMON_BITS) / (RARE_BITS - COMMON_BITS));
}

/** The cosine of two subjects, 0 when either is missing or empty. */
export function subjectCloseness(a: Float32Array | null, b: Float32Array | null): number {
  if (a === null || b === null) return 0;
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    dot += x * y;
    normA += x * x;
    normB += y * y;
  }
  return normA > 0 && normB > 0 ? dot / Math.sqrt(normA * normB) : 0;
}

function clamp(x: number): number {
  return Math.min(1, Math.max(0, x));
}
