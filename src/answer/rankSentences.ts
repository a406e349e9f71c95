import { splitSentences } from "../corpus/sentences.ts";
import { CappedCache } from "../language/cappedCache.ts";
import { termFor, tokenize } from "../language/text.ts";
import type { Wording } from "../language/wording.ts";

// Texts whose sentences and terms are remembered; cleared when full, a few KB each.
const SENTENCE_CACHE_SIZE = 5_000;

/** The sentences of a text, those sharing most of the question's words first (the earlier on a tie). */
export function rankSentences(question: Pick<Wording, "termSet">, text: string): string[] {
  const asked = question.termSet;
  const shared = (terms: ReadonlySet<string>) => {
    let count = 0;
    for (const term of terms) if (asked.has(term)) count++;
    return count;
  };
  return sentenceTermsOf(text)
    .map(({ sentence, terms }, i) => ({ sentence, i, score: shared(terms) }))
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .map((s) => s.sentence);
}

/** The sentences of a text, in order, split once per text (`splitSentences`). */
export function sentencesOf(text: string): string[] {
  return sentenceTermsOf(text).map((s) => s.sentence);
}

// A text's sentences with their terms, worked out once per text (a passage answers many questions).
const sentenceTerms = new CappedCache<string, SentenceTerms[]>(SENTENCE_CACHE_SIZE);

/** A sentence and its index terms. */
interface SentenceTerms {
  sentence: string;
  terms: ReadonlySet<string>;
}

function sentenceTermsOf(text: string): SentenceTerms[] {
  return sentenceTerms.getOrCompute(text, readSentenceTerms);
}

function readSentenceTerms(text: string): SentenceTerms[] {
  return splitSentences(text).map((sentence) => ({
    sentence,
    terms: new Set(
      tokenize(sentence)
        .map((w) => termFor(w))
        .filter((t): t is string => t !== null),
    ),
  }));
}
