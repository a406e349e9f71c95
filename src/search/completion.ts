import type { Vocabulary } from "../language/expand.ts";

/**
 * Completes a word typed so far with the corpus words it begins, for autocomplete: real words as
 * the stories write them ("directive"), not index terms, which are stems ("direct").
 *
 * @example new WordCompleter(vocabulary).complete("direc", 5) // ["directive", "directives"]
 */
export class WordCompleter {
  // The corpus words in code-unit order, sorted on first use.
  private sorted: readonly string[] | null = null;

  constructor(private readonly vocabulary: Vocabulary) {}

  /**
   * Up to `limit` corpus words that begin with the lower-case `word` (itself included), those whose
   * term is in the most passages first, then alphabetically; no match is an empty list.
   */
  complete(word: string, limit: number): string[] {
    if (limit <= 0) return [];
    this.sorted ??= [...this.vocabulary.words.keys()].sort();
    const words = this.sorted;
    const found: { readonly word: string; readonly passages: number }[] = [];
    for (let i = lowerBound(words, word); i < words.length; i++) {
      const candidate = words[i] ?? "";
      if (!candidate.startsWith(word)) break;
      const term = this.vocabulary.words.get(candidate) ?? "";
      found.push({ word: candidate, passages: this.vocabulary.terms.get(term) ?? 0 });
    }
    // Found in alphabetical order, so a stable sort by passage count breaks ties alphabetically.
    found.sort((a, b) => b.passages - a.passages);
    return found.slice(0, limit).map((f) => f.word);
  }
}

/** The first position in sorted `words` whose word is not before `word`. */
function lowerBound(words: readonly string[], word: string): number {
  let low = 0;
  let high = words.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((words[middle] ?? "") < word) low = middle + 1;
    else high = middle;
  }
  return low;
}
