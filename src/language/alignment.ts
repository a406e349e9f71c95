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
  /** The unit vectors of the words that have one, one after another. */
  readonly units: Float32Array;
  readonly count: number;
}

/** The distinct words of a passage with their unit vectors, worked out once per passage. */
export function passageVectors(words: readonly string[], lexicon: Lexicon): PassageVectors {
  const distinct = new Set(words.filter((w) => !STOP_WORDS.has(w)));
  const vectors = lexicon.vectors;
  if (vectors === null) return { words: distinct, units: new Float32Array(0), count: 0 };
  // Written in place rather than through `unit`: at 100,000 passages most first passages are new
  // to the cache, and a vector allocated per word was most of what the reading cost.
  const units = new Float32Array(distinct.size * vectors.dimensions);
  let count = 0;
  for (const word of distinct) {
    if (vectors.writeUnit(units, count * vectors.dimensions, word)) count++;
  }
  return { words: distinct, units: units.subarray(0, count * vectors.dimensions), count };
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
  const { units, count } = passage;
  let best = 0;
  for (let row = 0; row < count; row++) {
    let dot = 0;
    const offset = row * d;
    // biome-ignore lint/style/noNonNullAssertion: i < d and offset + i < units.length
    for (let i = 0; i < d; i++) dot += unit[i]! * units[offset + i]!;
    if (dot > best) best = dot;
  }
  return best;
}
