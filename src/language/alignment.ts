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

/** A passage's distinct words and their unit vectors, for `alignmentOf`. */
export interface PassageVectors {
  readonly words: ReadonlySet<string>;
  /** The unit vectors of the words that have one, shared with every passage holding the word. */
  readonly units: readonly Float32Array[];
}

// Each word's unit vector, worked out once and shared by every passage that holds it: at most one
// per word of the shipped table (60,000 words of 100 floats, 24 MB), and in practice the corpus's
// vocabulary. Kept per passage instead, a passage's 50–80 words cost 20–32 KB, 300 MB for the
// 12,000 passages the answer side keeps.
const unitByWord = new WeakMap<Lexicon, Map<string, Float32Array>>();

/** The distinct words of a passage with their unit vectors, worked out once per passage. */
export function passageVectors(words: readonly string[], lexicon: Lexicon): PassageVectors {
  const distinct = new Set(words.filter((w) => !STOP_WORDS.has(w)));
  const vectors = lexicon.vectors;
  if (vectors === null) return { words: distinct, units: [] };
  let known = unitByWord.get(lexicon);
  if (known === undefined) {
    known = new Map();
    unitByWord.set(lexicon, known);
  }
  const units: Float32Array[] = [];
  for (const word of distinct) {
    let unit = known.get(word);
    if (unit === undefined) {
      unit = vectors.unit(word);
      if (unit === undefined) continue;
      known.set(word, unit);
    }
    units.push(unit);
  }
  return { words: distinct, units };
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
  let weighed = 0;
  let sum = 0;
  let least = 1;
  let leastAny = 1;
  let heavy = false;
  for (const word of new Set(questionWords)) {
    if (STOP_WORDS.has(word)) continue;
    const rarity = rarityOf(word, lexicon);
    if (rarity <= 0) continue;
    const best = passage.words.has(word) ? 1 : bestCosine(word, passage, lexicon);
    weighed += rarity;
    sum += rarity * best;
    leastAny = Math.min(leastAny, best);
    if (rarity >= HEAVY_RARITY) {
      heavy = true;
      least = Math.min(least, best);
    }
  }
  return { mean: weighed > 0 ? sum / weighed : 1, least: heavy ? least : leastAny };
}

/** The best cosine (at least 0) of a word to any of a passage's words; 0 when it has no vector. */
function bestCosine(word: string, passage: PassageVectors, lexicon: Lexicon): number {
  const unit = lexicon.vectors?.unit(word);
  if (unit === undefined) return 0;
  const d = unit.length;
  let best = 0;
  for (const row of passage.units) {
    let dot = 0;
    // biome-ignore lint/style/noNonNullAssertion: i < d, the length of every unit vector
    for (let i = 0; i < d; i++) dot += unit[i]! * row[i]!;
    if (dot > best) best = dot;
  }
  return best;
}
