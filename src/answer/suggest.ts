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
// spaces only: a comma or a dash ends it.
const NAME_RUN = /\p{Lu}[\p{L}\p{M}'’.-]*(?: \p{Lu}[\p{L}\p{M}'’.-]*)+/gu;

/**
 * Questions a story's own passages suggest, most promising first: what it says about the names it
 * mentions most (people, bodies, places of two words or more). The caller keeps those the bot answers.
 */
export function candidateQuestions(passages: readonly Passage[]): string[] {
  const counts = new Map<string, { count: number; first: number }>();
  let at = 0;
  for (const passage of passages) {
    if (passage.kind === "headline") continue;
    for (const match of passage.text.matchAll(NAME_RUN)) {
      const name = withoutLeadingStopWord(match[0].replace(/[.'’-]+$/u, ""));
      if (name === null) continue;
      const seen = counts.get(name);
      counts.set(name, { count: (seen?.count ?? 0) + 1, first: seen?.first ?? at++ });
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
// The same for every refusal from one index and story, so worked out once per story; weak, so a
// replaced index frees them. Checking a candidate is a search: at 100,000 passages about 3 ms.
const suggestionCache = new WeakMap<SearchIndex, Map<string, readonly string[]>>();

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
  const perIndex = suggestionCache.get(index) ?? new Map<string, readonly string[]>();
  suggestionCache.set(index, perIndex);
  const key = `${scoped ? "story:" : ""}${slug ?? ""}`;
  const cached = perIndex.get(key);
  if (cached !== undefined) return cached;
  const suggestions = [summaryQuestion(scoped ? 1 : index.stories.length)];
  const candidates = slug === undefined ? [] : candidateQuestions(index.passagesOf(slug));
  for (const question of candidates.slice(0, SUGGESTION_CANDIDATES)) {
    if (suggestions.length >= SUGGESTIONS) break;
    const asked = readQuestion(index, question);
    const found = examine(index, asked, index.stories.length > 1 && slug ? { story: slug } : {});
    if (judge(found).outcome === "answered") suggestions.push(question);
  }
  perIndex.set(key, suggestions);
  return suggestions;
}
