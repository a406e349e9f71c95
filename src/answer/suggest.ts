import { setImmediate } from "node:timers/promises";
import { splitSentences } from "../corpus/sentences.ts";
import type { Passage } from "../corpus/types.ts";
import { defaultLexicon } from "../language/lexicon.ts";
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
// spaces only, or by "of", "for" or "&" between two of them ("Secretary of State Marco Rubio",
// "Office for Digital Privacy Enforcement", "Great Plains & Western Railroad"): a comma, a dash or
// the end of a sentence ends it.
const NAME_RUN = /\p{Lu}[\p{L}\p{M}'’.-]*(?:(?: (?:of|for|&))? \p{Lu}[\p{L}\p{M}'’.-]*)+/gu;
// A run with no lower-case letter is a wire dateline ("JEFFERSON CITY, Mo. —", in 17 of the news
// test bed's 64 stories): where the story was filed, not what it is about.
const ALL_CAPITALS = /^[^\p{Ll}]*$/u;
// What a name run ends with that is not part of the name: a possessive's "'s" ("the American
// Professional Basketball League's owners"), or a sentence's full stop.
const TRAILING = /(?:['’]s)?[.'’-]*$/u;

/** How a story writes one name: how often, where first, and how often after "the". */
interface NameUse {
  count: number;
  readonly first: number;
  afterThe: number;
}

/** A run of capitalised words as a sentence writes it. */
interface Run {
  readonly text: string;
  /** Nothing but an opening quote or bracket stands before it in its sentence. */
  readonly opens: boolean;
  /** "the" stands just before it. */
  readonly afterThe: boolean;
}

// Where a run's first word may be no part of the name, and a possessive inside a run ("Huddlepost's
// European users") that parts two.
const CONNECTOR = /^(?:of|for|&)$/u;
const POSSESSIVE_INSIDE = /['’]s (?=\p{Lu})/u;

/**
 * Questions a story's own passages suggest, most promising first: what it says about the names it
 * mentions most (people, bodies, places of two words or more), with "the" when the story mostly
 * writes one ("the Green Alliance"). The caller keeps those the bot answers.
 */
export function candidateQuestions(passages: readonly Passage[]): string[] {
  const runs: Run[] = [];
  // Words the story capitalises where no sentence starts: names, not a sentence's first word.
  const named = new Set<string>();
  for (const passage of passages) {
    if (passage.kind === "headline") continue;
    for (const sentence of splitSentences(passage.text)) {
      for (const match of sentence.matchAll(NAME_RUN)) {
        if (ALL_CAPITALS.test(match[0])) continue;
        const head = sentence.slice(0, match.index);
        const opens = head.trim().replace(/^["“'‘(]+/u, "") === "";
        match[0].split(POSSESSIVE_INSIDE).forEach((text, i) => {
          const first = i > 0 || !opens;
          runs.push({ text, opens: !first, afterThe: i === 0 && /\bthe\s+$/iu.test(head) });
          for (const [k, word] of text.split(" ").entries()) {
            if (first || k > 0) named.add(word.toLowerCase());
          }
        });
      }
    }
  }
  const uses = new Map<string, NameUse>();
  let at = 0;
  for (const run of runs) {
    const name = nameOf(run, named);
    if (name === null) continue;
    const use = uses.get(name.text) ?? { count: 0, first: at++, afterThe: 0 };
    use.count++;
    if (name.afterThe) use.afterThe++;
    uses.set(name.text, use);
  }
  return [...uses]
    .sort((a, b) => b[1].count - a[1].count || a[1].first - b[1].first)
    .map(
      ([name, use]) =>
        `What does the story say about ${use.afterThe * 2 > use.count ? "the " : ""}${name}?`,
    );
}

/**
 * A run as a name: without its trailing "'s" or full stop, and without a first word that is no part
 * of it (a stop word, "While National Security…", or "The Dutch Office…", which says that "the" goes
 * with the name; or, opening its sentence, a word the story never capitalises elsewhere,
 * "Twenty-six Democrats"), then without a "for" or "of" left in front, and cut at one after a
 * name; null when one word is left.
 */
function nameOf(
  run: Run,
  named: ReadonlySet<string>,
): { readonly text: string; readonly afterThe: boolean } | null {
  const words = run.text.replace(TRAILING, "").split(" ");
  // "of" or "for" after a name ends it: "Sen. Thomas Keegan of Scranton" is Keegan, from Scranton;
  // after a common noun it is inside one ("Board of Commissioners", "Office for Digital Privacy").
  const frequencies = defaultLexicon().frequencies;
  const after = words.findIndex(
    (word, i) =>
      i > 0 &&
      CONNECTOR.test(word) &&
      frequencies?.writtenLowerCase((words[i - 1] ?? "").toLowerCase()) !== true,
  );
  if (after > 0) words.splice(after);
  const first = (words[0] ?? "").toLowerCase();
  if (STOP_WORDS.has(first) || (run.opens && !named.has(first))) words.shift();
  while (CONNECTOR.test(words[0] ?? "")) words.shift();
  const afterThe = run.afterThe || first === "the";
  return words.length >= 2 ? { text: words.join(" "), afterThe } : null;
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
