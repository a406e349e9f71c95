/**
 * The document and bot question sets (`test/fixtures/news/meta/`): questions about a story as a
 * document ("source?"), put to the bot ("who are you") and, with the same words, about a story's
 * events ("what journal published the study"), each asked of its three stories in one corpus and
 * of every story; scored the way a member sees them.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { metaQuestion } from "../../src/answer/metaQuestion.ts";
import { SearchIndex } from "../../src/search/index.ts";
import { NEWS_DIR, type NewsStory } from "./newsData.ts";
import { scoreQuestion } from "./newsScore.ts";

/** One question of a document and bot set. */
interface MetaSetQuestion {
  readonly question: string;
  readonly group: "document" | "bot" | "story";
  /** The story a document question names, or a story question is about (its slug). */
  readonly story?: string | null;
  readonly paragraphs?: readonly number[];
}

export interface MetaSet {
  readonly set: string;
  readonly questions: readonly MetaSetQuestion[];
}

const META_DIR = join(NEWS_DIR, "meta");

/** The sets, in file order. */
export function loadMetaSets(): MetaSet[] {
  return readSets<MetaSet>(META_DIR);
}

/** The JSON files of a folder of question sets, parsed, in file order. */
export function readSets<T>(dir: string): T[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), "utf8")) as T);
}

/** The table of what members see for each set, asked of its own stories and of all of `news`. */
export function metaTable(
  sets: readonly MetaSet[],
  news: readonly NewsStory[],
  all: SearchIndex,
): string {
  const rows: string[] = [];
  for (const set of sets) {
    const own = ownIndex(set, news);
    const stories = new Set(set.questions.flatMap((q) => (q.story ? [q.story] : []))).size;
    for (const [where, index] of [
      [`its ${stories} stories`, own],
      ["all stories", all],
    ] as const) {
      rows.push(`| ${set.set}, ${where} | ${cells(set, index)} |`);
    }
  }
  return `| set, asked of | about the story as a document: details given | named story picked | put to the bot: no passage shown | about events: right paragraph shown | about events: taken for a document or the bot |\n|---|---:|---:|---:|---:|---:|\n${rows.join("\n")}`;
}

/** What members see of one set's questions asked of one index, counted by group. */
export interface MetaCounts {
  readonly documents: number;
  /** Document questions given the story's details. */
  readonly given: number;
  /** Document questions that name a story. */
  readonly named: number;
  /** Of those, answered with the story they name. */
  readonly picked: number;
  readonly bots: number;
  /** Questions put to the bot shown no passage (a line of the bot's own, or a refusal). */
  readonly quiet: number;
  readonly events: number;
  /** Questions about events shown their right paragraph. */
  readonly shown: number;
  /** Questions about events taken for a document or bot question. */
  readonly taken: number;
}

/** Counts what members see of `set`'s questions asked of `index`. */
export function metaCounts(set: MetaSet, index: SearchIndex): MetaCounts {
  const of = (group: MetaSetQuestion["group"]) => set.questions.filter((q) => q.group === group);
  const documents = of("document");
  const meta = (q: MetaSetQuestion) => metaQuestion(index, q.question);
  const named = documents.filter((q) => q.story);
  const events = of("story");
  return {
    documents: documents.length,
    given: documents.filter((q) => meta(q)?.kind === "document").length,
    named: named.length,
    picked: named.filter((q) => {
      const m = meta(q);
      return m?.kind === "document" && m.story === q.story;
    }).length,
    bots: of("bot").length,
    quiet: of("bot").filter((q) => scoreQuestion(index, "", asked(q)).answer.results.length === 0)
      .length,
    events: events.length,
    shown: events.filter((q) => scoreQuestion(index, q.story ?? "", asked(q)).shown).length,
    taken: events.filter((q) => meta(q) !== null).length,
  };
}

/** The index of a set's own stories, in one corpus. */
export function ownIndex(set: MetaSet, news: readonly NewsStory[]): SearchIndex {
  const slugs = new Set(set.questions.flatMap((q) => (q.story ? [q.story] : [])));
  return SearchIndex.build(news.filter((n) => slugs.has(n.story.slug)).map((n) => n.story));
}

function cells(set: MetaSet, index: SearchIndex): string {
  const c = metaCounts(set, index);
  return [
    share(c.given, c.documents),
    share(c.picked, c.named),
    share(c.quiet, c.bots),
    share(c.shown, c.events),
    `${c.taken} of ${c.events}`,
  ].join(" | ");
}

function asked(q: MetaSetQuestion) {
  return {
    question: q.question,
    style: "plain" as const,
    paragraphs: q.paragraphs ?? [],
    answer: null,
    yes: null,
    unsettled: false,
  };
}

function share(part: number, whole: number): string {
  return `${part} of ${whole} (${whole === 0 ? 0 : Math.round((100 * part) / whole)}%)`;
}
