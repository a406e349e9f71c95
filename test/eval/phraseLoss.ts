/**
 * Where the answer phrase of a factoid question is lost, counted on what a member was shown: the
 * first passage shown, read as the extractor reads it (the question spelled out, its best sentence,
 * then the rest by shared words), whatever the phrase's confidence. Counts only, so the locked
 * split may print it too.
 */
import { extractPhrase, readingOrder, spanCandidates } from "../../src/answer/extract.ts";
import { rankSentences } from "../../src/answer/rankSentences.ts";
import type { Scored } from "./newsScore.ts";
import { f1Score } from "./phrase.ts";

/** The stages, in the order a question's phrase is counted at the first that holds. */
const STAGES = [
  "shown, right",
  "shown, wrong",
  "read right, not shown",
  "right candidate read, another chosen",
  "first passage right, no right candidate read",
  "no right first passage shown",
] as const;

type Stage = (typeof STAGES)[number];

/** The header of `phraseLossRow`'s table. */
export const PHRASE_LOSS_HEADER = [
  `| questions of | factoid questions | ${STAGES.join(" | ")} |`,
  `|---|---:|${STAGES.map(() => "---:").join("|")}|`,
].join("\n");

/** One row: how many factoid questions (those with an answer span) stop at each stage. */
export function phraseLossRow(name: string, rows: readonly Scored[]): string {
  const counts = new Map<Stage, number>(STAGES.map((s) => [s, 0]));
  let asked = 0;
  for (const row of rows) {
    const stage = stageOf(row);
    if (stage === null) continue;
    asked++;
    counts.set(stage, (counts.get(stage) ?? 0) + 1);
  }
  return `| ${name} | ${asked} | ${STAGES.map((s) => counts.get(s) ?? 0).join(" | ")} |`;
}

/** Where one question's phrase stops, or null when it asks no span (yes/no, why, out of scope). */
function stageOf(row: Scored): Stage | null {
  const gold = row.gold.flatMap((g) => (g.answer === null || g.yes !== null ? [] : [g.answer]));
  if (gold.length === 0) return null;
  if (row.phrase !== null) return row.phrase.right ? "shown, right" : "shown, wrong";
  const best = row.answer.results[0];
  if (!row.first || best === undefined) return "no right first passage shown";
  const question = row.asked;
  const sentences = readingOrder(best.bestSentence, rankSentences(question, best.text));
  const right = (text: string) => gold.some((answer) => f1Score(text, answer) >= 0.5);
  const read = extractPhrase(question, sentences);
  if (read !== null && read.kind === "span" && right(read.text)) return "read right, not shown";
  if (spanCandidates(question, sentences).some((c) => right(c.text)))
    return "right candidate read, another chosen";
  return "first passage right, no right candidate read";
}
