import { splitSentences } from "../corpus/sentences.ts";
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

// A text's sentences with their terms, worked out once per text (a passage answers many questions).
const sentenceTerms = new Map<string, { sentence: string; terms: ReadonlySet<string> }[]>();

function sentenceTermsOf(text: string): { sentence: string; terms: ReadonlySet<string> }[] {
  const cached = sentenceTerms.get(text);
  if (cached !== undefined) return cached;
  const sentences = joinAbbreviations(splitSentences(text)).map((sentence) => ({
    sentence,
    terms: new Set(
      tokenize(sentence)
        .map((w) => termFor(w))
        .filter((t): t is string => t !== null),
    ),
  }));
  if (sentenceTerms.size >= SENTENCE_CACHE_SIZE) sentenceTerms.clear();
  sentenceTerms.set(text, sentences);
  return sentences;
}

// A sentence "ending" in a title or a month's abbreviation was cut inside a name or a date: "said
// Rep." / "Renata Dorsey, …", "begins Sept." / "16."
const ABBREVIATION_END =
  /\b(?:Rep|Sen|Gov|Dr|Mr|Mrs|Ms|Prof|Gen|Lt|Col|Capt|Sgt|Adm|Rev|St|Supt|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|No|Jr|Sr|Inc|Corp|Co|Ltd|Mt|Ft|Gov|Atty|Amb)\.$/u;

/** The sentences with those cut after an abbreviation joined to the next. */
function joinAbbreviations(sentences: readonly string[]): string[] {
  const out: string[] = [];
  let pending = "";
  for (const sentence of sentences) {
    const joined = pending === "" ? sentence : `${pending} ${sentence}`;
    if (ABBREVIATION_END.test(joined)) pending = joined;
    else {
      out.push(joined);
      pending = "";
    }
  }
  if (pending !== "") out.push(pending);
  return out;
}
