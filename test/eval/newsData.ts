/**
 * The news test bed (test/fixtures/news/): fictional wire stories, each with a question set written
 * blind by a helper that saw only that story, split by story into fit, choose and a locked test.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { loadCorpus } from "../../src/corpus/load.ts";
import type { Story } from "../../src/corpus/types.ts";
import type { SearchIndex } from "../../src/search/index.ts";

/** Where the test bed lives. */
export const NEWS_DIR = join(import.meta.dirname, "..", "fixtures", "news");

/** The three parts of the test bed, by story. */
export const SPLITS = ["fit", "choose", "test"] as const;
export type Split = (typeof SPLITS)[number];

/** How a question is asked. Out-of-scope styles have no paragraphs. */
export const IN_SCOPE_STYLES = [
  "plain",
  "chat",
  "reworded",
  "yesno",
  "why",
  "quote",
  "number",
  "long",
  "keyword",
] as const;
export const OUT_OF_SCOPE_STYLES = ["near-miss", "unrelated"] as const;
export type Style = (typeof IN_SCOPE_STYLES)[number] | (typeof OUT_OF_SCOPE_STYLES)[number];

/** One question of a story's set. */
export interface NewsQuestion {
  readonly question: string;
  readonly style: Style;
  /** 1-based paragraphs that answer it; empty for out-of-scope questions. */
  readonly paragraphs: readonly number[];
  /** The exact words of the story that answer a factoid question, or null. */
  readonly answer: string | null;
  /** The answer to a yes/no question, or null. */
  readonly yes: boolean | null;
  /** True for a question asked yes-or-no that no bare yes or no answers: the story leaves it open. */
  readonly unsettled: boolean;
  /** The unrelated set (`unrelated/<set>.json`) it was dealt from, when it was written apart from the story. */
  readonly set?: string;
  /** Where the other story of its pair answers it too (`pairs/`), when it does. */
  readonly sibling?: SiblingAnswer;
}

/**
 * Where the other story of a pair on one subject answers a question written about the first, as a
 * helper that saw both stories and their sets judged it (`pairs/<A>-<B>.json`).
 */
export interface SiblingAnswer {
  /** The sibling story's slug. */
  readonly story: string;
  /** Its 1-based paragraphs that answer the question. */
  readonly paragraphs: readonly number[];
  /** Its exact words that answer a factoid question, or null. */
  readonly answer: string | null;
  /** The yes or no it settles, or null. */
  readonly yes: boolean | null;
}

/** A story's paragraphs that answer a question, and the answer they give. */
export type Gold = SiblingAnswer;

/**
 * Where the stories an index holds answer a question: its own story's paragraphs, and its pair's
 * other story's when that story is loaded and answers it too; none for a question out of scope.
 */
export function goldOf(index: SearchIndex, story: string, q: NewsQuestion): Gold[] {
  const gold: Gold[] = [];
  if (q.paragraphs.length > 0)
    gold.push({ story, paragraphs: q.paragraphs, answer: q.answer, yes: q.yes });
  if (q.sibling !== undefined && index.story(q.sibling.story) !== undefined) gold.push(q.sibling);
  return gold;
}

/** True when a paragraph of a story is one of the gold's. */
export function answersAt(gold: readonly Gold[], story: string, paragraph: number): boolean {
  return gold.some((g) => g.story === story && g.paragraphs.includes(paragraph));
}

/** A first question and a follow-up that leans on it ("why?", "what did he say?"). */
export interface FollowUp {
  readonly first: string;
  readonly firstParagraphs: readonly number[];
  readonly followUp: string;
  readonly paragraphs: readonly number[];
  readonly answer: string | null;
}

/** One story of the test bed with its questions. */
export interface NewsStory {
  readonly story: Story;
  readonly split: Split;
  readonly questions: readonly NewsQuestion[];
  readonly followUps: readonly FollowUp[];
}

interface QuestionFile {
  readonly story: string;
  readonly questions: readonly Partial<NewsQuestion>[];
  readonly followUps?: readonly FollowUp[];
}

/** True when a question is about something the story says. */
export function inScope(q: NewsQuestion): boolean {
  return q.paragraphs.length > 0;
}

/** The split file: stories by their numbers, and the unrelated question sets by their names. */
interface SplitFile extends Record<Split, readonly string[]> {
  readonly unrelated?: Partial<Record<Split, readonly string[]>>;
}

/** A set of questions about nothing in the news (`unrelated/`), written apart from any story. */
export interface UnrelatedFile {
  readonly note: string;
  readonly questions: readonly string[];
}

/** Where the question sets about nothing in the news live. */
export const UNRELATED_DIR = join(NEWS_DIR, "unrelated");

/** Where the judgments of which questions a pair's other story answers live. */
export const PAIRS_DIR = join(NEWS_DIR, "pairs");

/** One pair's judgments: each question of either story, judged against the other. */
interface PairFile {
  readonly pair: readonly [string, string];
  readonly labels: readonly {
    readonly of: string;
    readonly question: string;
    readonly other: string;
    readonly paragraphs: readonly number[];
    readonly answer: string | null;
    readonly yes: boolean | null;
  }[];
}

/**
 * Reads the stories, their question sets and the split; a story without questions is left out.
 * The unrelated sets are dealt out to the stories of their split in turn, as unrelated questions
 * asked of them.
 */
export async function loadNews(): Promise<NewsStory[]> {
  const split = JSON.parse(readFileSync(join(NEWS_DIR, "split.json"), "utf8")) as SplitFile;
  const stories = await loadStoriesAndQuestions(NEWS_DIR, (slug) => {
    const number = slug.slice(0, 2);
    const found = SPLITS.find((s) => split[s].includes(number));
    if (found === undefined) throw new Error(`news test bed: story "${slug}" is in no split`);
    return found;
  });
  // Each split's sets, read once, as the questions they deal out.
  const written = new Map(
    SPLITS.map((part) => [
      part,
      (split.unrelated?.[part] ?? []).flatMap((set) =>
        readUnrelated(set).questions.map(
          (question): NewsQuestion => ({
            question,
            style: "unrelated",
            paragraphs: [],
            answer: null,
            yes: null,
            unsettled: false,
            set,
          }),
        ),
      ),
    ]),
  );
  const paired = withSiblings(stories, PAIRS_DIR);
  return paired.map((n, _, all) => {
    const ofSplit = all.filter((m) => m.split === n.split);
    const turn = ofSplit.indexOf(n);
    const dealt = (written.get(n.split) ?? []).filter((_, i) => i % ofSplit.length === turn);
    return dealt.length === 0 ? n : { ...n, questions: [...n.questions, ...dealt] };
  });
}

/**
 * The stories with each question that its pair's other story answers too given that answer
 * (`sibling`), from the judgments in `dir`; a judgment naming a story or question the test bed
 * lacks is an error, so that an edited question cannot silently lose its label.
 */
export function withSiblings(stories: readonly NewsStory[], dir: string): NewsStory[] {
  const byNumber = new Map(stories.map((n) => [n.story.slug.slice(0, 2), n]));
  const siblings = new Map<string, Map<string, SiblingAnswer>>();
  for (const name of readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()) {
    const file = JSON.parse(readFileSync(join(dir, name), "utf8")) as PairFile;
    for (const label of file.labels) {
      const own = byNumber.get(label.of);
      const other = byNumber.get(label.other);
      if (own === undefined || other === undefined || !file.pair.includes(label.of))
        throw new Error(`pairs/${name}: no story ${label.of} or ${label.other} in the test bed`);
      if (!own.questions.some((q) => q.question === label.question))
        throw new Error(`pairs/${name}: story ${label.of} asks no "${label.question}"`);
      if (label.paragraphs.length === 0) continue;
      const answers = siblings.get(own.story.slug) ?? new Map<string, SiblingAnswer>();
      answers.set(label.question, {
        story: other.story.slug,
        paragraphs: label.paragraphs,
        answer: label.answer,
        yes: label.yes,
      });
      siblings.set(own.story.slug, answers);
    }
  }
  return stories.map((n) => {
    const answers = siblings.get(n.story.slug);
    if (answers === undefined) return n;
    const questions = n.questions.map((q) => {
      const sibling = answers.get(q.question);
      return sibling === undefined ? q : { ...q, sibling };
    });
    return { ...n, questions };
  });
}

/** One set of questions about nothing in the news, by its name (`unrelated/<name>.json`). */
export function readUnrelated(name: string): UnrelatedFile {
  return JSON.parse(readFileSync(join(UNRELATED_DIR, `${name}.json`), "utf8")) as UnrelatedFile;
}

/**
 * Reads a question set kept outside the project, laid out as the test bed is (`stories/` and
 * `questions/` under `dir`, no split file): scored as a locked split, its misses not printed.
 */
export async function loadOutside(dir: string): Promise<NewsStory[]> {
  return loadStoriesAndQuestions(dir, () => "test");
}

async function loadStoriesAndQuestions(
  dir: string,
  splitOf: (slug: string) => Split,
): Promise<NewsStory[]> {
  const { stories, problems } = await loadCorpus(join(dir, "stories"));
  if (problems.length > 0) {
    throw new Error(`news test bed: ${problems.map((p) => `${p.file}: ${p.message}`).join("; ")}`);
  }
  const files = new Set(readdirSync(join(dir, "questions")));
  const out: NewsStory[] = [];
  for (const story of stories) {
    if (!files.has(`${story.slug}.json`)) continue;
    const file = JSON.parse(
      readFileSync(join(dir, "questions", `${story.slug}.json`), "utf8"),
    ) as QuestionFile;
    const questions = file.questions.map(
      (q): NewsQuestion => ({
        question: q.question ?? "",
        style: q.style ?? "plain",
        paragraphs: q.paragraphs ?? [],
        answer: q.answer ?? null,
        yes: q.yes ?? null,
        unsettled: q.unsettled ?? false,
      }),
    );
    out.push({ story, split: splitOf(story.slug), questions, followUps: file.followUps ?? [] });
  }
  return out.sort((a, b) => a.story.slug.localeCompare(b.story.slug));
}
