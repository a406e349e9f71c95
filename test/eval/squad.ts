/**
 * Passage retrieval on SQuAD v1.1 dev: does the first (or one of the first three) passages returned
 * lie inside the paragraph a question was written from?
 *
 * Each SQuAD article becomes a story made by the bot's own corpus code (`parseStory`), each
 * paragraph one block, so a paragraph longer than the splitter's limit becomes several passages;
 * every article of a half is pooled in one index. Our `SearchIndex` runs beside three baselines on
 * the same passages. Tune only on the tune half; the test half is for reporting.
 *
 * Usage: `npm run eval [-- --half tune|test] [--json path]`
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import lunr from "lunr";
import MiniSearch from "minisearch";
import { stemmer } from "stemmer";
import { eng } from "stopword";
import { answer } from "../../src/answer/answer.ts";
import { parseStory } from "../../src/corpus/load.ts";
import type { Passage, Story } from "../../src/corpus/types.ts";
import { EMPTY_LEXICON } from "../../src/language/lexicon.ts";
import { SearchIndex } from "../../src/search/index.ts";
import type { IndexOptions } from "../../src/search/types.ts";

const HERE = dirname(fileURLToPath(import.meta.url));
const SQUAD_DIR = join(HERE, "..", "fixtures", "squad");
const HALVES = ["tune", "test"] as const;
type Half = (typeof HALVES)[number];
// Ranks beyond this count as a miss in MRR, as in MRR@10.
const MRR_DEPTH = 10;

interface SquadFile {
  readonly data: readonly {
    readonly title: string;
    readonly paragraphs: readonly {
      readonly context: string;
      readonly qas: readonly { readonly id: string; readonly question: string }[];
    }[];
  }[];
}

interface Question {
  readonly text: string;
  /** `<story-slug>#<paragraph>`: any passage of that paragraph is a hit. */
  readonly gold: string;
}

interface Dataset {
  readonly stories: Story[];
  readonly passages: Passage[];
  readonly questions: Question[];
  readonly paragraphs: number;
}

/** A retrieval system under test: passage ids, best first. */
interface System {
  readonly name: string;
  readonly search: (question: string) => readonly string[];
}

interface Scores {
  readonly system: string;
  readonly top1: number;
  readonly top3: number;
  readonly mrr: number;
  readonly msPerQuery: number;
}

function loadHalf(half: Half): Dataset {
  const file = join(SQUAD_DIR, `squad-v1.1-dev-${half}.json`);
  const squad = JSON.parse(readFileSync(file, "utf8")) as SquadFile;
  const stories: Story[] = [];
  const questions: Question[] = [];
  let paragraphs = 0;
  for (const article of squad.data) {
    const title = article.title.replace(/_/g, " ");
    // One line per paragraph, blank lines between: the splitter keeps each as one block.
    const body = article.paragraphs.map((p) => p.context.replace(/\s+/g, " ").trim()).join("\n\n");
    const story = parseStory(`${article.title}.md`, `---\ntitle: ${title}\n---\n${body}\n`);
    const found = new Set(story.passages.map((p) => p.paragraph)).size;
    if (found !== article.paragraphs.length) {
      throw new Error(
        `squad eval: article ${article.title} has ${article.paragraphs.length} paragraphs but the splitter made ${found}`,
      );
    }
    stories.push(story);
    paragraphs += found;
    article.paragraphs.forEach((p, i) => {
      for (const qa of p.qas) questions.push({ text: qa.question, gold: `${story.slug}#${i + 1}` });
    });
  }
  return { stories, passages: stories.flatMap((s) => s.passages), questions, paragraphs };
}

function paragraphOf(passageId: string): string {
  return passageId.replace(/\.\d+$/, "");
}

function score(system: System, questions: readonly Question[]): Scores {
  let top1 = 0;
  let top3 = 0;
  let reciprocal = 0;
  const start = performance.now();
  for (const question of questions) {
    const ranked = system.search(question.text).slice(0, MRR_DEPTH).map(paragraphOf);
    const rank = ranked.indexOf(question.gold);
    if (rank === 0) top1++;
    if (rank >= 0 && rank < 3) top3++;
    if (rank >= 0) reciprocal += 1 / (rank + 1);
  }
  const n = questions.length;
  return {
    system: system.name,
    top1: top1 / n,
    top3: top3 / n,
    mrr: reciprocal / n,
    msPerQuery: (performance.now() - start) / n,
  };
}

function miniSearchDefaults(passages: readonly Passage[]): System {
  const search = new MiniSearch<{ id: string; text: string }>({ fields: ["text"] });
  search.addAll(passages.map((p) => ({ id: p.id, text: p.text })));
  return {
    name: "MiniSearch, default options",
    search: (q) => search.search(q).map((r) => String(r.id)),
  };
}

function miniSearchStopWordsPorter(passages: readonly Passage[]): System {
  const stopWords = new Set(eng);
  const search = new MiniSearch<{ id: string; text: string }>({
    fields: ["text"],
    processTerm: (term) => {
      const word = term.toLowerCase();
      return stopWords.has(word) ? null : stemmer(word);
    },
  });
  search.addAll(passages.map((p) => ({ id: p.id, text: p.text })));
  return {
    name: "MiniSearch, stop words + Porter",
    search: (q) => search.search(q).map((r) => String(r.id)),
  };
}

function lunrDefaults(passages: readonly Passage[]): System {
  const index = lunr(function build() {
    this.ref("id");
    this.field("text");
    for (const p of passages) this.add({ id: p.id, text: p.text });
  });
  return {
    name: "lunr 2.3, default pipeline",
    // Through the query API: the string syntax would read "-", ":" or "^" in a question as operators.
    search: (q) =>
      index.query((query) => query.term(lunr.tokenizer(q), {})).map((result) => result.ref),
  };
}

function ours(
  stories: readonly Story[],
  options: IndexOptions = {},
  name = "SearchIndex (this bot)",
): System {
  const index = SearchIndex.build(stories, options);
  return {
    name,
    search: (q) => index.search(q, { limit: MRR_DEPTH }).hits.map((h) => h.passage.id),
  };
}

interface Refusal {
  /** Share of questions answered when asked of their own article alone. */
  readonly ownAnswered: number;
  /** Share answered when asked of the next article alone: every one should be refused. */
  readonly foreignAnswered: number;
  readonly questions: number;
}

/**
 * The refusal rule on real questions: each article is a corpus of its own, asked its own questions
 * (which it should answer) and the next article's (which it should refuse).
 */
function scoreRefusal(data: Dataset): Refusal {
  const indexes = data.stories.map((story) => SearchIndex.build([story]));
  const questionsOf = new Map<string, string[]>();
  for (const q of data.questions) {
    const slug = q.gold.slice(0, q.gold.indexOf("#"));
    questionsOf.set(slug, [...(questionsOf.get(slug) ?? []), q.text]);
  }
  let own = 0;
  let foreign = 0;
  let asked = 0;
  data.stories.forEach((story, i) => {
    const index = indexes[i];
    const next = indexes[(i + 1) % indexes.length];
    if (!index || !next) return;
    for (const question of questionsOf.get(story.slug) ?? []) {
      asked++;
      if (answer(index, question).answered) own++;
      if (answer(next, question).answered) foreign++;
    }
  });
  return { ownAnswered: own / asked, foreignAnswered: foreign / asked, questions: asked };
}

function percent(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}

function table(half: Half, data: Dataset, rows: readonly Scores[]): string {
  const lines = [
    `### ${half} half: ${data.stories.length} articles, ${data.paragraphs} paragraphs (${data.passages.length} passages), ${data.questions.length} questions`,
    "",
    "| system | top-1 | top-3 | MRR@10 | ms/query |",
    "|---|---:|---:|---:|---:|",
    ...rows.map(
      (r) =>
        `| ${r.system} | ${percent(r.top1)} | ${percent(r.top3)} | ${r.mrr.toFixed(3)} | ${r.msPerQuery.toFixed(2)} |`,
    ),
  ];
  return lines.join("\n");
}

function main(): void {
  const { values } = parseArgs({
    options: {
      half: { type: "string" },
      json: { type: "string", default: "bench-results/eval.json" },
      "only-ours": { type: "boolean", default: false },
    },
  });
  const halves = values.half === undefined ? HALVES : HALVES.filter((h) => h === values.half);
  if (halves.length === 0) {
    throw new Error(
      `squad eval: --half must be "tune" or "test", not ${JSON.stringify(values.half)}`,
    );
  }
  const report: Record<
    string,
    { readonly questions: number; readonly results: Scores[]; readonly refusal: Refusal }
  > = {};
  for (const half of halves) {
    const data = loadHalf(half);
    const systems: System[] = values["only-ours"]
      ? [ours(data.stories)]
      : [
          miniSearchDefaults(data.passages),
          lunrDefaults(data.passages),
          miniSearchStopWordsPorter(data.passages),
          ours(
            data.stories,
            { lexicon: EMPTY_LEXICON },
            "SearchIndex, no lexicon (typos and word forms only)",
          ),
          ours(data.stories),
        ];
    const rows = systems.map((system) => score(system, data.questions));
    const refusal = scoreRefusal(data);
    report[half] = { questions: data.questions.length, results: rows, refusal };
    console.log(`${table(half, data, rows)}\n`);
    console.log(
      `Refusal (each article alone): own questions answered ${percent(refusal.ownAnswered)}, the next article's answered ${percent(refusal.foreignAnswered)} (${refusal.questions} questions each)\n`,
    );
  }
  mkdirSync(dirname(values.json), { recursive: true });
  writeFileSync(values.json, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`Wrote ${values.json}`);
}

main();
