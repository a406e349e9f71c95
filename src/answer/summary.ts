import { splitSentences } from "../corpus/sentences.ts";
import type { SearchIndex } from "../search/index.ts";
import type { Answer, AnswerResult, Outcome } from "./types.ts";

/**
 * What the stories are about (all, or those given): one story's headline and first paragraphs, or,
 * when there are several, each story's headline; the answer to a request for a summary.
 */
export function summarize(
  index: SearchIndex,
  question: string,
  top: number,
  offset: number,
  story: string | readonly string[] | undefined,
): Answer {
  const slugs =
    story === undefined
      ? index.stories.map((s) => s.slug)
      : typeof story === "string"
        ? [story]
        : story;
  const lead =
    slugs.length === 1
      ? index.passagesOf(slugs[0] ?? "")
      : slugs.flatMap((slug) => index.passagesOf(slug).slice(0, 1));
  const results = lead.slice(offset, offset + top).map((passage): AnswerResult => {
    const info = index.story(passage.story);
    return {
      id: passage.id,
      score: 0,
      text: passage.text,
      bestSentence: splitSentences(passage.text)[0] ?? passage.text,
      terms: [],
      missing: [],
      citation: {
        story: passage.story,
        title: info?.title ?? passage.story,
        paragraph: passage.paragraph,
        url: info?.url ?? null,
      },
    };
  });
  const outcome: Outcome = results.length > 0 || offset > 0 ? "answered" : "refused";
  return { question, outcome, answered: outcome === "answered", confidence: 1, results };
}
