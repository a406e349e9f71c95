import type { Hit } from "../search/types.ts";
import { alignmentsWith } from "./alignment.ts";
import { readPassage } from "./phrases.ts";
import type { Question } from "./question.ts";

/** The passages an answer shows on its first page, whose order `shownOrder` chooses. */
export const SHOWN_FIRST = 3;

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

/**
 * The hits with the first `SHOWN_FIRST` in the order a member reads them best: each by its search
 * score, plus how well its words stand for the question's in meaning, word by word ("yearly money
 * blueprint" for the budget's paragraph), plus, for a question asking for a phrase (not yes or no),
 * how sure the extractor is of the phrase it offers (of three passages sharing the question's
 * words, the one holding a name beside "attorney" answers "Who is Kemp's attorney?"). Which
 * passages are shown does not change, so the confidence that they answer the question is still
 * weighed on the search's order, as it was fitted.
 */
export function shownOrder(question: Question, hits: readonly Hit[]): Hit[] {
  const first = hits.slice(0, SHOWN_FIRST);
  if (first.length < 2) return [...hits];
  const alignments = alignmentsWith(
    question.words,
    first.map((hit) => hit.passage),
  );
  const scored = first.map((hit, at) => ({
    hit,
    at,
    score: hit.score + ALIGNMENT_WEIGHT * (alignments[at]?.mean ?? 0),
  }));
  if (question.spanKind !== null && !question.yesNo) {
    let best = Number.NEGATIVE_INFINITY;
    for (const s of [...scored].sort((a, b) => b.score - a.score || a.at - b.at)) {
      // Not read: a passage that could not come first were the extractor sure of its phrase, and a
      // headline, whose capitals all look like names ("Amid Diplomatic Efforts", 0.87, for "Who
      // gave the order to stop cyber operations against Russia?").
      if (s.hit.passage.kind === "paragraph" && s.score + READER_WEIGHT >= best) {
        s.score += READER_WEIGHT * (readPassage(question, s.hit.passage).found?.confidence ?? 0);
      }
      best = Math.max(best, s.score);
    }
  }
  scored.sort((a, b) => b.score - a.score || a.at - b.at);
  return [...scored.map((s) => s.hit), ...hits.slice(SHOWN_FIRST)];
}
