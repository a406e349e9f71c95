import type { PassageTerms } from "./passageTerms.ts";
import type { QueryTerm } from "./types.ts";

/** Terms that a passage, or one of its sentences, holds. */
export interface HeldTerms {
  has(term: string): boolean;
}

/**
 * A question's terms and their stand-ins looked for in one passage at a time, by a scan of the
 * passage's terms: what the passage holds, which of its sentences hold each, and which query terms
 * next to each other in the question lie next to each other in it. Each scan replaces the last;
 * the views it hands out read the last.
 */
export class QueryScan {
  // Each distinct term and stand-in of the query, numbered.
  private readonly numberOf = new Map<string, number>();
  // By number, the query terms (their indices, ascending) it is the term or a stand-in of.
  private readonly askedBy: number[][] = [];
  // By number: whether the passage holds it, and which of its sentences do (bit s).
  private readonly held: Uint8Array;
  private readonly masks: Int32Array;
  // By query term: the last place it (or a stand-in) was seen; whether it lies within two places
  // of the next query term.
  private readonly lastAt: Int32Array;
  private readonly nextTo: Uint8Array;
  private entry: PassageTerms | null = null;
  private sentenceAt = 0;
  /** The terms the last passage scanned holds. */
  readonly passage: HeldTerms = { has: (term) => this.held[this.numberOf.get(term) ?? -1] === 1 };
  private readonly sentenceView: HeldTerms = {
    has: (term) =>
      (((this.masks[this.numberOf.get(term) ?? -1] ?? 0) >> this.sentenceAt) & 1) === 1,
  };

  constructor(private readonly terms: readonly QueryTerm[]) {
    terms.forEach((t, q) => {
      this.number(t.term, q);
      for (const e of t.expansions) this.number(e.term, q);
    });
    this.held = new Uint8Array(this.askedBy.length);
    this.masks = new Int32Array(this.askedBy.length);
    this.lastAt = new Int32Array(terms.length);
    this.nextTo = new Uint8Array(terms.length);
  }

  /** Reads a passage's terms for the query's. */
  scan(entry: PassageTerms): void {
    this.entry = entry;
    const { held, masks, lastAt, nextTo, numberOf, askedBy } = this;
    held.fill(0);
    masks.fill(0);
    lastAt.fill(-3);
    nextTo.fill(0);
    const { terms, sentenceEnds } = entry;
    let sentence = 0;
    for (let i = 0; i < terms.length; i++) {
      const k = numberOf.get(terms[i] ?? "");
      if (k === undefined) continue;
      held[k] = 1;
      if (sentenceEnds !== null && i < (sentenceEnds.at(-1) ?? 0)) {
        while (i >= (sentenceEnds[sentence] ?? 0)) sentence++;
        masks[k] = (masks[k] ?? 0) | (1 << sentence);
      }
      // A pair of places at most two apart is seen from the later one, the earlier being the
      // last place seen of its term or later.
      for (const q of askedBy[k] ?? []) {
        if (q > 0 && (lastAt[q - 1] ?? -3) >= i - 2) nextTo[q - 1] = 1;
        if ((lastAt[q + 1] ?? -3) >= i - 2) nextTo[q] = 1;
        lastAt[q] = i;
      }
    }
  }

  /** The terms sentence `s` of the last passage scanned holds, until the next call. */
  sentence(s: number): HeldTerms {
    const sets = this.entry?.sentenceSets ?? null;
    if (sets !== null) return sets[s] ?? NO_TERMS;
    this.sentenceAt = s;
    return this.sentenceView;
  }

  /**
   * How many consecutive query terms lie next to each other (one term apart at most) in the last
   * passage scanned, a term standing for itself or any of its stand-ins.
   */
  bigramsFound(): number {
    let found = 0;
    for (let q = 0; q + 1 < this.terms.length; q++) found += this.nextTo[q] ?? 0;
    return found;
  }

  private number(term: string, q: number): void {
    let k = this.numberOf.get(term);
    if (k === undefined) {
      k = this.askedBy.length;
      this.numberOf.set(term, k);
      this.askedBy.push([]);
    }
    const askers = this.askedBy[k];
    if (askers !== undefined && askers.at(-1) !== q) askers.push(q);
  }
}

const NO_TERMS: ReadonlySet<string> = new Set();
