/**
 * What `respond()` costs for every command and button on the shipped story, beside what
 * `answer()` costs for the same questions in the same run: rendering should cost no more than the
 * answer it renders.
 *
 * Run alone under the profiler to see where the time goes:
 * `node --cpu-prof --cpu-prof-dir=bench-results/profiles --import tsx test/bench/respond.ts --profile ask`
 */
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import type { APIInteraction } from "discord.js";
import { answer } from "../../src/answer/answer.ts";
import { encodeMore, SHARE_ID } from "../../src/discord/customId.ts";
import { respond } from "../../src/discord/respond.ts";
import { createLogger } from "../../src/log.ts";
import type { SearchIndex } from "../../src/search/index.ts";
import { shippedIndex, testContext } from "../support/bot.ts";
import { autocomplete, botMessage, buttonPress, slashCommand } from "../support/interactions.ts";
import { percentile, round } from "./http.ts";
import type { BenchTable } from "./run.ts";

/** Section name, for `npm run bench -- respond`. */
export const name = "respond";

const ROUNDS = 20;
const RUNS = 3;
const QUESTIONS_FILE = new URL("../fixtures/story-questions.json", import.meta.url);
const MANAGE_GUILD = String(1 << 5);

function questions(): string[] {
  const file = JSON.parse(readFileSync(QUESTIONS_FILE, "utf8")) as {
    questions: { question: string }[];
  };
  return file.questions.map((q) => q.question);
}

/** One kind of interaction, made fresh for each question. */
interface Case {
  readonly label: string;
  readonly make: (question: string, index: SearchIndex) => APIInteraction;
}

const CASES: readonly Case[] = [
  { label: "/ask", make: (question) => slashCommand({ name: "ask", options: { question } }) },
  {
    label: "/ask private",
    make: (question) => slashCommand({ name: "ask", options: { question, private: true } }),
  },
  {
    label: "More passages button",
    make: (question) =>
      buttonPress({
        customId: encodeMore({
          offset: 3,
          private: false,
          story: null,
          question,
          words: question.split(/\s+/),
        }),
      }),
  },
  {
    label: "Share button",
    make: () =>
      buttonPress({
        customId: SHARE_ID,
        message: botMessage({ embeds: [{ title: "An answer", description: "**Trump** said" }] }),
      }),
  },
  {
    label: "/passage",
    make: (_, index) =>
      slashCommand({ name: "passage", options: { id: index.allPassages()[3]?.id ?? "¶3" } }),
  },
  { label: "/story", make: () => slashCommand({ name: "story" }) },
  { label: "/help", make: () => slashCommand({ name: "help" }) },
  {
    label: "/reload (deferral only)",
    make: () => slashCommand({ name: "reload", memberPermissions: MANAGE_GUILD }),
  },
  {
    label: "autocomplete /ask question",
    make: (question) =>
      autocomplete({ name: "ask", focused: { name: "question", value: question.slice(0, 12) } }),
  },
  {
    label: "autocomplete /passage id",
    make: (question) =>
      autocomplete({
        name: "passage",
        focused: { name: "id", value: question.split(" ")[1] ?? "" },
      }),
  },
];

/** Median and range of a list of per-run figures, as "m (lo–hi)". */
export function medianRange(values: readonly number[], digits = 3): string {
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  const f = (v: number) => v.toFixed(digits);
  return `${f(median)} (${f(sorted[0] ?? 0)}–${f(sorted[sorted.length - 1] ?? 0)})`;
}

/** The median of a list of numbers. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** One run: rounds of every question through `answer()` and then through each case, so that load on a shared machine falls on all alike. */
async function timeRun(
  index: SearchIndex,
  cases: readonly Case[],
  asked: readonly string[],
): Promise<{ answer: number[]; cases: number[][] }> {
  const context = testContext(
    index,
    createLogger("error", [], () => {}),
  );
  const answerSamples: number[] = [];
  const caseSamples = cases.map((): number[] => []);
  for (let round = 0; round < ROUNDS; round++) {
    for (const question of asked) {
      const started = performance.now();
      // As /ask asks it: one page and one more passage, to know whether to offer "More".
      answer(index, question, { top: 4 });
      answerSamples.push(performance.now() - started);
    }
    for (const [i, { make }] of cases.entries()) {
      for (const question of asked) {
        const interaction = make(question, index);
        const started = performance.now();
        await respond(interaction, context);
        caseSamples[i]?.push(performance.now() - started);
      }
    }
  }
  return { answer: answerSamples, cases: caseSamples };
}

/** Runs every case three times, interleaved with `answer()`, and reports medians and ranges. */
export async function run(): Promise<BenchTable> {
  const index = await shippedIndex();
  const asked = questions();
  const answerP50: number[] = [];
  const perCase = new Map<string, { p50: number[]; p99: number[] }>();
  for (let runNumber = 0; runNumber < RUNS; runNumber++) {
    const samples = await timeRun(index, CASES, asked);
    answerP50.push(percentile(samples.answer, 0.5));
    for (const [i, { label }] of CASES.entries()) {
      const entry = perCase.get(label) ?? { p50: [], p99: [] };
      entry.p50.push(percentile(samples.cases[i] ?? [], 0.5));
      entry.p99.push(percentile(samples.cases[i] ?? [], 0.99));
      perCase.set(label, entry);
    }
  }
  const rows = CASES.map(({ label }) => {
    const entry = perCase.get(label) ?? { p50: [], p99: [] };
    const ratios = entry.p50.map((p50, i) => p50 / (answerP50[i] ?? 1));
    return [label, medianRange(entry.p50), medianRange(entry.p99), medianRange(ratios, 2)];
  });
  rows.push(["`answer()` alone (top 4)", medianRange(answerP50), "", "1.00"]);
  return {
    title: "respond() for every command and button, against answer() (shipped story)",
    columns: ["interaction", "p50 ms", "p99 ms", "p50 ÷ answer() p50 (target /ask ≤ 2)"],
    rows,
    notes: [
      `${asked.length} questions from test/fixtures/story-questions.json × ${ROUNDS} rounds; each round times every question through answer() and then through each interaction, so load falls on all alike. Three runs: median (range) of the runs; ratios are taken within a run.`,
      `Questions and interaction objects are built before each timing; respond() includes rendering and the message limits check.`,
      `Median /ask ratio: ${round(median((perCase.get("/ask")?.p50 ?? []).map((p, i) => p / (answerP50[i] ?? 1))))}.`,
    ],
  };
}

/** Profiling entry: runs the matching cases many times with no table, for `node --cpu-prof`. */
async function profile(label: string): Promise<void> {
  const index = await shippedIndex();
  const cases = CASES.filter((c) => label === "all" || c.label.includes(label));
  const samples = await timeRun(index, cases, questions());
  for (const [i, { label: caseLabel }] of cases.entries()) {
    console.log(`${caseLabel}: p50 ${percentile(samples.cases[i] ?? [], 0.5).toFixed(3)} ms`);
  }
}

if (process.argv[2] === "--profile" && process.argv[1] === fileURLToPath(import.meta.url)) {
  await profile(process.argv[3] ?? "all");
}
