import type { PackedIndex } from "./store/packed.ts";

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
 * the order MiniSearch meets them), but from a packed index and keeping only the best `depth`:
 * MiniSearch builds, merges and sorts a result object for every passage holding any term, which
 * for a question with everyday words is a large share of a big corpus.
 *
 * @example new TopScorer(packed, [{ field: "text", boost: 1 }]).top(new Map([["pause", 1]]), 20, undefined)
 */
export class TopScorer {
  private readonly fields: readonly { readonly id: number; readonly boost: number }[];
  private readonly termIndex = new Map<string, number>();
  // The id of each short id, for the story filter and the candidates.
  private readonly idOf: (string | undefined)[];
  private scores = new Float64Array(0);
  private termScores = new Float64Array(0);
  private termsMatched = new Int32Array(0);
  private lastTerm = new Int32Array(0);
  // The short ids scored for the query, and for its current term, in the order first scored:
  // buffers kept between queries, as the growing arrays they replace were 1.3 KB of a story ask's
  // 36 KB (sampling heap profiler) and grow to megabytes for a common term at archive scale.
  private touched = new Int32Array(0);
  private termTouched = new Int32Array(0);
  private termCounter = 0;
  // Per field, each passage's BM25 length normalization, or -1 for none; worked out on first use.
  private lengthNorms: readonly Float64Array[] | null = null;
  // The lowest and highest short id of each story, worked out when first one is searched alone:
  // a story's passages are added together, so the scan skips every posting outside its range.
  private storyRanges: ReadonlyMap<string, readonly [number, number]> = new Map();

  /** A scorer of the packed index's postings, searching `fields` in this order. */
  constructor(
    private readonly index: PackedIndex,
    fields: readonly FieldBoost[],
  ) {
    this.fields = fields.map(({ field, boost }) => ({ id: index.fieldIds[field] ?? -1, boost }));
    index.terms.forEach((term, t) => {
      this.termIndex.set(term, t);
    });
    this.idOf = new Array(index.nextId);
    index.shortIds.forEach((shortId, d) => {
      this.idOf[shortId] = index.ids[d];
    });
  }

  /** The `depth` best passages (of `story` only, if given) for the terms and their boosts. */
  top(boosts: ReadonlyMap<string, number>, depth: number, story: string | undefined): Candidate[] {
    const index = this.index;
    const { termLists, listFields, listStarts, documents, counts } = index;
    this.reserve(index.nextId);
    const { scores, termScores, termsMatched, lastTerm, touched, termTouched } = this;
    const norms = this.norms();
    const count = index.documentCount;
    const [low, high] = story === undefined ? [0, index.nextId] : this.rangeOf(story);
    let touchedCount = 0;
    for (const term of boosts.keys()) {
      const t = this.termIndex.get(term);
      const boost = boosts.get(term) ?? 0;
      if (t === undefined) continue;
      const mark = this.nextTerm();
      let termTouchedCount = 0;
      const firstList = termLists[t] ?? 0;
      const endList = termLists[t + 1] ?? 0;
      for (let f = 0; f < this.fields.length; f++) {
        const field = this.fields[f];
        if (field === undefined) continue;
        let list = firstList;
        while (list < endList && listFields[list] !== field.id) list++;
        const fieldNorms = norms[f];
        if (list === endList || fieldNorms === undefined) continue;
        const start = listStarts[list] ?? 0;
        const end = listStarts[list + 1] ?? 0;
        const matching = end - start;
        const weight = boost * field.boost;
        const idf = Math.log(1 + (count - matching + 0.5) / (matching + 0.5));
        for (let p = start; p < end; p++) {
          const docId = documents[p] ?? 0;
          if (docId < low || docId > high) continue;
          const frequency = counts[p] ?? 0;
          const norm = fieldNorms[docId] ?? -1;
          if (norm === -1) continue;
          // MiniSearch's calcBM25Score, operation for operation, so that sums round the same way.
          const raw = idf * (BM25.d + (frequency * (BM25.k + 1)) / (frequency + norm));
          const score = weight * raw;
          if (lastTerm[docId] === mark) termScores[docId] = (termScores[docId] ?? 0) + score;
          else {
            lastTerm[docId] = mark;
            termScores[docId] = score;
            termTouched[termTouchedCount++] = docId;
          }
        }
      }
      for (let k = 0; k < termTouchedCount; k++) {
        const docId = termTouched[k] ?? 0;
        const matched = termsMatched[docId] ?? 0;
        if (matched === 0) {
          touched[touchedCount++] = docId;
          scores[docId] = termScores[docId] ?? 0;
        } else scores[docId] = (scores[docId] ?? 0) + (termScores[docId] ?? 0);
        termsMatched[docId] = matched + 1;
      }
    }
    const prefix = story === undefined ? undefined : `${story}#`;
    // Kept best first; an equal score goes after those already kept, as in a stable sort.
    const best: Candidate[] = [];
    for (let k = 0; k < touchedCount; k++) {
      const docId = touched[k] ?? 0;
      const score = (scores[docId] ?? 0) * (termsMatched[docId] ?? 0);
      termsMatched[docId] = 0;
      if (best.length >= depth && score <= (best[best.length - 1]?.score ?? 0)) continue;
      const id = this.idOf[docId];
      if (id === undefined || (prefix !== undefined && !id.startsWith(prefix))) continue;
      let at = best.length;
      while (at > 0 && (best[at - 1]?.score ?? 0) < score) at--;
      best.splice(at, 0, { id, score });
      if (best.length > depth) best.pop();
    }
    return best;
  }

  /** The lowest and highest short id of the passages of `story` ([1, 0] for none). */
  private rangeOf(story: string): readonly [number, number] {
    // A passage is of the story its id begins with, up to the first "#" (slugs hold none);
    // a story named with a "#" is left to the filter by prefix.
    if (story.includes("#")) return [0, this.idOf.length];
    if (this.storyRanges.size === 0) this.storyRanges = storyRangesOf(this.idOf);
    return this.storyRanges.get(story) ?? [1, 0];
  }

  /** Each field's `k * (1 - b + b * length / average)` by short id, as calcBM25Score computes it. */
  private norms(): readonly Float64Array[] {
    if (this.lengthNorms !== null) return this.lengthNorms;
    const index = this.index;
    const fieldCount = Object.keys(index.fieldIds).length;
    this.lengthNorms = this.fields.map((field) => {
      const norms = new Float64Array(index.nextId).fill(-1);
      const average = index.averageFieldLength[field.id] ?? 0;
      index.shortIds.forEach((docId, d) => {
        const length = index.fieldLengths[d * fieldCount + field.id] ?? -1;
        if (length === -1 || docId >= norms.length) return;
        norms[docId] = BM25.k * (1 - BM25.b + (BM25.b * length) / average);
      });
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
    this.touched = new Int32Array(size);
    this.termTouched = new Int32Array(size);
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

/**
 * The lowest and highest short id of each story's passages, from the id of each short id: a
 * passage is of the story its id begins with, up to the first "#"; ids without one are of none.
 */
export function storyRangesOf(
  idOf: readonly (string | undefined)[],
): Map<string, readonly [number, number]> {
  const ranges = new Map<string, readonly [number, number]>();
  // Ids run story by story, so the slug is cut where the story changes, not from every id:
  // cutting each id's took 13-17 ms at 100,000 passages (5-13 this way, quiet machine), paid by the
  // first question searched within a story, which is a refusal's suggestions.
  let slug: string | null = null;
  let prefix = "";
  let first = 0;
  let last = 0;
  const close = (story: string | null) => {
    if (story !== null) ranges.set(story, [ranges.get(story)?.[0] ?? first, last]);
  };
  idOf.forEach((id, docId) => {
    if (id === undefined) return;
    if (slug !== null && id.startsWith(prefix)) {
      last = docId;
      return;
    }
    const end = id.indexOf("#");
    if (end === -1) return;
    close(slug);
    slug = id.slice(0, end);
    prefix = `${slug}#`;
    first = docId;
    last = docId;
  });
  close(slug);
  return ranges;
}
