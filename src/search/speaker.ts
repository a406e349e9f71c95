import type { QueryTerm } from "./types.ts";

/** What the speaker is read from of a question's term: a `QueryTerm` is one. */
export type SpeakerTerm = Pick<QueryTerm, "word" | "term" | "name" | "expansions">;

/** Whom a question asks the words of: the names as typed, and the terms that stand for them. */
export interface Speaker {
  /** The question's words that name the speaker, lower-case, from the first name on: ["chuck", "shumer"]. */
  readonly words: readonly string[];
  /** Their terms with the stand-ins the index found for them ("kremlin" → "moscow"). */
  readonly terms: ReadonlySet<string>;
}

/**
 * Whom the question asks the words of, from the words that name them (`speakerWords` in
 * language/attribution.ts) and the question's analysed terms; null when none of those words is a
 * name.
 *
 * @example askedSpeaker(["the", "kremlin"], index.analyze("What did the Kremlin say?"))?.terms // {"kremlin", "moscow"}
 */
export function askedSpeaker(
  spanWords: readonly string[] | null,
  terms: readonly SpeakerTerm[],
): Speaker | null {
  if (spanWords === null) return null;
  const span = new Set(spanWords);
  const named = terms.filter((t) => span.has(t.word));
  // The speaker is whom the last word names: "the top US diplomat" is a diplomat, not the US.
  const head = named.at(-1);
  if (head === undefined || !isName(head)) return null;
  const names = named.filter(isName);
  const speaker = new Set<string>();
  for (const name of names) {
    speaker.add(name.term);
    // A word-vector neighbour is someone else, not the same speaker ("Putin" ~ "Trump").
    for (const e of name.expansions) if (e.source !== "meaning") speaker.add(e.term);
  }
  // As asked, from the first name on: "chuck shumer", "the top senate democrat" → "senate democrat".
  const nameWords = new Set(names.map((n) => n.word));
  const first = spanWords.findIndex((w) => nameWords.has(w));
  return { words: spanWords.slice(Math.max(0, first)), terms: speaker };
}

/** A name, or a misspelt one ("shumer" for "Schumer"); a word-vector neighbour that is a name is not enough. */
function isName(term: SpeakerTerm): boolean {
  return term.name || term.expansions.some((e) => e.name && e.source !== "meaning");
}
