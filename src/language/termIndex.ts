/**
 * The corpus terms sorted for look-ups by beginning and by spelling: the other forms of a word
 * ("hacker" → "hack") and its typos ("pauze" → "pause"), found without comparing every term.
 */

/** Shortest term that is matched by spelling or by a shared beginning: shorter ones match too much. */
export const MIN_EXPANDED_LENGTH = 4;

/**
 * Two stems name forms of one word when one begins the other ("soft" → "soften", "hacker" →
 * "hack"), from four letters on, or, of about one length, they share all but the last letter of
 * five or more ("provok" → "provoc").
 */
function sharesStem(a: string, b: string): boolean {
  const shorter = Math.min(a.length, b.length);
  if (shorter < MIN_EXPANDED_LENGTH) return false;
  let common = 0;
  while (common < shorter && a[common] === b[common]) common++;
  if (common === shorter) return true;
  // Only stems of about one length differ in their last letter: "specif" is no form of "specialist".
  return common >= Math.max(5, shorter - 1) && Math.abs(a.length - b.length) <= 1;
}

/** Damerau–Levenshtein distance (adjacent swaps count once), or `max + 1` as soon as it exceeds `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  // Three rows reused across calls: expansion compares a word with every corpus term.
  if (rows[0].length < b.length + 1) {
    rows = [
      new Int32Array(b.length + 1),
      new Int32Array(b.length + 1),
      new Int32Array(b.length + 1),
    ];
  }
  let [before, previous, current] = rows;
  before.fill(0, 0, b.length + 1);
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, (before[j - 2] ?? 0) + 1);
      }
      current[j] = value;
      best = Math.min(best, value);
    }
    if (best > max) return max + 1;
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length] ?? max + 1;
}

let rows: [Int32Array, Int32Array, Int32Array] = [
  new Int32Array(32),
  new Int32Array(32),
  new Int32Array(32),
];

/** A corpus term near a question's term: another form of it (`stem`), or `edits` edits away. */
export interface NearTerm {
  readonly term: string;
  readonly stem: boolean;
  /** The edit distance when it is at most the limit asked for, otherwise more than the limit. */
  readonly edits: number;
}

/**
 * Corpus terms in code-unit order, so that the terms sharing a beginning are neighbours and word
 * forms are a range of them; and by length with the letters each holds, so that a typo search
 * looks only at terms of a length within reach, and counts edits only for those whose letters
 * differ by no more than the edits allowed can change. Both look at a sliver of a large
 * vocabulary where a scan compared the term with all of it.
 *
 * @example new TermIndex(["schumer", "senat"]).near("shumer", 1) // [{ term: "schumer", stem: false, edits: 1 }]
 */
export class TermIndex {
  private readonly sorted: string[];
  // Each sorted term's place in the order given, which is the order matches are returned in.
  private readonly order: Int32Array;
  // The sorted positions of the terms of each length, in sorted order.
  private readonly byLength = new Map<number, Int32Array>();
  // The letters of each sorted term (see `letterMask`), to rule most terms out before counting edits.
  private readonly masks: Int32Array;

  constructor(terms: Iterable<string>) {
    const ordinals = new Map<string, number>();
    for (const term of terms) if (!ordinals.has(term)) ordinals.set(term, ordinals.size);
    // The default sort compares code units, as `compare` does, without calling back into JS.
    this.sorted = [...ordinals.keys()].sort();
    this.order = Int32Array.from(this.sorted, (term) => ordinals.get(term) ?? 0);
    this.masks = Int32Array.from(this.sorted, letterMask);
    const counts = new Map<number, number>();
    for (const term of this.sorted) counts.set(term.length, (counts.get(term.length) ?? 0) + 1);
    for (const [length, count] of counts) this.byLength.set(length, new Int32Array(count));
    const filled = new Map<number, number>();
    this.sorted.forEach((term, at) => {
      const next = filled.get(term.length) ?? 0;
      const bucket = this.byLength.get(term.length);
      if (bucket !== undefined) bucket[next] = at;
      filled.set(term.length, next + 1);
    });
  }

  /**
   * The terms that `sharesStem` with `term` or lie at most `maxEdits` edits from it (Damerau–Levenshtein,
   * as `editDistance`), in the order the terms were given; the term itself is left out.
   */
  near(term: string, maxEdits: number): NearTerm[] {
    const found = new Map<number, NearTerm>();
    const note = (at: number, stem: boolean, edits: number): void => {
      const candidate = this.sorted[at] ?? "";
      if (candidate === term) return;
      const previous = found.get(at);
      found.set(at, {
        term: candidate,
        stem: stem || (previous?.stem ?? false),
        edits: Math.min(edits, previous?.edits ?? Number.POSITIVE_INFINITY),
      });
    };
    // Word forms: the term's own beginnings, and the terms that begin as it does (see `sharesStem`:
    // of one length, give or take a letter, they share all but the last letter of the shorter).
    for (let length = MIN_EXPANDED_LENGTH; length < term.length; length++) {
      const at = this.find(term.slice(0, length));
      if (at !== -1) note(at, true, maxEdits + 1);
    }
    const shared = term.length < 5 ? term.length : Math.max(5, term.length - 2);
    const [from, to] = this.range(term.slice(0, shared));
    for (let at = from; at < to; at++) {
      if (sharesStem(term, this.sorted[at] ?? "")) note(at, true, maxEdits + 1);
    }
    for (
      let length = term.length - maxEdits;
      maxEdits > 0 && length <= term.length + maxEdits;
      length++
    ) {
      this.scan(term, length, maxEdits, (at, edits) => note(at, false, edits));
    }
    return [...found]
      .sort((a, b) => (this.order[a[0]] ?? 0) - (this.order[b[0]] ?? 0))
      .map(([, near]) => near);
  }

  /**
   * Calls `hit` with the sorted position of each term of `length` letters at most `maxEdits`
   * edits from `term`, and its distance.
   */
  private scan(
    term: string,
    length: number,
    maxEdits: number,
    hit: (at: number, edits: number) => void,
  ): void {
    const bucket = this.byLength.get(length);
    if (bucket === undefined) return;
    const mask = letterMask(term);
    // An edit adds a letter, drops one, or both: it changes at most two of the letters present.
    const most = 2 * maxEdits;
    for (const at of bucket) {
      if (bitCount(mask ^ (this.masks[at] ?? 0)) > most) continue;
      const edits = editDistance(term, this.sorted[at] ?? "", maxEdits);
      if (edits <= maxEdits) hit(at, edits);
    }
  }

  /** Where `term` is in the sorted terms, or -1. */
  private find(term: string): number {
    const at = this.lowerBound(term);
    return this.sorted[at] === term ? at : -1;
  }

  /** The sorted positions of the terms beginning with `prefix`, as [from, to). */
  private range(prefix: string): [number, number] {
    const from = this.lowerBound(prefix);
    return [from, this.end(prefix, from)];
  }

  /** The first position from `at` whose term does not begin with `prefix`. */
  private end(prefix: string, at: number): number {
    let low = at;
    let high = this.sorted.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.sorted[middle] ?? "").startsWith(prefix)) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  private lowerBound(term: string): number {
    let low = 0;
    let high = this.sorted.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (compare(this.sorted[middle] ?? "", term) < 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Which letters a term holds, one bit each (digits and other characters share the last bits). */
function letterMask(term: string): number {
  let mask = 0;
  for (let i = 0; i < term.length; i++) {
    const code = term.charCodeAt(i);
    mask |= 1 << (code >= 97 && code <= 122 ? code - 97 : 26 + (code % 6));
  }
  return mask;
}

function bitCount(value: number): number {
  let x = value - ((value >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}
