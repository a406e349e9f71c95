import type { Passage } from "../corpus/types.ts";
import type { WordVectors } from "../language/vectors.ts";
import { inverseDocumentFrequency } from "./idf.ts";
import type { MeaningOf, PassageTermsCache } from "./passageTerms.ts";
import type { Candidate } from "./scorer.ts";
import type { QueryTerm } from "./types.ts";

// Passages that share no word with the question but are the closest in meaning, added to the
// candidates; only in corpora small enough to compare every passage (a bot's stories), since a
// scan costs a 100-dimension dot product a passage: about 0.5 ms for 5,000 passages.
const DENSE_DEPTH = 3;
/** The most passages whose meaning vectors are all kept and scanned for every question. */
export const DENSE_SCAN_LIMIT = 5_000;

/**
 * Meaning vectors (IDF-weighted means of GloVe word vectors) of questions and passages, and how
 * close a passage's is to a question's.
 */
export class Meanings {
  // Every passage's vector, computed at start-up when the corpus is small enough to scan.
  private readonly scannedByPassage = new Map<string, Float32Array>();
  // The same vectors side by side, with their passages' ids, for the scan.
  private readonly scannedIds: string[] = [];
  private scannedMatrix = new Float32Array(0);

  constructor(
    private readonly vectors: WordVectors | null,
    private readonly passageTerms: PassageTermsCache,
    passages: ReadonlyMap<string, Passage>,
  ) {
    if (passages.size <= DENSE_SCAN_LIMIT) {
      for (const id of passages.keys()) {
        const meaning = this.ofPassage(id);
        if (meaning) this.scannedByPassage.set(id, meaning);
      }
      const dimensions = vectors?.dimensions ?? 0;
      this.scannedMatrix = new Float32Array(this.scannedByPassage.size * dimensions);
      for (const [id, meaning] of this.scannedByPassage) {
        this.scannedMatrix.set(meaning, this.scannedIds.length * dimensions);
        this.scannedIds.push(id);
      }
    }
  }

  /**
   * How close in meaning each candidate is to the question (cosine), and in a corpus small enough
   * to scan, the closest passages that are not candidates, which are added to `candidates`.
   */
  closeness(
    terms: readonly QueryTerm[],
    candidates: Candidate[],
    story: string | undefined,
  ): Map<string, number> {
    const asked = this.of(terms);
    const closeness = new Map<string, number>();
    if (asked) {
      for (const { id } of candidates) {
        closeness.set(id, cosine(asked, this.ofPassage(id)));
      }
      // In a corpus small enough to scan, a passage that shares no word with the question but
      // is close in meaning still gets a chance ("Did anyone see this coming?" → "unanticipated").
      for (const [id, value] of this.closestScanned(asked, closeness, story)) {
        closeness.set(id, value);
        candidates.push({ id, score: 0 });
      }
    }
    return closeness;
  }

  /**
   * The `DENSE_DEPTH` scanned passages closest to `asked`, closest first (ties in scan order), of
   * `story` if given, leaving out those in `skip`.
   */
  private closestScanned(
    asked: Float32Array,
    skip: ReadonlyMap<string, number>,
    story: string | undefined,
  ): [string, number][] {
    const prefix = story === undefined ? undefined : `${story}#`;
    const matrix = this.scannedMatrix;
    const dimensions = asked.length;
    const best: [string, number][] = [];
    for (let row = 0; row < this.scannedIds.length; row++) {
      const id = this.scannedIds[row] ?? "";
      if (skip.has(id) || (prefix !== undefined && !id.startsWith(prefix))) continue;
      // `cosine`'s sum, term by term in the same order, so the same value.
      let dot = 0;
      const offset = row * dimensions;
      for (let i = 0; i < dimensions; i++) dot += (asked[i] ?? 0) * (matrix[offset + i] ?? 0);
      if (best.length === DENSE_DEPTH && dot <= (best[DENSE_DEPTH - 1]?.[1] ?? 0)) continue;
      let at = best.length;
      while (at > 0 && (best[at - 1]?.[1] ?? 0) < dot) at--;
      best.splice(at, 0, [id, dot]);
      if (best.length > DENSE_DEPTH) best.pop();
    }
    return best;
  }

  /** Works out a passage's meaning vector (and so reads its terms) ahead of its first question. */
  prepare(id: string): void {
    this.ofPassage(id);
  }

  /** The meaning vector of a passage (worked out as its terms are read, `meaningReader`). */
  private ofPassage(id: string): Float32Array | undefined {
    return this.scannedByPassage.get(id) ?? this.passageTerms.get(id)?.meaning ?? undefined;
  }

  /** Weighted mean of the words' unit vectors, scaled to length 1; undefined without vectors. */
  private of(words: readonly { word: string; weight: number }[]): Float32Array | undefined {
    const vectors = this.vectors;
    if (vectors === null) return undefined;
    const sum = new Float32Array(vectors.dimensions);
    for (const { word, weight } of words) vectors.addUnit(sum, word, weight);
    return unitLength(sum);
  }
}

/**
 * How a passage's meaning vector is worked out in a corpus of `passageCount` passages: its words'
 * unit vectors weighted by their terms' IDF, scaled to length 1; null without vectors or when
 * none of its words has one.
 */
export function meaningReader(
  vectors: WordVectors | null,
  documentFrequency: ReadonlyMap<string, number>,
  passageCount: number,
): MeaningOf {
  return (words, terms) => {
    if (vectors === null) return null;
    const sum = new Float32Array(vectors.dimensions);
    for (let i = 0; i < words.length; i++) {
      const frequency = documentFrequency.get(terms[i] ?? "") ?? 0;
      const weight = inverseDocumentFrequency(frequency, passageCount);
      vectors.addUnit(sum, words[i] ?? "", weight);
    }
    return unitLength(sum) ?? null;
  };
}

/** `sum` scaled in place to length 1; undefined when it is all zeros. */
function unitLength(sum: Float32Array): Float32Array | undefined {
  let norm = 0;
  // An index loop: `for…of` over the typed array allocated 1 KB an ask (2.4 MB over the story
  // bench's 2,380 asks, by the sampling heap profiler), an iterator and boxed numbers.
  for (let i = 0; i < sum.length; i++) {
    const x = sum[i] ?? 0;
    norm += x * x;
  }
  if (norm === 0) return undefined;
  const scale = 1 / Math.sqrt(norm);
  for (let i = 0; i < sum.length; i++) sum[i] = (sum[i] ?? 0) * scale;
  return sum;
}

/** Dot product of two unit vectors (their cosine); 0 when either is missing. */
function cosine(a: Float32Array, b: Float32Array | undefined): number {
  if (!b) return 0;
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += (a[i] ?? 0) * (b[i] ?? 0);
  return dot;
}
