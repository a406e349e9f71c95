/**
 * The shipped story's eight question sets the models learn from (test/fixtures/story-questions*.json
 * but set h, written blind on 2026-12-07 and kept out: test/quality.test.ts scores it), read in
 * the news test bed's shape: in-scope questions with their paragraphs, near misses and unrelated
 * questions.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { NewsQuestion } from "./newsData.ts";

/** The sets' file names after `story-questions`, in the order they were written. */
export const SHIPPED_SETS = [
  "",
  "-reader-a",
  "-reader-b",
  "-reader-c",
  "-reader-d",
  "-reader-e",
  "-reader-f",
  "-reader-g",
] as const;

interface ShippedSet {
  readonly questions: readonly {
    question: string;
    paragraph: number;
    /** Every paragraph that answers it, where the reader named several. */
    paragraphs?: number[];
    style: string;
    /** The answer to a question asked yes-or-no, where the story settles it. */
    yes?: boolean;
    /** True for a question asked yes-or-no that the story leaves open. */
    unsettled?: boolean;
  }[];
  readonly outOfScope: readonly string[];
  /** Questions about nothing in the news, where the set has them. */
  readonly unrelated?: readonly string[];
}

/** Every question of the shipped story's sets, in the test bed's shape. */
export function loadShippedQuestions(): NewsQuestion[] {
  return SHIPPED_SETS.flatMap((file) => {
    const set = JSON.parse(
      readFileSync(
        join(import.meta.dirname, "..", "fixtures", `story-questions${file}.json`),
        "utf8",
      ),
    ) as ShippedSet;
    const outOfScope = (question: string, style: "near-miss" | "unrelated"): NewsQuestion => ({
      question,
      style,
      paragraphs: [],
      answer: null,
      yes: null,
      unsettled: false,
    });
    return [
      ...set.questions.map(
        (q): NewsQuestion => ({
          question: q.question,
          style: styleOf(q.style),
          paragraphs: q.paragraphs ?? [q.paragraph],
          answer: null,
          yes: q.yes ?? null,
          unsettled: q.unsettled ?? false,
        }),
      ),
      ...set.outOfScope.map((q) => outOfScope(q, "near-miss")),
      ...(set.unrelated ?? []).map((q) => outOfScope(q, "unrelated")),
    ];
  });
}

/** The shipped sets' own style names, mapped to the test bed's. */
function styleOf(style: string): NewsQuestion["style"] {
  const known: Record<string, NewsQuestion["style"]> = {
    plain: "plain",
    chat: "chat",
    paraphrase: "reworded",
    reworded: "reworded",
    keyword: "keyword",
    who: "plain",
    why: "why",
    how: "why",
    typo: "chat",
    yesno: "yesno",
    "yes/no": "yesno",
    quote: "quote",
    number: "number",
    long: "long",
  };
  return known[style] ?? "plain";
}
