import { LONG_WORDS } from "./shape.ts";
import { tokenize } from "./text.ts";

// Where a long question's clauses part: sentence marks, a dash, a comma, and the words that turn
// from context to the question ("…, so when is the vote?", "… but how long had he been minister?").
const CLAUSE_BREAK = /[.?!;:]+(?:\s|$)|\s[-–—]\s|,\s|\s(?:so|but|anyway|like)\s/iu;
// A clause that asks: it opens with a question word or an auxiliary, or holds a question word.
const OPENS_ASKING =
  /^(?:who|whom|whose|what|whats|which|when|where|why|how|hw|is|are|was|were|do|does|did|has|have|had|can|could|will|would|should)$/u;
const HOLDS_ASKING = /\b(?:who|what|which|when|where|why|how)\b/iu;

/**
 * The words of what a long question asks, from its last asking clause on ("my uncle keeps saying…,
 * so how long had he been minister?" → how long had he been minister), or null when the question is
 * short or all of it asks: the words before are context, which a member gives but does not ask.
 */
export function focusWords(text: string, words: readonly string[]): ReadonlySet<string> | null {
  if (words.length < LONG_WORDS) return null;
  const clauses = text.split(CLAUSE_BREAK).filter((c) => c.trim() !== "");
  const clauseWords = clauses.map((clause) => tokenize(clause));
  let at = -1;
  clauses.forEach((clause, i) => {
    if (OPENS_ASKING.test(clauseWords[i]?.[0] ?? "") || HOLDS_ASKING.test(clause)) at = i;
  });
  if (at <= 0) return null;
  return new Set(clauseWords.slice(at).flat());
}

/**
 * The clauses of a text, each as its words and whether it asks (opens with a question word or an
 * auxiliary, or holds a question word): "i missed the start, can someone give me a quick summary"
 * is a clause of context and one that asks.
 */
export function clausesOf(text: string): { readonly words: string[]; readonly asks: boolean }[] {
  return text
    .split(CLAUSE_BREAK)
    .filter((c) => c.trim() !== "")
    .map((clause) => {
      const words = tokenize(clause);
      return { words, asks: OPENS_ASKING.test(words[0] ?? "") || HOLDS_ASKING.test(clause) };
    });
}
