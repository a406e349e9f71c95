import type { PassageTerms } from "./passageTerms.ts";
import type { QueryTerm } from "./types.ts";

/**
 * A question's terms and their stand-ins looked for in one passage at a time, by a scan of the
 * passage's terms: what the passage holds, which of its sentences hold each, and which query terms
 * next to each other in the question lie next to each other in it. Each scan replaces the last;
 * what is asked of it is of the last.
 */
export class QueryScan {
  // Each distinct term and stand-in of the query, numbered.
  private readonly numberOf = new Map<string, number>();
  // By number, the query terms (their indices, ascending) it is the term or a stand-in of.
  private readonly askedBy: number[][] = [];
  // The number of each query term, then of each of its stand-ins, query term after query term;
  // where each query term's numbers begin.
  private readonly variants: Int32Array;
  private readonly variantStarts: Int32Array;
  // By number: whether the passage holds it, and which of its sentences do (bit s).
  private readonly held: Uint8Array;
  private readonly masks: Int32Array;
  // By query term: the last place it (or a stand-in) was seen; whether it lies within two places
  // of the next query term.
  private readonly lastAt: Int32Array;
  private readonly nextTo: Uint8Array;
  private entry: PassageTerms | null = null;
  // Bit c for each first letter (its code, modulo 32) of a term or stand-in of the query: most of
  // a passage's terms are passed over without a look-up.
  private firstLetters = 0;

  constructor(private readonly terms: readonly QueryTerm[]) {
    const variants: number[] = [];
    this.variantStarts = new Int32Array(terms.length + 1);
    terms.forEach((t, q) => {
      this.variantStarts[q] = variants.length;
      variants.push(this.number(t.term, q));
      for (const e of t.expansions) variants.push(this.number(e.term, q));
    });
    this.variantStarts[terms.length] = variants.length;
    this.variants = Int32Array.from(variants);
    this.held = new Uint8Array(this.askedBy.length);
    this.masks = new Int32Array(this.askedBy.length);
    this.lastAt = new Int32Array(terms.length);
    this.nextTo = new Uint8Array(terms.length);
  }

  /** Reads a passage's terms for the query's. */
  scan(entry: PassageTerms): void {
    this.entry = entry;
    const { held, masks, lastAt, nextTo, numberOf, askedBy, firstLetters } = this;
    held.fill(0);
    masks.fill(0);
    lastAt.fill(-3);
    nextTo.fill(0);
    const { terms, sentenceEnds } = entry;
    // Places past the last sentence's words are the `kind` field's, in no sentence.
    const sentenceWords = sentenceEnds === null ? 0 : (sentenceEnds[sentenceEnds.length - 1] ?? 0);
    let sentence = 0;
    for (let i = 0; i < terms.length; i++) {
      const term = terms[i] as string;
      if (((firstLetters >>> (term.charCodeAt(0) & 31)) & 1) === 0) continue;
      const k = numberOf.get(term);
      if (k === undefined) continue;
      held[k] = 1;
      if (i < sentenceWords && sentenceEnds !== null) {
        while (i >= (sentenceEnds[sentence] as number)) sentence++;
        masks[k] = (masks[k] as number) | (1 << sentence);
      }
      // A pair of places at most two apart is seen from the later one, the earlier being the
      // last place seen of its term or later.
      const askers = askedBy[k] as number[];
      for (let a = 0; a < askers.length; a++) {
        const q = askers[a] as number;
        if (q > 0 && (lastAt[q - 1] as number) >= i - 2) nextTo[q - 1] = 1;
        if (q + 1 < lastAt.length && (lastAt[q + 1] as number) >= i - 2) nextTo[q] = 1;
        lastAt[q] = i;
      }
    }
  }

  /**
   * Whether the last passage scanned holds query term `q` (`variant` -1) or its stand-in number
   * `variant`.
   */
  holds(q: number, variant: number): boolean {
    const at = (this.variantStarts[q] ?? 0) + 1 + variant;
    return this.held[this.variants[at] ?? -1] === 1;
  }

  /**
   * The query's weight found in the last passage scanned (`sentence` -1) or in one of its
   * sentences: each query term's weight where it is held, else its weight times the strength of
   * its first stand-in held.
   */
  found(sentence: number): number {
    const sets = sentence < 0 ? null : (this.entry?.sentenceSets ?? null);
    if (sets !== null) return foundIn(this.terms, sets[sentence] ?? NO_TERMS);
    const { terms, variants, variantStarts, held, masks } = this;
    let weight = 0;
    for (let q = 0; q < terms.length; q++) {
      const t = terms[q] as QueryTerm;
      const start = variantStarts[q] as number;
      const end = variantStarts[q + 1] as number;
      for (let v = start; v < end; v++) {
        const k = variants[v] as number;
        const isHeld =
          sentence < 0 ? held[k] === 1 : (((masks[k] as number) >> sentence) & 1) === 1;
        if (!isHeld) continue;
        // The first of them held: the term itself, or its strongest stand-in held.
        weight += v === start ? t.weight : t.weight * (t.expansions[v - start - 1]?.strength ?? 0);
        break;
      }
    }
    return weight;
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

  private number(term: string, q: number): number {
    let k = this.numberOf.get(term);
    if (k === undefined) {
      k = this.askedBy.length;
      this.numberOf.set(term, k);
      this.firstLetters |= 1 << (term.charCodeAt(0) & 31);
      this.askedBy.push([]);
    }
    const askers = this.askedBy[k];
    if (askers !== undefined && askers.at(-1) !== q) askers.push(q);
    return k;
  }
}

const NO_TERMS: ReadonlySet<string> = new Set();

/** The query's weight found in a set of terms, a term standing for itself or its first stand-in held. */
function foundIn(terms: readonly QueryTerm[], held: ReadonlySet<string>): number {
  let weight = 0;
  for (const t of terms) {
    if (held.has(t.term)) weight += t.weight;
    else {
      const expansion = t.expansions.find((e) => held.has(e.term));
      if (expansion !== undefined) weight += t.weight * expansion.strength;
    }
  }
  return weight;
}
