import { STOP_WORDS, tokenize } from "../language/text.ts";

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
 */
export function asksForSummary(question: string): boolean {
  const words = tokenize(question);
  return (
    words.some((w) => SUMMARY_CUES.has(w)) &&
    words.every((w) => STOP_WORDS.has(w) || SUMMARY_CUES.has(w) || SUMMARY_COMPANIONS.has(w))
  );
}
