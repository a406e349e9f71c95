import { splitSentences } from "../corpus/sentences.ts";
import { STOP_WORDS } from "../language/text.ts";
import type { SearchIndex } from "../search/index.ts";
import type { Answer, AnswerResult, Outcome } from "./types.ts";

// Words that ask for the gist of a story rather than something in it ("tl;dr", "what happened?",
// "what's this article about?"), and words that may stand beside them ("give me the main points").
const SUMMARY_CUES: ReadonlySet<string> = new Set([
  ...["summary", "summarize", "summarise", "sum", "recap", "overview", "gist", "rundown"],
  ...["tldr", "tl", "dr", "nutshell", "happened", "happening", "going", "about", "story"],
  ...["stories", "article", "articles", "news", "piece"],
]);
const SUMMARY_COMPANIONS: ReadonlySet<string> = new Set([
  ...["main", "key", "points", "point", "short", "version", "brief", "briefly", "quick"],
  ...["quickly", "give", "me", "here", "today", "whole", "up", "on"],
]);

/**
 * True when a question asks what the story is about ("what happened?", "tl;dr", "whats the tldr
 * here", "summarize it"), not something in it: every word is a stop word or a word of summary, and
 * one asks for it. Any word of substance ("what happened to the talks") makes it an ordinary question.
 *
 * @param words the question's words, tokenized
 */
export function asksForSummary(words: readonly string[]): boolean {
  return (
    words.some((w) => SUMMARY_CUES.has(w)) &&
    words.every((w) => STOP_WORDS.has(w) || SUMMARY_CUES.has(w) || SUMMARY_COMPANIONS.has(w))
  );
}

/**
 * What the stories are about: one story's headline and first paragraphs, or, when there are
 * several, each story's headline; the answer to a request for a summary.
 */
export function summarize(
  index: SearchIndex,
  question: string,
  top: number,
  offset: number,
  story: string | undefined,
): Answer {
  const slugs = story === undefined ? index.stories.map((s) => s.slug) : [story];
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
