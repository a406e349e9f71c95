import { setImmediate } from "node:timers/promises";
import { splitSentences } from "../corpus/sentences.ts";
import type { Passage } from "../corpus/types.ts";
import { STOP_WORDS } from "../language/text.ts";
import type { SearchIndex } from "../search/index.ts";
import { type Examination, examine } from "./examine.ts";
import { judge } from "./outcome.ts";
import { readQuestion } from "./question.ts";

/** The question every corpus answers with its headlines and first paragraphs. */
export function summaryQuestion(stories: number): string {
  return stories > 1 ? "What are the stories about?" : "What is the story about?";
}

// A run of capitalised words ("Defense Secretary Pete Hegseth", "US Cyber Command"), joined by
// spaces only: a comma, a dash or the end of a sentence ends it.
const NAME_RUN = /\p{Lu}[\p{L}\p{M}'’.-]*(?: \p{Lu}[\p{L}\p{M}'’.-]*)+/gu;
// A run with no lower-case letter is a wire dateline ("JEFFERSON CITY, Mo. —", in 17 of the news
// test bed's 64 stories): where the story was filed, not what it is about.
const ALL_CAPITALS = /^[^\p{Ll}]*$/u;
// What a name run ends with that is not part of the name: a possessive's "'s" ("the American
// Professional Basketball League's owners"), or a sentence's full stop.
const TRAILING = /(?:['’]s)?[.'’-]*$/u;

/**
 * Questions a story's own passages suggest, most promising first: what it says about the names it
 * mentions most (people, bodies, places of two words or more). The caller keeps those the bot answers.
 */
export function candidateQuestions(passages: readonly Passage[]): string[] {
  const counts = new Map<string, { count: number; first: number }>();
  let at = 0;
  for (const passage of passages) {
    if (passage.kind === "headline") continue;
    for (const sentence of splitSentences(passage.text)) {
      for (const match of sentence.matchAll(NAME_RUN)) {
        if (ALL_CAPITALS.test(match[0])) continue;
        const name = withoutLeadingStopWord(match[0].replace(TRAILING, ""));
        if (name === null) continue;
        const seen = counts.get(name);
        counts.set(name, { count: (seen?.count ?? 0) + 1, first: seen?.first ?? at++ });
      }
    }
  }
  const names = [...counts]
    .sort((a, b) => b[1].count - a[1].count || a[1].first - b[1].first)
    .map(([name]) => name);
  return names.map((name) => `What does the story say about ${name}?`);
}

/** A name run without a sentence's capitalised first word ("While National Security…"); null when one word is left. */
function withoutLeadingStopWord(run: string): string | null {
  const words = run.split(" ");
  if (STOP_WORDS.has((words[0] ?? "").toLowerCase())) words.shift();
  return words.length >= 2 ? words.join(" ") : null;
}

// Questions suggested by a refusal: a few, from the names of the story closest to the question (or
// the one asked about), each checked until enough are found.
const SUGGESTIONS = 3;
const SUGGESTION_CANDIDATES = 8;
// The checked questions of each story, the same for every refusal from one index, so worked out
// once per story; weak, so a replaced index frees them. Checking a candidate is a search: at
// 10,000 passages a story's first check took 2.3 ms and the next ones 0.5–1 ms (6.6 a story).
const answeredCache = new WeakMap<SearchIndex, Map<string, readonly string[]>>();

/** The story to suggest questions from: the one asked about, else that of the closest passage. */
export function suggestedStory(
  index: SearchIndex,
  found: Examination,
  story: string | undefined,
): string | undefined {
  return story ?? found.rated[0]?.hit.story.slug ?? index.stories[0]?.slug;
}

/**
 * Questions the stories answer, to offer with a refusal: what they are about (or the one story asked
 * about, when `scoped`), then what the closest story says about the names it mentions most, each
 * checked to be answered.
 */
export function suggestQuestions(
  index: SearchIndex,
  slug: string | undefined,
  scoped: boolean,
): readonly string[] {
  return [summaryQuestion(scoped ? 1 : index.stories.length), ...answeredAbout(index, slug)];
}

/** The story's candidate questions that the bot answers, checked in turn until enough are found. */
function answeredAbout(index: SearchIndex, slug: string | undefined): readonly string[] {
  const cached = answeredByStory(index).get(slug ?? "");
  if (cached !== undefined) return cached;
  const checks = checkingAbout(index, slug);
  let step = checks.next();
  while (step.done !== true) step = checks.next();
  return step.value;
}

/** The checked questions of each story of the index so far. */
function answeredByStory(index: SearchIndex): Map<string, readonly string[]> {
  let perIndex = answeredCache.get(index);
  if (perIndex === undefined) {
    perIndex = new Map();
    answeredCache.set(index, perIndex);
  }
  return perIndex;
}

/** Checks the story's candidate questions, yielding after each; remembers and returns those answered. */
function* checkingAbout(
  index: SearchIndex,
  slug: string | undefined,
): Generator<void, readonly string[]> {
  const answered: string[] = [];
  const candidates = slug === undefined ? [] : candidateQuestions(index.passagesOf(slug));
  for (const question of candidates.slice(0, SUGGESTION_CANDIDATES)) {
    if (answered.length >= SUGGESTIONS - 1) break;
    const asked = readQuestion(index, question);
    const found = examine(index, asked, index.stories.length > 1 && slug ? { story: slug } : {});
    if (judge(found).outcome === "answered") answered.push(question);
    yield;
  }
  answeredByStory(index).set(slug ?? "", answered);
  return answered;
}

/**
 * Checks every story's suggestions ahead of its first refusal, one question per turn of the event
 * loop so that questions are answered in between, until done or `served` says the index was
 * replaced. A refusal near a story not yet met then costs no search (7–15 ms at 10,000 passages,
 * 10–36 ms at 100,102). A story a turn held the thread for up to 53 ms at 100,102 passages (p99
 * 9.8 ms of 1,549 turns); a question a turn, for at most one search.
 */
export async function prepareSuggestions(index: SearchIndex, served: () => boolean): Promise<void> {
  for (const story of index.stories) {
    if (!served()) return;
    if (answeredByStory(index).has(story.slug)) continue;
    for (const _ of checkingAbout(index, story.slug)) {
      await setImmediate();
      if (!served()) return;
    }
  }
}
