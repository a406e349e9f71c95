import type { Passage } from "../corpus/types.ts";
import type { Hit, SearchOutcome } from "../search/types.ts";
import { alignmentsWith } from "./alignment.ts";
import { shownPhrase } from "./extract.ts";
import { readPassages } from "./phrases.ts";
import type { Question } from "./question.ts";

// The search's first passages `shownOrder` orders, of which an answer's first page shows three: a
// passage the search ranks fourth or fifth is shown when its meaning and phrase put it among them.
// Right passage shown on the news test bed's fit stories, alone / in one corpus, of 2,040
// (2026-12-06): the first 3 weighed, 89.4% / 75.2%; 4, 89.6% / 75.6%; 5, 89.9% / 75.9%; 6, 89.9% /
// 76.2%; 9, 89.9% / 76.1%. Read after, the choose stories: 88.7% / 72.1% → 88.9% / 73.4% at 5.
export const WEIGHED_FOR_SHOWING = 5;

// The weights of a passage's alignment with the question (`alignmentOf`'s mean, 0–1) and of the
// extractor's confidence in the phrase it offers (0–1), added to its search score. First passage
// shown right on the news test bed's fit stories alone + in one corpus + SQuAD tune (2026-12-05,
// of 2,040 + 2,040 + 5,397), alignment / extractor: 0 / 0 → 1,558 + 1,251 + 4,246; 0 / 1 → 1,573 +
// 1,270 + 4,254; 1.5 / 0 → 1,562 + 1,268 + 4,297; 1 / 1 → 1,581 + 1,289 + 4,296; 1.5 / 0.5 →
// 1,574 + 1,282 + 4,314; 1.5 / 1 → 1,581 + 1,292 + 4,311; 2 / 0.5 → 1,575 + 1,284 + 4,332; 2 / 1 →
// 1,582 + 1,290 + 4,326 (the best sum, with 2.5 / 1); 2 / 1.5 → 1,581 + 1,290 + 4,308; 3 / 1 →
// 1,579 + 1,288 + 4,327. The choose stories, read after: 452 / 378 of 612 → 458 / 381.
const ALIGNMENT_WEIGHT = 2;
const READER_WEIGHT = 1;

/** The order an answer shows its hits in, and the passage the extractor alone put first. */
export interface ShownOrder {
  readonly hits: readonly Hit[];
  /**
   * The first passage when only the extractor's confidence in its phrase put it before the one
   * its score and meaning put first, else null. Its phrase is not shown: on the news test bed's
   * fit and choose splits (2026-12-05) such phrases were right 6 times of 14, far under the nine in
   * ten the span threshold is chosen for, as the extractor's confidence is what chose them.
   */
  readonly readFirst: Passage | null;
}

/**
 * The hits with the first `WEIGHED_FOR_SHOWING` in the order a member reads them best, unless the
 * first offers a phrase confident enough to show: each by its search score, plus how well its words
 * stand for the question's in meaning, word by word ("yearly money blueprint" for the budget's
 * paragraph), plus, for a question asking for a phrase (not yes or no), how sure the extractor is
 * of the phrase it offers (of three passages sharing the question's words, the one holding a name
 * beside "attorney" answers "Who is Kemp's attorney?"). A passage the search ranked past the
 * first page may come onto it; the confidence that the answer holds is still weighed on the
 * search's order, as it was fitted (`answer`).
 */
export function shownOrder(
  question: Question,
  { hits, margins }: Pick<SearchOutcome, "hits" | "margins">,
): ShownOrder {
  const first = hits.slice(0, WEIGHED_FOR_SHOWING);
  const [lead] = first;
  if (lead === undefined || first.length < 2) return { hits, readFirst: null };
  const alignments = alignmentsWith(
    question.words,
    first.map((hit) => hit.passage),
  );
  const scored = first.map((hit, at) => ({
    hit,
    at,
    score: hit.score + ALIGNMENT_WEIGHT * (alignments[at]?.mean ?? 0),
  }));
  const byScore = (a: (typeof scored)[number], b: (typeof scored)[number]) =>
    b.score - a.score || a.at - b.at;
  scored.sort(byScore);
  const meaningFirst = scored[0];
  // The extractor reads the search's first passage for a phrase to show and, for a span, the
  // paragraphs that could come first were it sure of their phrase. A headline's phrase weighs
  // nothing: its capitals all look like names to the extractor ("Amid Diplomatic Efforts", 0.87,
  // for "Who gave the order to stop cyber operations against Russia?").
  const spans = question.spanKind !== null && !question.yesNo;
  const top = meaningFirst?.score ?? 0;
  const weighed = spans
    ? scored.filter((s) => s.hit.passage.kind === "paragraph" && s.score + READER_WEIGHT >= top)
    : [];
  const read = new Set([
    ...(spans || question.yesNo ? [lead.passage] : []),
    ...weighed.map((s) => s.hit.passage),
  ]);
  const readings = readPassages(question, [...read]);
  const phraseOf = (hit: Hit) =>
    readings.find((r) => r.passageId === hit.passage.id)?.found ?? null;
  // The search's first passage offering a phrase confident enough to show is kept first, its
  // phrase the answer: reordered anyway, the news test bed's fit and choose splits showed 10 fewer
  // right phrases, and 2 fewer right passages first.
  if (shownPhrase(phraseOf(lead), margins) !== null) return { hits, readFirst: null };
  for (const s of weighed) s.score += READER_WEIGHT * (phraseOf(s.hit)?.confidence ?? 0);
  scored.sort(byScore);
  const firstHit = scored[0]?.hit;
  return {
    hits: [...scored.map((s) => s.hit), ...hits.slice(first.length)],
    readFirst: firstHit !== undefined && firstHit !== meaningFirst?.hit ? firstHit.passage : null,
  };
}
