import { eng } from "stopword";
import { stemmer } from "stemmer";

/**
 * Words dropped from questions and passages: the `stopword` package's English list plus the
 * question and filler words it lacks, which carry no topic ("why", "does", "tell me").
 */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  ...eng,
  ...["when", "why", "whom", "whose", "does", "doing", "done", "its", "it's", "was", "were"],
  ...["the", "a", "an", "of", "so", "than", "not", "no", "yes", "or", "whether", "will", "shall"],
  ...["may", "please", "tell", "explain", "describe", "say", "says", "saying", "happen"],
  ...["happened", "happens", "anything", "something", "thing", "things", "kind", "mean"],
  ...["means", "meant", "just", "ever", "yet", "also", "there", "going", "went", "gets"],
  ...["know", "known", "really", "actually", "exactly", "story", "article"],
]);

/** A word of a text: its surface form (lower-case, no accents) and the index term it becomes, or null if dropped. */
export interface Word {
  readonly surface: string;
  readonly term: string | null;
}

const WORD = /[\p{L}\p{N}]+/gu;
const POSSESSIVE = /['’]s\b/gu;

/** Lower-cases, removes accents and possessive 's, and cuts text into words of letters and digits. */
export function tokenize(text: string): string[] {
  const folded = text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(POSSESSIVE, "");
  return folded.match(WORD) ?? [];
}

/** Turns one lower-case word into its index term (Porter stem), or null for stop words and lone letters. */
export function termFor(word: string): string | null {
  if (STOP_WORDS.has(word)) return null;
  if (word.length < 2 && !/\p{N}/u.test(word)) return null;
  return stemmer(word);
}

/** The index terms of a text, in order, stop words removed. */
export function termsOf(text: string): string[] {
  const terms: string[] = [];
  for (const word of tokenize(text)) {
    const term = termFor(word);
    if (term !== null) terms.push(term);
  }
  return terms;
}

/** Every word of a text with the term it indexes as, for highlighting and best-sentence scoring. */
export function wordsOf(text: string): Word[] {
  return tokenize(text).map((surface) => ({ surface, term: termFor(surface) }));
}
