import { ReloadedDots } from "./dotProducts.ts";
import type { Lexicon } from "./lexicon.ts";
import { rarityOf } from "./subject.ts";
import { STOP_WORDS } from "./text.ts";

/**
 * How well a passage's words stand for a question's, word by word in meaning (GloVe): each of the
 * question's content words is matched to the passage word closest to it, and weighed by how rare
 * it is in everyday English (`rarityOf`), as DrQA's aligned question embedding, read as numbers.
 */
export interface Alignment {
  /** The rarity-weighted mean of the question words' best cosines to the passage (0–1). */
  readonly mean: number;
  /** The best cosine of the least-aligned heavy question word: the focus the passage lacks (0–1). */
  readonly least: number;
}

// A question word counts as heavy (a focus the passage must hold) from this rarity: said at most
// once in about 30,000 words of speech (15 bits of SUBTLEX surprisal), half way from the words
// that say nothing of a subject to those that say most (subject.ts).
const HEAVY_RARITY = 0.5;

/** A word's vector as the table stores it (signed bytes) and its length. */
export interface WordRow {
  readonly values: Int8Array;
  readonly norm: number;
}

/** A passage's distinct words and their vectors, for `alignmentOf`. */
export interface PassageVectors {
  readonly words: ReadonlySet<string>;
  /** The vectors of the words that have one, shared with every passage holding the word. */
  readonly rows: readonly WordRow[];
}

// Each word's row, looked up once and shared by every passage that holds it: a view of the shipped
// table, not a copy, so the 12,000 passages the answer side keeps cost their arrays of references.
const rowByWord = new WeakMap<Lexicon, Map<string, WordRow>>();

/** The distinct words of a passage with their vectors, worked out once per passage. */
export function passageVectors(words: readonly string[], lexicon: Lexicon): PassageVectors {
  const distinct = new Set(words.filter((w) => !STOP_WORDS.has(w)));
  const rows: WordRow[] = [];
  for (const word of distinct) {
    const row = rowOf(word, lexicon);
    if (row !== undefined) rows.push(row);
  }
  return { words: distinct, rows };
}

/** The word's row, looked up once per lexicon and shared; undefined when it has no vector. */
function rowOf(word: string, lexicon: Lexicon): WordRow | undefined {
  const vectors = lexicon.vectors;
  if (vectors === null) return undefined;
  let known = rowByWord.get(lexicon);
  if (known === undefined) {
    known = new Map();
    rowByWord.set(lexicon, known);
  }
  let row = known.get(word);
  if (row === undefined) {
    row = vectors.rowOf(word);
    if (row === undefined) return undefined;
    known.set(word, row);
  }
  return row;
}

/** A question's weighed words, read once for aligning it with many passages (`alignAll`). */
export interface AskedWords {
  readonly words: readonly AskedWord[];
}

/** One weighed word of a question (`askedWord`). */
export interface AskedWord {
  readonly word: string;
  readonly rarity: number;
  /** Its vector, shared with the passages holding it; undefined without one. */
  readonly row: WordRow | undefined;
}

/** The question's distinct content words that weigh something (rarity above 0), with their vectors. */
export function askedWords(questionWords: readonly string[], lexicon: Lexicon): AskedWords {
  const words: AskedWord[] = [];
  for (const word of new Set(questionWords)) {
    const asked = askedWord(word, lexicon);
    if (asked !== null) words.push(asked);
  }
  return { words };
}

/** A question word with its rarity and vector; null for a stop word or one that weighs nothing. */
export function askedWord(word: string, lexicon: Lexicon): AskedWord | null {
  if (STOP_WORDS.has(word)) return null;
  const rarity = rarityOf(word, lexicon);
  return rarity <= 0 ? null : { word, rarity, row: rowOf(word, lexicon) };
}

/**
 * The alignment of a question's words with a passage's; a question with no weighed word is fully
 * aligned.
 *
 * @example alignmentOf(["pentagon", "budget"], passageVectors(["defense", "budget"], lexicon), lexicon).least // about 0.5
 */
export function alignmentOf(
  questionWords: readonly string[],
  passage: PassageVectors,
  lexicon: Lexicon,
): Alignment {
  return alignAll(askedWords(questionWords, lexicon), [passage])[0] ?? { mean: 1, least: 1 };
}

/**
 * `alignmentOf` of words read already with each of several passages, in order. Each question word
 * a passage lacks is multiplied at once with the vectors of every passage lacking a word
 * (WebAssembly SIMD where the runtime has it): the cosines are the table's exact ones.
 */
export function alignAll(asked: AskedWords, passages: readonly PassageVectors[]): Alignment[] {
  const words = asked.words;
  // best[w * passages + p]: the best cosine of question word w to passage p (1 when it holds it).
  const best = new Float64Array(words.length * passages.length);
  // The rows of the passages lacking a question word that has a vector, one passage after another.
  let count = 0;
  const starts = new Int32Array(passages.length + 1);
  for (let p = 0; p < passages.length; p++) {
    const passage = passages[p] as PassageVectors;
    starts[p] = count;
    let lacks = false;
    for (let w = 0; w < words.length; w++) {
      const word = words[w] as AskedWord;
      if (passage.words.has(word.word)) best[w * passages.length + p] = 1;
      else if (word.row !== undefined && word.row.norm > 0) lacks = true;
    }
    if (!lacks) continue;
    if (batchNorms.length < count + passage.rows.length) {
      const grown = new Float64Array(2 * (count + passage.rows.length));
      grown.set(batchNorms.subarray(0, count));
      batchNorms = grown;
    }
    for (const row of passage.rows) {
      batchRows[count] = row.values;
      batchNorms[count] = row.norm;
      count++;
    }
  }
  starts[passages.length] = count;
  if (count > 0) {
    const dots = reloadedDots((batchRows[0] as Int8Array).length);
    dots.load(batchRows, count);
    for (let w = 0; w < words.length; w++) {
      const row = (words[w] as AskedWord).row;
      if (row === undefined || row.norm === 0) continue;
      let products: Int32Array | null = null;
      for (let p = 0; p < passages.length; p++) {
        const from = starts[p] ?? 0;
        const to = starts[p + 1] ?? 0;
        if (from === to || best[w * passages.length + p] === 1) continue;
        products ??= dots.of(row.values);
        let top = 0;
        for (let k = from; k < to; k++) {
          const norm = batchNorms[k] ?? 0;
          if (norm === 0) continue;
          const cosine = (products[k] ?? 0) / norm;
          if (cosine > top) top = cosine;
        }
        best[w * passages.length + p] = top / row.norm;
      }
    }
  }
  const out: Alignment[] = [];
  for (let p = 0; p < passages.length; p++) {
    let weighed = 0;
    let sum = 0;
    let least = 1;
    let leastAny = 1;
    let heavy = false;
    for (let w = 0; w < words.length; w++) {
      const { rarity } = words[w] as AskedWord;
      const b = best[w * passages.length + p] ?? 0;
      weighed += rarity;
      sum += rarity * b;
      leastAny = Math.min(leastAny, b);
      if (rarity >= HEAVY_RARITY) {
        heavy = true;
        least = Math.min(least, b);
      }
    }
    out.push({ mean: weighed > 0 ? sum / weighed : 1, least: heavy ? least : leastAny });
  }
  return out;
}

// The rows and their lengths of the batch being aligned, reused from answer to answer: a batch is
// hundreds of rows, and building its arrays anew was a tenth of what an answer allocated.
const batchRows: Int8Array[] = [];
let batchNorms = new Float64Array(1024);

// The dot products of the batch being aligned, by vector length: one instance's memory, reused.
const dotsByDimensions = new Map<number, ReloadedDots>();

function reloadedDots(dimensions: number): ReloadedDots {
  let dots = dotsByDimensions.get(dimensions);
  if (dots === undefined) {
    dots = new ReloadedDots(dimensions);
    dotsByDimensions.set(dimensions, dots);
  }
  return dots;
}
