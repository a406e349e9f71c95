/**
 * compromise's part-of-speech tagger as the answer extractor's optional `tagParts`, for measuring
 * whether it improves on patterns alone (`npm run eval`).
 */
import nlp from "compromise";
import { type PartOfSpeech, TOKEN } from "../../src/answer/phraseCandidates.ts";

/**
 * The part of speech of each token of a sentence (tokens cut as the extractor cuts them: words,
 * currency signs, marks), as compromise's tagger reads it; marks are "other".
 */
export function tagParts(sentence: string): (PartOfSpeech | null)[] {
  // Where each of compromise's terms starts in the sentence, and its part of speech.
  const spans: { start: number; end: number; part: PartOfSpeech }[] = [];
  let cursor = 0;
  for (const term of nlp(sentence).termList()) {
    const at = sentence.indexOf(term.text, cursor);
    if (at < 0) continue;
    spans.push({ start: at, end: at + term.text.length, part: partOf(term.tags ?? new Set()) });
    cursor = at + term.text.length;
  }
  const parts: (PartOfSpeech | null)[] = [];
  let s = 0;
  for (const match of sentence.matchAll(TOKEN)) {
    const start = match.index ?? 0;
    while (s < spans.length && (spans[s]?.end ?? 0) <= start) s++;
    const span = spans[s];
    parts.push(span !== undefined && span.start <= start ? span.part : "other");
  }
  return parts;
}

function partOf(tags: ReadonlySet<string>): PartOfSpeech {
  if (tags.has("Value")) return "number";
  if (tags.has("Noun") || tags.has("ProperNoun") || tags.has("Date")) return "noun";
  if (tags.has("Adjective")) return "adjective";
  if (tags.has("Verb")) return "verb";
  return "other";
}
