import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { type Answer, answer } from "../src/answer/answer.ts";
import { loadCorpus } from "../src/corpus/load.ts";
import { SearchIndex } from "../src/search/index.ts";

interface StoryQuestions {
  readonly story: string;
  readonly questions: readonly {
    readonly question: string;
    readonly paragraph: number;
    readonly style: string;
  }[];
  readonly outOfScope: readonly string[];
}

const FIXTURE = join(import.meta.dirname, "fixtures", "story-questions.json");
const CORPUS = join(import.meta.dirname, "..", "corpus");

// The goals are top-1 ≥ 95%, top-3 = 100% and every out-of-scope question refused. These
// floors are what the method reaches today (87/98, 89/98, 19/21): they stop regressions and are
// to be raised towards the goals. They came down once, from 88 and 90, when "use" stopped stemming
// to "us" (the country): one paraphrase had found its paragraph only through "the use of".
const TOP1_FLOOR = 87 / 98;
const TOP3_FLOOR = 89 / 98;
const REFUSED_FLOOR = 19 / 21;

const fixture = JSON.parse(readFileSync(FIXTURE, "utf8")) as StoryQuestions;

interface Outcome {
  readonly style: string;
  readonly answered: boolean;
  readonly top1: boolean;
  readonly top3: boolean;
}

let outcomes: Outcome[];
let outOfScope: Answer[];

beforeAll(async () => {
  const index = SearchIndex.build((await loadCorpus(CORPUS)).stories);
  outcomes = fixture.questions.map((q) => outcome(index, q));
  outOfScope = fixture.outOfScope.map((q) => answer(index, q));
  console.table(styleTable(outcomes));
});

/** How the answer to one fixture question went. */
function outcome(index: SearchIndex, q: StoryQuestions["questions"][number]): Outcome {
  const a = answer(index, q.question, { top: 3 });
  const paragraphs = a.results.map((r) => r.citation.paragraph);
  return {
    style: q.style,
    answered: a.answered,
    top1: paragraphs[0] === q.paragraph,
    top3: paragraphs.includes(q.paragraph),
  };
}

function share(values: readonly boolean[]): number {
  return values.filter(Boolean).length / values.length;
}

function styleTable(rows: readonly Outcome[]): Record<string, Record<string, string | number>> {
  const table: Record<string, Record<string, string | number>> = {};
  const styles = [...new Set(rows.map((r) => r.style)), "all"];
  for (const style of styles) {
    const group = rows.filter((r) => style === "all" || r.style === style);
    table[style] = {
      questions: group.length,
      "top-1": `${(100 * share(group.map((r) => r.top1))).toFixed(0)}%`,
      "top-3": `${(100 * share(group.map((r) => r.top3))).toFixed(0)}%`,
      answered: `${(100 * share(group.map((r) => r.answered))).toFixed(0)}%`,
    };
  }
  return table;
}

describe("answers to the story questions (test/fixtures/story-questions.json)", () => {
  test("covers the story the fixture was written from", () => {
    expect(fixture.story).toBe("trump-halts-cyber-operations");
    expect(outcomes).toHaveLength(98);
  });

  test(`cite the reader's paragraph first for at least ${(100 * TOP1_FLOOR).toFixed(1)}% of questions`, () => {
    expect(share(outcomes.map((o) => o.top1))).toBeGreaterThanOrEqual(TOP1_FLOOR);
  });

  test(`cite the reader's paragraph among the first three for at least ${(100 * TOP3_FLOOR).toFixed(1)}% of questions`, () => {
    expect(share(outcomes.map((o) => o.top3))).toBeGreaterThanOrEqual(TOP3_FLOOR);
  });

  test("answer every question written with the story's own names and words", () => {
    const own = fixture.questions.filter((q) => q.style === "keyword" || q.style === "who");
    const answered = own.filter((q) => outcomes[fixture.questions.indexOf(q)]?.answered);
    expect(answered).toEqual(own);
  });
});

describe("answers to out-of-scope questions", () => {
  test(`refuse at least ${(100 * REFUSED_FLOOR).toFixed(0)}% of them`, () => {
    expect(share(outOfScope.map((a) => !a.answered))).toBeGreaterThanOrEqual(REFUSED_FLOOR);
  });

  test("come back with no results when refused", () => {
    for (const a of outOfScope.filter((o) => !o.answered)) expect(a.results).toEqual([]);
  });

  test("refuse every question naming something the story never names", () => {
    const named = [
      "Who is the director of the CIA?",
      "Did the UK also pause its cyber operations against Russia?",
      "What did China say about the cyber pause?",
      "What is the capital of France?",
    ];
    for (const question of named) {
      expect(outOfScope[fixture.outOfScope.indexOf(question)]?.answered).toBe(false);
    }
  });
});

// Four more sets, each written by a session that saw only the story, never the code: questions
// in readers' own words. Sets a and b were consulted while the refusal rules, the speaker rule and
// the passage weight were developed. Set c was written after them and first scored 34/50, 35/50
// and 15/20. Its misses were then read: the chat words of language/text.ts, the correction of everyday
// typos ("afect") and "exactly" asking for a figure or a date came from them (36, 39, 18).
// Set d was written last and has not been consulted: 40/50, 43/50, 16/20 at first sight (39, 42,
// 14 with the code before the speaker rule). Floors are what the method reaches today.
const READER_SETS = [
  { file: "story-questions-reader-a.json", top1: 49 / 55, top3: 52 / 55, refused: 16 / 21 },
  { file: "story-questions-reader-b.json", top1: 46 / 50, top3: 46 / 50, refused: 16 / 20 },
  { file: "story-questions-reader-c.json", top1: 36 / 50, top3: 39 / 50, refused: 18 / 20 },
  { file: "story-questions-reader-d.json", top1: 40 / 50, top3: 43 / 50, refused: 16 / 20 },
] as const;

for (const set of READER_SETS) {
  describe(`answers to the readers' questions of ${set.file}`, () => {
    const readers = JSON.parse(
      readFileSync(join(import.meta.dirname, "fixtures", set.file), "utf8"),
    ) as StoryQuestions;
    let rows: Outcome[];
    let refused: boolean[];

    beforeAll(async () => {
      const index = SearchIndex.build((await loadCorpus(CORPUS)).stories);
      rows = readers.questions.map((q) => outcome(index, q));
      refused = readers.outOfScope.map((q) => !answer(index, q).answered);
      console.log(
        `${set.file}: out-of-scope refused ${refused.filter(Boolean).length} of ${refused.length}`,
      );
      console.table(styleTable(rows));
    });

    test(`cite the paragraph first for at least ${(100 * set.top1).toFixed(1)}% of questions`, () => {
      expect(share(rows.map((o) => o.top1))).toBeGreaterThanOrEqual(set.top1);
    });

    test(`cite the paragraph among the first three for at least ${(100 * set.top3).toFixed(1)}% of questions`, () => {
      expect(share(rows.map((o) => o.top3))).toBeGreaterThanOrEqual(set.top3);
    });

    test(`refuse at least ${(100 * set.refused).toFixed(0)}% of the out-of-scope questions`, () => {
      expect(share(refused)).toBeGreaterThanOrEqual(set.refused);
    });
  });
}
