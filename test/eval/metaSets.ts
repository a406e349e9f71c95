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

interface MetaSet {
  readonly set: string;
  readonly questions: readonly MetaSetQuestion[];
}

const META_DIR = join(NEWS_DIR, "meta");

/** The sets, in file order. */
export function loadMetaSets(): MetaSet[] {
  return readdirSync(META_DIR)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(META_DIR, f), "utf8")) as MetaSet);
}

/** The table of what members see for each set, asked of its own stories and of all of `news`. */
export function metaTable(
  sets: readonly MetaSet[],
  news: readonly NewsStory[],
  all: SearchIndex,
): string {
  const rows: string[] = [];
  for (const set of sets) {
    const slugs = new Set(set.questions.flatMap((q) => (q.story ? [q.story] : [])));
    const own = SearchIndex.build(news.filter((n) => slugs.has(n.story.slug)).map((n) => n.story));
    for (const [where, index] of [
      [`its ${slugs.size} stories`, own],
      ["all stories", all],
    ] as const) {
      rows.push(`| ${set.set}, ${where} | ${cells(set, index)} |`);
    }
  }
  return `| set, asked of | about the story as a document: details given | named story picked | put to the bot: no passage shown | about events: right paragraph shown | about events: taken for a document or the bot |\n|---|---:|---:|---:|---:|---:|\n${rows.join("\n")}`;
}

function cells(set: MetaSet, index: SearchIndex): string {
  const of = (group: MetaSetQuestion["group"]) => set.questions.filter((q) => q.group === group);
  const documents = of("document");
  const given = documents.filter((q) => metaQuestion(index, q.question)?.kind === "document");
  const named = documents.filter((q) => q.story);
  const picked = named.filter((q) => {
    const m = metaQuestion(index, q.question);
    return m?.kind === "document" && m.story === q.story;
  });
  const bots = of("bot");
  const quiet = bots.filter((q) => scoreQuestion(index, "", asked(q)).answer.results.length === 0);
  const events = of("story");
  const shown = events.filter((q) => scoreQuestion(index, q.story ?? "", asked(q)).shown);
  const taken = events.filter((q) => metaQuestion(index, q.question) !== null);
  return [
    share(given.length, documents.length),
    share(picked.length, named.length),
    share(quiet.length, bots.length),
    share(shown.length, events.length),
    `${taken.length} of ${events.length}`,
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
