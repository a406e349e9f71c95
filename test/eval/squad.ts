/**
 * Passage retrieval on SQuAD v1.1 dev: does the first (or one of the first three) passages returned
 * lie inside the paragraph a question was written from?
 *
 * Each SQuAD article becomes a story made by the bot's own corpus code (`parseStory`), each
 * paragraph one block, so a paragraph longer than the splitter's limit becomes several passages;
 * every article of a half is pooled in one index. Our `SearchIndex` runs beside three baselines on
 * the same passages. Then the answer confidence: each article a corpus of its own, asked its own
 * questions and the next article's, how the three outcomes fall and how well the confidence is
 * calibrated (test/eval/calibration.ts). Then the answer phrase (test/eval/phrase.ts): EM and F1 from
 * the question's own paragraph and from our first passage, beside the SQuAD paper's baselines.
 * Tune only on the tune half; the test half is for reporting.
 *
 * Usage: `npm run eval [-- --half tune|test] [--json path] [--phrases] [--fit]`: `--phrases` for the
 * answer-phrase tables alone; `--fit` also prints the confidence weights fitted on the half and the
 * share of shown phrases that are right at each threshold (use with `--half tune` only).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { parseArgs } from "node:util";
import lunr from "lunr";
import MiniSearch from "minisearch";
import { stemmer } from "stemmer";
import { eng } from "stopword";
import { CONFIDENCE_MODEL, logistic } from "../../src/answer/confidence.ts";
import { SHOW_CONFIDENCE } from "../../src/answer/extract.ts";
import { decide } from "../../src/answer/outcome.ts";
import { readQuestion } from "../../src/answer/question.ts";
import { shownOrder } from "../../src/answer/reorder.ts";
import type { Outcome } from "../../src/answer/types.ts";
import type { Passage, Story } from "../../src/corpus/types.ts";
import { EMPTY_LEXICON } from "../../src/language/lexicon.ts";
import { SearchIndex } from "../../src/search/index.ts";
import type { IndexOptions } from "../../src/search/types.ts";
import {
  type Asking,
  type CalibrationReport,
  calibrationReport,
  reliabilityTable,
  samplesOf,
} from "./calibration.ts";
import {
  type Dataset,
  HALVES,
  type Half,
  loadHalf,
  paragraphOf,
  type Question,
} from "./squadData.ts";

// Ranks beyond this count as a miss in MRR, as in MRR@10.
const MRR_DEPTH = 10;

import { tagParts } from "./partOfSpeech.ts";
import { fitLogistic, type PhraseScores, type Sample, scorePhrases, thresholds } from "./phrase.ts";

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

/** Our search with its first passages in the order an answer shows them (reorder.ts). */
function oursAsShown(stories: readonly Story[]): System {
  const index = SearchIndex.build(stories);
  return {
    name: "SearchIndex, first three as an answer shows them",
    search: (q) => {
      const question = readQuestion(index, q);
      return shownOrder(question, index.search(question, { limit: MRR_DEPTH })).hits.map(
        (h) => h.passage.id,
      );
    },
  };
}

/** How the three outcomes fall on one half, each article a corpus of its own. */
interface Outcomes {
  /** Shares answered, uncertain and refused, by how the questions were asked. */
  readonly shares: Record<Asking, Record<Outcome, number>>;
  /** Answers given as answered whose first passage is the question's paragraph. */
  readonly answeredRight: number;
  readonly questions: number;
  readonly calibration: CalibrationReport;
}

/**
 * The calibrated confidence on real questions: each article is a corpus of its own, asked its own
 * questions (which it should answer), the same without their paragraph, and the next article's
 * (which it should not answer).
 */
function scoreOutcomes(data: Dataset): Outcomes {
  const samples = samplesOf(data);
  const predictions = samples.map((s) => logistic(s.x, CONFIDENCE_MODEL));
  const outcomes = samples.map((s, i) => decide(predictions[i] ?? 0, s.reason));
  const sharesOf = (asked: Asking): Record<Outcome, number> => {
    const of = outcomes.filter((_, i) => samples[i]?.asked === asked);
    const share = (o: Outcome): number => of.filter((x) => x === o).length / of.length;
    return {
      answered: share("answered"),
      uncertain: share("uncertain"),
      refused: share("refused"),
    };
  };
  const answered = samples.filter((_, i) => outcomes[i] === "answered");
  return {
    shares: { own: sharesOf("own"), "near miss": sharesOf("near miss"), next: sharesOf("next") },
    answeredRight: answered.filter((s) => s.label === 1).length / answered.length,
    questions: samples.length / 3,
    calibration: calibrationReport(
      predictions,
      samples.map((s) => s.label),
    ),
  };
}

function outcomeTable(o: Outcomes): string {
  const row = (name: string, shares: Record<Outcome, number>): string =>
    `| ${name} | ${percent(shares.answered)} | ${percent(shares.uncertain)} | ${percent(shares.refused)} |`;
  const c = o.calibration;
  return [
    `Outcomes, each article a corpus of its own (${o.questions} questions, each asked of its own article, of it without the question's paragraph, and of the next article):`,
    "",
    "| questions | answered | uncertain | refused |",
    "|---|---:|---:|---:|",
    row("own article", o.shares.own),
    row("own article without the paragraph", o.shares["near miss"]),
    row("next article", o.shares.next),
    "",
    `Answers given as answered whose first passage is right: ${percent(o.answeredRight)}.`,
    `Confidence against 'first passage right': Brier ${c.brier.toFixed(4)}, AUC ${c.auc.toFixed(4)}, expected calibration error ${c.ece.toFixed(4)}.`,
    "",
    reliabilityTable(c),
    "",
  ].join("\n");
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

interface PhraseRow extends Partial<PhraseScores> {
  readonly system: string;
}

// Rajpurkar et al. 2016, table 5, dev set: both baselines are given the question's own paragraph.
const PAPER_BASELINES: readonly PhraseRow[] = [
  { system: "SQuAD paper: sliding window (own paragraph)", exactMatch: 0.132, f1: 0.202 },
  { system: "SQuAD paper: logistic regression (own paragraph)", exactMatch: 0.4, f1: 0.51 },
];

/** Answer phrases from the own paragraph and from our first passage, with and without compromise's tagger. */
function phraseRows(data: Dataset, fit: boolean): PhraseRow[] {
  const index = SearchIndex.build(data.stories);
  const rows: PhraseRow[] = [...PAPER_BASELINES];
  const variants = [
    { name: "patterns", options: {} },
    { name: "patterns + compromise tagger", options: { tagParts } },
  ] as const;
  for (const variant of variants) {
    for (const source of ["paragraph", "retrieved"] as const) {
      const samples: Sample[] = [];
      const scores = scorePhrases(data.questions, source, index, variant.options, samples);
      rows.push({
        system: `ours, ${variant.name} (${source === "paragraph" ? "own paragraph" : "our first passage"})`,
        ...scores,
      });
      if (fit) {
        console.log(`${variant.name}, ${source}: weights ${JSON.stringify(fitLogistic(samples))}`);
        console.log(thresholds(samples, data.questions.length).join("\n"));
      }
    }
  }
  return rows;
}

function phraseTable(half: Half, data: Dataset, rows: readonly PhraseRow[]): string {
  const cell = (x: number | undefined) => (x === undefined ? "" : percent(x));
  return [
    `### ${half} half: answer phrases, ${data.questions.length} questions (shown: confidence ≥ ${SHOW_CONFIDENCE})`,
    "",
    "| system | EM | F1 | shown | shown right (F1 ≥ 0.5) | ms/question |",
    "|---|---:|---:|---:|---:|---:|",
    ...rows.map(
      (r) =>
        `| ${r.system} | ${cell(r.exactMatch)} | ${cell(r.f1)} | ${cell(r.shown)} | ${cell(r.shownCorrect)} | ${r.msPerQuestion === undefined ? "" : r.msPerQuestion.toFixed(2)} |`,
    ),
  ].join("\n");
}

function main(): void {
  const { values } = parseArgs({
    options: {
      half: { type: "string" },
      json: { type: "string", default: "bench-results/eval.json" },
      "only-ours": { type: "boolean", default: false },
      // Only the answer-phrase tables; with --fit, also fit the confidence's weights on this half.
      phrases: { type: "boolean", default: false },
      fit: { type: "boolean", default: false },
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
    {
      readonly questions: number;
      readonly results?: Scores[];
      readonly outcomes?: Outcomes;
      readonly phrases: PhraseRow[];
    }
  > = {};
  for (const half of halves) {
    const data = loadHalf(half);
    let retrieval: { results: Scores[]; outcomes: Outcomes } | null = null;
    if (!values.phrases) {
      const systems: System[] = values["only-ours"]
        ? [ours(data.stories), oursAsShown(data.stories)]
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
            oursAsShown(data.stories),
          ];
      const rows = systems.map((system) => score(system, data.questions));
      const outcomes = scoreOutcomes(data);
      retrieval = { results: rows, outcomes };
      console.log(`${table(half, data, rows)}\n`);
      console.log(outcomeTable(outcomes));
    }
    const phrases = phraseRows(data, values.fit);
    console.log(`${phraseTable(half, data, phrases)}\n`);
    report[half] = { questions: data.questions.length, ...(retrieval ?? {}), phrases };
  }
  mkdirSync(dirname(values.json), { recursive: true });
  writeFileSync(values.json, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`Wrote ${values.json}`);
}

main();
