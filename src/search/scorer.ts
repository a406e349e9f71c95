import type MiniSearch from "minisearch";
import { internalsOf, type MiniSearchInternals } from "./packed.ts";

/** A passage found for a query, with its BM25 score, before re-ranking. */
export interface Candidate {
  readonly id: string;
  readonly score: number;
}

/** A field searched, by name, and the boost its matches get. */
export interface FieldBoost {
  readonly field: string;
  readonly boost: number;
}

// MiniSearch's default BM25 parameters, which our index uses.
const BM25 = { k: 1.2, b: 0.7, d: 0.5 } as const;

/**
 * The best passages for a query's terms, scored exactly as MiniSearch's `search` scores an OR query
 * (BM25 summed over fields and terms in the same order, times the number of terms matched, ties in
 * the order MiniSearch meets them), but in typed arrays and keeping only the best `depth`:
 * MiniSearch builds, merges and sorts a result object for every passage holding any term, which
 * for a question with everyday words is a large share of a big corpus.
 *
 * @example TopScorer.of(search, [{ field: "text", boost: 1 }])?.top(new Map([["paus", 1]]), 20, undefined)
 */
export class TopScorer {
  private scores = new Float64Array(0);
  private termScores = new Float64Array(0);
  private termsMatched = new Int32Array(0);
  private lastTerm = new Int32Array(0);
  private termCounter = 0;
  // Per field, each passage's BM25 length normalization, or -1 for none; worked out on first use.
  private lengthNorms: readonly Float64Array[] | null = null;

  private constructor(
    private readonly index: MiniSearchInternals,
    private readonly fields: readonly { readonly id: number; readonly boost: number }[],
  ) {}

  /**
   * A scorer reading the index of `search`, searching `fields` in this order, or null if its
   * internals are not the ones known here.
   */
  static of<T>(search: MiniSearch<T>, fields: readonly FieldBoost[]): TopScorer | null {
    const names = fields.map(({ field }) => field);
    const index = internalsOf(search, names);
    if (index === null) return null;
    const ids = fields.map(({ field, boost }) => ({ id: index._fieldIds[field] ?? 0, boost }));
    return new TopScorer(index, ids);
  }

  /** The `depth` best passages (of `story` only, if given) for the terms and their boosts. */
  top(boosts: ReadonlyMap<string, number>, depth: number, story: string | undefined): Candidate[] {
    const index = this.index;
    this.reserve(index._nextId);
    const { scores, termScores, termsMatched, lastTerm } = this;
    const norms = this.norms();
    const count = index._documentCount;
    const touched: number[] = [];
    for (const [term, boost] of boosts) {
      const data = index._index.get(term);
      if (data === undefined) continue;
      const mark = this.nextTerm();
      const termTouched: number[] = [];
      for (const [f, field] of this.fields.entries()) {
        const frequencies = data.get(field.id);
        const fieldNorms = norms[f];
        if (frequencies === undefined || fieldNorms === undefined) continue;
        const matching = frequencies.size;
        const weight = boost * field.boost;
        const idf = Math.log(1 + (count - matching + 0.5) / (matching + 0.5));
        for (const [docId, frequency] of frequencies) {
          const norm = fieldNorms[docId] ?? -1;
          if (norm === -1) continue;
          // MiniSearch's calcBM25Score, operation for operation, so that sums round the same way.
          const raw = idf * (BM25.d + (frequency * (BM25.k + 1)) / (frequency + norm));
          const score = weight * raw;
          if (lastTerm[docId] === mark) termScores[docId] = (termScores[docId] ?? 0) + score;
          else {
            lastTerm[docId] = mark;
            termScores[docId] = score;
            termTouched.push(docId);
          }
        }
      }
      for (const docId of termTouched) {
        const matched = termsMatched[docId] ?? 0;
        if (matched === 0) {
          touched.push(docId);
          scores[docId] = termScores[docId] ?? 0;
        } else scores[docId] = (scores[docId] ?? 0) + (termScores[docId] ?? 0);
        termsMatched[docId] = matched + 1;
      }
    }
    const prefix = story === undefined ? undefined : `${story}#`;
    // Kept best first; an equal score goes after those already kept, as in a stable sort.
    const best: Candidate[] = [];
    for (const docId of touched) {
      const score = (scores[docId] ?? 0) * (termsMatched[docId] ?? 0);
      termsMatched[docId] = 0;
      if (best.length >= depth && score <= (best[best.length - 1]?.score ?? 0)) continue;
      const id = index._documentIds.get(docId);
      if (id === undefined || (prefix !== undefined && !id.startsWith(prefix))) continue;
      let at = best.length;
      while (at > 0 && (best[at - 1]?.score ?? 0) < score) at--;
      best.splice(at, 0, { id, score });
      if (best.length > depth) best.pop();
    }
    return best;
  }

  /** Each field's `k * (1 - b + b * length / average)` by short id, as calcBM25Score computes it. */
  private norms(): readonly Float64Array[] {
    if (this.lengthNorms !== null) return this.lengthNorms;
    const index = this.index;
    this.lengthNorms = this.fields.map((field) => {
      const norms = new Float64Array(index._nextId).fill(-1);
      const average = index._avgFieldLength[field.id] ?? 0;
      for (const docId of index._documentIds.keys()) {
        const length = index._fieldLength.get(docId)?.[field.id];
        if (length === undefined || docId >= norms.length) continue;
        norms[docId] = BM25.k * (1 - BM25.b + (BM25.b * length) / average);
      }
      return norms;
    });
    return this.lengthNorms;
  }

  private reserve(size: number): void {
    if (this.scores.length >= size) return;
    this.scores = new Float64Array(size);
    this.termScores = new Float64Array(size);
    this.termsMatched = new Int32Array(size);
    this.lastTerm = new Int32Array(size);
    this.termCounter = 0;
  }

  private nextTerm(): number {
    if (this.termCounter >= 2 ** 30) {
      this.lastTerm.fill(0);
      this.termCounter = 0;
    }
    this.termCounter += 1;
    return this.termCounter;
  }
}
