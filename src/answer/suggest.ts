import type { Passage } from "../corpus/types.ts";
import { STOP_WORDS } from "../language/text.ts";

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
