import type { SearchIndex } from "../search/index.ts";
import { answer } from "./answer.ts";
import type { Question } from "./question.ts";
import type { Answer, AnswerOptions } from "./types.ts";

/** An answer, and the story it was kept to because the conversation was about it (null when not). */
export interface AnswerInConversation {
  readonly answer: Answer;
  readonly keptTo: string | null;
}

/**
 * True when an answer is sure enough for its channel to talk about its story from then on:
 * answered, or labelled likely. Likely ones too since answers start at 0.75: a follow-up typed as
 * /ask after one, all the news test bed's stories in one corpus, gets its paragraph 55 → 56 of 80
 * times on fit, 14 → 16 of 24 on choose (2026-12-07), as when answers started at 0.5.
 */
export function setsTalk(a: Answer): boolean {
  return a.outcome === "answered" || a.likely === true;
}

// Words by which a request for the gist asks for every story's ("what are the stories about",
// "whats the news", "tldr of both").
const EVERY_STORY = new Set([
  "stories",
  "articles",
  "pieces",
  "all",
  "both",
  "each",
  "every",
  "everything",
  "news",
]);

/**
 * Answers a question asked where one story is being talked about (`talkedAbout`, the story of the
 * channel's last answer): from every story, unless that answer is uncertain and the talked-about
 * story alone gives a surer one, which is then the answer. "whos the mayor there" asked after a
 * question on a derailment names no story; the derailment story holds its mayor.
 *
 * A request for the gist ("tl;dr?") is answered with that story's, unless it asks for every
 * story's ("what are the stories about"). Otherwise only an uncertain answer is replaced: an
 * answered one stands whatever the conversation, and a refused one was refused for its words (a
 * name no story names, or another subject). On the news test bed's fit split, all stories in one
 * corpus, each question asked after one on its own story: answered and right 620 → 695 of 1,224,
 * confidently wrong 25 → 32; asked after one on another story: 620 → 620 and 25 → 57, mostly chat
 * and keyword questions that name nothing ("death toll"), which the other story answers. Replacing
 * any surer answer, answered ones too, gave 700 and 27, but 600 and 77.
 */
export function answerTalkedAbout(
  index: SearchIndex,
  question: Question,
  options: AnswerOptions,
  talkedAbout: string | null,
): AnswerInConversation {
  const talking =
    talkedAbout !== null &&
    options.story === undefined &&
    (options.offset ?? 0) === 0 &&
    index.stories.length >= 2 &&
    index.story(talkedAbout) !== undefined;
  // "tl;dr?" asked where a story is talked about asks for its gist, not every story's.
  if (talking && question.summary && !question.words.some((w) => EVERY_STORY.has(w))) {
    const kept = Object.assign({}, options, { story: talkedAbout });
    return { answer: answer(index, question, kept), keptTo: talkedAbout };
  }
  const wide = answer(index, question, options);
  if (talkedAbout === null || !talking || wide.outcome !== "uncertain") {
    return { answer: wide, keptTo: null };
  }
  const within = answer(index, question, Object.assign({}, options, { story: talkedAbout }));
  const surer =
    within.outcome !== "refused" &&
    within.results.length > 0 &&
    within.confidence > wide.confidence;
  return surer ? { answer: within, keptTo: talkedAbout } : { answer: wide, keptTo: null };
}
