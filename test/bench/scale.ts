/**
 * The growth curve: how build time, memory, snapshot size, start-up and `answer()` latency grow
 * from 1k to 1M passages of real prose, beside MiniSearch (with our stop words) where it finishes
 * within a time box. Writes the table to `bench-results/scale.json` and draws the curves, log–log,
 * as `.github/assets/scale.svg` (Vega-Lite rendered to SVG in Node).
 *
 * The corpora: the first 1k and 10k passages of the 100k set of the search section (SQuAD
 * articles first, then Brown Corpus texts and windows), the whole 100k set, and for 1M that set
 * with nine recombinations of it: each story's sentences dealt into its paragraphs again in an
 * order drawn from a fixed seed, so every passage is real prose and every run writes the same files.
 *
 * Each size is run three times (`SCALE_RUNS`), every build, start-up and MiniSearch run in a fresh
 * process, and every figure is given as median (range). Before each run the bench waits, up to
 * `SCALE_QUIET_WAIT_S` seconds (default 600), for a quiet machine: a one-minute load average under
 * half the cores (under 1 on 2 cores); a run that started on a busy machine says so in the table.
 *
 * Usage: `npm run bench -- scale` (not part of a plain `npm run bench`: the 1M step takes long).
 * `SCALE_SIZES=1000,10000` runs only those sizes; the others are kept from `bench-results/scale.json`.
 * `SCALE_MINISEARCH=off` leaves MiniSearch out of the runs.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { copyFile, mkdir, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { cpus, loadavg } from "node:os";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import MiniSearch from "minisearch";
import { answer } from "../../src/answer/answer.ts";
import { loadCorpus, parseStory } from "../../src/corpus/load.ts";
import { splitSentences } from "../../src/corpus/sentences.ts";
import { STOP_WORDS } from "../../src/language/text.ts";
import { NODE_FLAGS } from "../../src/nodeFlags.ts";
import { loadOrBuildIndex } from "../../src/search/store/snapshot.ts";
import { prepareInBackground } from "../../src/startup.ts";
import { percentile } from "./http.ts";
import type { BenchTable } from "./run.ts";
import { writeLargeCorpus } from "./search.ts";

/** Section name, for `npm run bench -- scale`. */
export const name = "scale";

/** Run only when named: the 1M step builds for many minutes. */
export const onlyWhenNamed = true;

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, "..", "..");
const WORK_DIR = join(ROOT, "bench-results", "scale");
const CHART_FILE = join(ROOT, ".github", "assets", "scale.svg");
const RESULTS_FILE = join(ROOT, "bench-results", "scale.json");
const CHILD_FLAG = "--scale-bench-child";
const SIZES = [1_000, 10_000, 100_000, 1_000_000] as const;
const RECOMBINATIONS = 9;
const RUNS = Number(process.env.SCALE_RUNS ?? 3);
// A machine is quiet when its one-minute load average is under half its cores; checked this often.
const QUIET_LOAD = cpus().length / 2;
const QUIET_WAIT_MS = Number(process.env.SCALE_QUIET_WAIT_S ?? 600) * 1000;
const QUIET_POLL_MS = 15_000;
const QUESTIONS = 500;
const WARMUP_QUESTIONS = 50;
// MiniSearch gets this long to build and answer at one size; past it the row says so.
const MINISEARCH_TIME_BOX_MS = 10 * 60_000;
// `SCALE_MINISEARCH=off` leaves MiniSearch out (at 1M it takes its whole time box).
const SKIP_MINISEARCH = process.env.SCALE_MINISEARCH === "off";
// Enough heap for the 1M build (about 6 GB here), far below the machine's memory.
const CHILD_HEAP_MB = 16_000;

/** The targets at 1M passages, from issue 20. */
const TARGETS_1M = { p99Ms: 40, startupMs: 3_000, rssMB: 1_229, buildMs: 5 * 60_000 };

type Task =
  | { readonly kind: "build"; readonly dir: string; readonly snapshot: string }
  | { readonly kind: "startup"; readonly dir: string; readonly snapshot: string }
  | { readonly kind: "minisearch"; readonly dir: string };

interface BuildResult {
  readonly passages: number;
  readonly buildMs: number;
  readonly peakRssMB: number;
  readonly snapshotMB: number;
}

interface StartupResult {
  readonly startupMs: number;
  /** The background preparation a served index runs before questions (absent in older runs). */
  readonly prepareMs?: number;
  readonly rssMB: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

interface MiniSearchResult {
  readonly buildMs: number;
  readonly peakRssMB: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

/** One run at one size: a build, a start-up from its snapshot, MiniSearch; each a fresh process. */
interface RunResult {
  readonly build: BuildResult;
  readonly startup: StartupResult;
  readonly minisearch: MiniSearchResult | string;
  /** The one-minute load average when the run started, and whether it was under `QUIET_LOAD`. */
  readonly loadAverage: number;
  readonly quiet: boolean;
}

interface SizeResult {
  readonly size: number;
  readonly runs: readonly RunResult[];
}

/** Runs every size and returns the growth table. */
export async function run(): Promise<BenchTable> {
  await mkdir(WORK_DIR, { recursive: true });
  const large = await writeLargeCorpus();
  const questions = [
    ...large.questions.warmup.slice(0, WARMUP_QUESTIONS),
    ...large.questions.measured.slice(0, QUESTIONS),
  ].map((q) => q.text);
  await writeFile(join(WORK_DIR, "questions.json"), JSON.stringify(questions));
  const sizes = (process.env.SCALE_SIZES?.split(",").map(Number) ?? [...SIZES]).filter((n) =>
    Number.isFinite(n),
  );
  // Sizes run before (SCALE_SIZES picks some) stay in the table and chart until run again.
  const results: SizeResult[] = existsSync(RESULTS_FILE)
    ? (JSON.parse(await readFile(RESULTS_FILE, "utf8")) as SizeResult[]).filter(
        (r) => !sizes.includes(r.size) && Array.isArray(r.runs),
      )
    : [];
  for (const size of sizes) {
    const dir = await corpusOf(size, large.dir);
    const snapshot = join(WORK_DIR, `index-${size}.snapshot`);
    const runs: RunResult[] = [];
    for (let i = 1; i <= RUNS; i++) {
      const { loadAverage, quiet } = await waitForQuiet();
      progress(`${size} passages, run ${i}: building (load average ${loadAverage.toFixed(2)})`);
      await rm(snapshot, { force: true });
      const build = await runChild<BuildResult>({ kind: "build", dir, snapshot });
      const startup = await runChild<StartupResult>({ kind: "startup", dir, snapshot });
      progress(`${size}, run ${i}: start-up in ${startup.startupMs} ms, p99 ${startup.p99Ms} ms`);
      const minisearch = SKIP_MINISEARCH
        ? "not run (SCALE_MINISEARCH=off)"
        : await runChild<MiniSearchResult>(
            { kind: "minisearch", dir },
            MINISEARCH_TIME_BOX_MS,
          ).catch((error: unknown) => (error instanceof Error ? error.message : String(error)));
      runs.push({ build, startup, minisearch, loadAverage, quiet });
    }
    results.push({ size, runs });
    results.sort((a, b) => a.size - b.size);
    await writeFile(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
  }
  await drawChart(results);
  return table(results);
}

// ---------------------------------------------------------------------------------------------
// Corpora

/** The folder of story files holding about `size` passages, written once. */
async function corpusOf(size: number, largeDir: string): Promise<string> {
  if (size >= 1_000_000) return writeRecombined(largeDir);
  const dir = join(WORK_DIR, `corpus-${size}`);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  // SQuAD articles first (they hold the questions' answers), then Brown texts, then windows.
  const names = (await readdir(largeDir)).sort(
    (a, b) => fileRank(a) - fileRank(b) || a.localeCompare(b),
  );
  let passages = 0;
  for (const file of names) {
    if (passages >= size) break;
    const text = await readFile(join(largeDir, file), "utf8");
    passages += parseStory(join(largeDir, file), text).passages.length;
    await copyFile(join(largeDir, file), join(dir, file));
  }
  return dir;
}

function fileRank(file: string): number {
  if (!file.startsWith("brown-")) return 0;
  return /-w\d+\.md$/.test(file) ? 2 : 1;
}

/** The 100k set and nine recombinations of it, about 1.05M passages. */
async function writeRecombined(largeDir: string): Promise<string> {
  const dir = join(WORK_DIR, "corpus-1000000");
  const done = join(dir, ".complete");
  if (existsSync(done)) return dir;
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  for (const file of (await readdir(largeDir)).sort()) {
    const text = await readFile(join(largeDir, file), "utf8");
    await writeFile(join(dir, file), text);
    const story = parseStory(join(largeDir, file), text);
    const paragraphs = story.passages
      .filter((p) => p.kind === "paragraph")
      .map((p) => splitSentences(p.text));
    for (let k = 1; k <= RECOMBINATIONS; k++) {
      const dealt = recombine(paragraphs, `${file}:${k}`);
      const body = `---\ntitle: ${story.title}\n---\n${dealt.join("\n\n")}\n`;
      await writeFile(join(dir, file.replace(/\.md$/, `-r${k}.md`)), body);
    }
  }
  await writeFile(done, "");
  return dir;
}

/** The sentences of all paragraphs shuffled by a seeded generator and dealt back in the same counts. */
function recombine(paragraphs: readonly (readonly string[])[], seed: string): string[] {
  const sentences = paragraphs.flat();
  let state = 2166136261;
  for (const char of seed) state = Math.imul(state ^ char.charCodeAt(0), 16777619) >>> 0;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  for (let i = sentences.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [sentences[i], sentences[j]] = [sentences[j] as string, sentences[i] as string];
  }
  let at = 0;
  return paragraphs.map((p) => {
    const start = at;
    at += p.length;
    return sentences.slice(start, at).join(" ");
  });
}

// ---------------------------------------------------------------------------------------------
// Child processes

async function runChild<T>(task: Task, timeBoxMs?: number): Promise<T> {
  const args = [
    ...NODE_FLAGS,
    `--max-old-space-size=${CHILD_HEAP_MB}`,
    "--expose-gc",
    "--import",
    "tsx",
    fileURLToPath(import.meta.url),
    CHILD_FLAG,
    JSON.stringify(task),
  ];
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
  let stdout = "";
  child.stdout.setEncoding("utf8");
  child.stdout.on("data", (chunk: string) => {
    stdout += chunk;
  });
  let timedOut = false;
  const timer =
    timeBoxMs === undefined
      ? null
      : setTimeout(() => {
          timedOut = true;
          child.kill("SIGKILL");
        }, timeBoxMs);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", resolve);
  });
  if (timer !== null) clearTimeout(timer);
  if (timedOut) throw new Error(`not done in ${Math.round((timeBoxMs ?? 0) / 60_000)} min`);
  if (code !== 0) throw new Error(`scale bench: the ${task.kind} process exited with ${code}`);
  return JSON.parse(stdout.trim().split("\n").at(-1) ?? "") as T;
}

async function runTask(task: Task): Promise<BuildResult | StartupResult | MiniSearchResult> {
  const questions = JSON.parse(
    await readFile(join(WORK_DIR, "questions.json"), "utf8"),
  ) as string[];
  switch (task.kind) {
    case "build": {
      const started = performance.now();
      const loaded = await loadOrBuildIndex({ corpusDir: task.dir, snapshotPath: task.snapshot });
      const buildMs = performance.now() - started;
      if (loaded.source !== "built") throw new Error(`expected a build: ${loaded.reason}`);
      if (loaded.saveError !== null) throw new Error(loaded.saveError);
      return {
        passages: loaded.index.size,
        buildMs: Math.round(buildMs),
        peakRssMB: peakRssMB(),
        snapshotMB: Math.round((await stat(task.snapshot)).size / 2 ** 20),
      };
    }
    case "startup": {
      const started = performance.now();
      const loaded = await loadOrBuildIndex({ corpusDir: task.dir, snapshotPath: task.snapshot });
      const startupMs = performance.now() - started;
      if (loaded.source !== "snapshot") throw new Error(`expected the snapshot: ${loaded.reason}`);
      globalThis.gc?.();
      const rssMB = Math.round(process.memoryUsage().rss / 2 ** 20);
      // A served bot prepares its index in the background (src/startup.ts) before most questions
      // arrive: expansion tables, and up to 100k passages each story's suggested questions.
      const preparing = performance.now();
      await prepareInBackground(loaded.index, () => true);
      const prepareMs = performance.now() - preparing;
      const times = timeQuestions(questions, (q) => answer(loaded.index, q, { top: 3 }));
      return {
        startupMs: Math.round(startupMs),
        prepareMs: Math.round(prepareMs),
        rssMB,
        ...times,
      };
    }
    case "minisearch": {
      const { stories } = await loadCorpus(task.dir);
      const started = performance.now();
      const index = new MiniSearch<{ id: string; text: string; title: string }>({
        fields: ["text", "title"],
        processTerm: (term) => {
          const lower = term.toLowerCase();
          return STOP_WORDS.has(lower) ? null : lower;
        },
      });
      for (const story of stories) {
        for (const p of story.passages) index.add({ id: p.id, text: p.text, title: story.title });
      }
      const buildMs = performance.now() - started;
      const times = timeQuestions(questions, (q) => index.search(q).slice(0, 10));
      return { buildMs: Math.round(buildMs), peakRssMB: peakRssMB(), ...times };
    }
  }
}

/** p50 and p99 over the questions after the warm-up ones. */
function timeQuestions(
  questions: readonly string[],
  ask: (question: string) => unknown,
): { p50Ms: number; p99Ms: number } {
  const times: number[] = [];
  for (const [i, question] of questions.entries()) {
    const started = performance.now();
    ask(question);
    if (i >= WARMUP_QUESTIONS) times.push(performance.now() - started);
  }
  return {
    p50Ms: Math.round(percentile(times, 0.5) * 1000) / 1000,
    p99Ms: Math.round(percentile(times, 0.99) * 1000) / 1000,
  };
}

function peakRssMB(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

/** Waits until the load average is under `QUIET_LOAD`, or `QUIET_WAIT_MS` has passed. */
async function waitForQuiet(): Promise<{ loadAverage: number; quiet: boolean }> {
  const started = performance.now();
  for (;;) {
    const loadAverage = loadavg()[0] ?? 0;
    if (loadAverage < QUIET_LOAD) return { loadAverage, quiet: true };
    if (performance.now() - started >= QUIET_WAIT_MS) return { loadAverage, quiet: false };
    progress(`waiting for a quiet machine (load average ${loadAverage.toFixed(2)})`);
    await new Promise((resolve) => setTimeout(resolve, QUIET_POLL_MS));
  }
}

function progress(message: string): void {
  process.stderr.write(`bench: scale: ${message}\n`);
}

// ---------------------------------------------------------------------------------------------
// Table and chart

/** Median and range of numbers, as "m (lo–hi)". */
function medianRange(values: readonly number[], digits: number): string {
  const sorted = [...values].sort((a, b) => a - b);
  const f = (v: number | undefined) => (v ?? 0).toFixed(digits);
  return `${f(sorted[Math.floor(sorted.length / 2)])} (${f(sorted[0])}–${f(sorted.at(-1))})`;
}

function median(values: readonly number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
}

function table(results: readonly SizeResult[]): BenchTable {
  const rows = results.map(({ runs }) => {
    const of = (value: (run: RunResult) => number, digits: number) =>
      medianRange(runs.map(value), digits);
    const minis = runs.flatMap((r) => (typeof r.minisearch === "string" ? [] : [r.minisearch]));
    const failed = runs.find((r) => typeof r.minisearch === "string")?.minisearch;
    const mini = (value: (m: MiniSearchResult) => number, digits: number) =>
      minis.length === 0 ? String(failed ?? "–") : medianRange(minis.map(value), digits);
    const loads = runs.map((r) => r.loadAverage);
    const busy = runs.filter((r) => !r.quiet).length;
    return [
      runs[0]?.build.passages ?? 0,
      of((r) => r.build.buildMs / 1000, 1),
      of((r) => r.build.peakRssMB, 0),
      of((r) => r.build.snapshotMB, 0),
      of((r) => r.startup.startupMs / 1000, 2),
      runs.every((r) => r.startup.prepareMs !== undefined)
        ? of((r) => (r.startup.prepareMs ?? 0) / 1000, 2)
        : "–",
      of((r) => r.startup.rssMB, 0),
      of((r) => r.startup.p50Ms, 2),
      of((r) => r.startup.p99Ms, 1),
      mini((m) => m.buildMs / 1000, 1),
      mini((m) => m.peakRssMB, 0),
      `${mini((m) => m.p50Ms, 2)} / ${mini((m) => m.p99Ms, 1)}`,
      `${Math.min(...loads).toFixed(2)}–${Math.max(...loads).toFixed(2)}${busy > 0 ? ` (${busy} of ${runs.length} not quiet)` : ""}`,
    ];
  });
  const million = results.find((r) => r.size >= 1_000_000);
  const notes = [
    `Each size run ${RUNS} times; each run a build, a start-up from its snapshot and MiniSearch, each in a fresh process: median (range) of the runs. answer() p50/p99 over ${QUESTIONS} SQuAD questions after ${WARMUP_QUESTIONS} warm-up ones, asked after the start-up and the background preparation a served bot runs first (its time is the preparation column; "–" for runs made before the bench ran it, whose first asks paid for it).`,
    `Each run waited up to ${Math.round(QUIET_WAIT_MS / 1000)} s for a one-minute load average under ${QUIET_LOAD} (half of ${cpus().length} cores); the last column gives the load at the start of the runs and how many did not get a quiet machine.`,
    `MiniSearch 7.2 with our stop words (no stemming), fields text and title, in a fresh process with ${MINISEARCH_TIME_BOX_MS / 60_000} min to build and answer.`,
    "Peak RSS is the build process's maximum resident set; RSS after is the start-up process's after a full collection.",
  ];
  if (million !== undefined) {
    const value = (f: (run: RunResult) => number) => median(million.runs.map(f));
    const startup = value((r) => r.startup.startupMs);
    const p99 = value((r) => r.startup.p99Ms);
    const rss = value((r) => r.startup.rssMB);
    const buildMs = value((r) => r.build.buildMs);
    const peak = value((r) => r.build.peakRssMB);
    const met = (ok: boolean) => (ok ? "met" : "not met");
    notes.push(
      `Targets at 1M: answer() p99 < ${TARGETS_1M.p99Ms} ms ${met(p99 < TARGETS_1M.p99Ms)} (${p99.toFixed(1)}); start-up < ${TARGETS_1M.startupMs / 1000} s ${met(startup < TARGETS_1M.startupMs)} (${(startup / 1000).toFixed(2)} s); RSS < 1.2 GB ${met(rss < TARGETS_1M.rssMB)} (${rss} MB after start-up, ${peak} MB peak building); build < 5 min ${met(buildMs < TARGETS_1M.buildMs)} (${(buildMs / 60_000).toFixed(1)} min).`,
    );
  }
  return {
    title: "Growth: 1k to 1M passages of real prose",
    columns: [
      "passages",
      "build s",
      "peak RSS building MB",
      "snapshot MB",
      "start-up s",
      "preparation s",
      "RSS after MB",
      "answer() p50 ms",
      "answer() p99 ms",
      "MiniSearch build s",
      "MiniSearch peak RSS MB",
      "MiniSearch p50 / p99 ms",
      "load average",
    ],
    rows,
    notes,
  };
}

/** Issue 20's targets, drawn beside the curves: a triangle where a cost should be at most. */
const SCALE_TARGETS: readonly { passages: number; cost: string; value: number }[] = [
  { passages: 1_000, cost: "answer() p99 (ms)", value: 5 },
  { passages: 10_000, cost: "answer() p99 (ms)", value: 5 },
  { passages: 100_000, cost: "answer() p99 (ms)", value: 8 },
  { passages: 1_000_000, cost: "answer() p99 (ms)", value: 40 },
  { passages: 100_000, cost: "start-up from snapshot (s)", value: 0.6 },
  { passages: 1_000_000, cost: "start-up from snapshot (s)", value: 3 },
  { passages: 1_000_000, cost: "build (s)", value: 300 },
  { passages: 1_000_000, cost: "RSS after start-up (MB)", value: 1200 },
  { passages: 1_000_000, cost: "peak RSS building (MB)", value: 4000 },
];

/** Draws the curves, cost against passages on log–log axes, one panel per kind of cost. */
async function drawChart(results: readonly SizeResult[]): Promise<void> {
  const vega = await import("vega");
  const { compile } = await import("vega-lite");
  const values: { passages: number; cost: string; engine: string; value: number }[] = [];
  const add = (passages: number, cost: string, engine: string, value: number) => {
    if (value > 0) values.push({ passages, cost, engine, value });
  };
  for (const { runs } of results) {
    const n = runs[0]?.build.passages ?? 0;
    const of = (value: (run: RunResult) => number) => median(runs.map(value));
    add(n, "build (s)", "ours", of((r) => r.build.buildMs) / 1000);
    add(
      n,
      "peak RSS building (MB)",
      "ours",
      of((r) => r.build.peakRssMB),
    );
    add(n, "start-up from snapshot (s)", "ours", of((r) => r.startup.startupMs) / 1000);
    add(
      n,
      "RSS after start-up (MB)",
      "ours",
      of((r) => r.startup.rssMB),
    );
    add(
      n,
      "answer() p50 (ms)",
      "ours",
      of((r) => r.startup.p50Ms),
    );
    add(
      n,
      "answer() p99 (ms)",
      "ours",
      of((r) => r.startup.p99Ms),
    );
    add(
      n,
      "snapshot (MB)",
      "ours",
      of((r) => r.build.snapshotMB),
    );
    const minis = runs.flatMap((r) => (typeof r.minisearch === "string" ? [] : [r.minisearch]));
    if (minis.length > 0) {
      const mini = (value: (m: MiniSearchResult) => number) => median(minis.map(value));
      add(n, "build (s)", "MiniSearch + stop words", mini((m) => m.buildMs) / 1000);
      add(
        n,
        "peak RSS building (MB)",
        "MiniSearch + stop words",
        mini((m) => m.peakRssMB),
      );
      add(
        n,
        "answer() p50 (ms)",
        "MiniSearch + stop words",
        mini((m) => m.p50Ms),
      );
      add(
        n,
        "answer() p99 (ms)",
        "MiniSearch + stop words",
        mini((m) => m.p99Ms),
      );
    }
  }
  for (const target of SCALE_TARGETS) {
    if (results.some((r) => r.size === target.passages))
      add(target.passages, target.cost, "target (issue 20)", target.value);
  }
  const loads = results.flatMap((r) => r.runs.map((run) => run.loadAverage));
  const sizes = values.map((v) => v.passages);
  const subtitle = `${new Date().toISOString().slice(0, 10)}, ${cpus()[0]?.model.trim() ?? "unknown CPU"}, ${cpus().length} cores; one-minute load average ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)} when runs started (quiet: under ${QUIET_LOAD}); lines are medians of ${results[0]?.runs.length ?? 0} runs`;
  const spec = compile({
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: { text: "Cost against corpus size (log–log)", subtitle },
    data: { values },
    facet: { field: "cost", type: "nominal", title: null },
    columns: 4,
    resolve: { scale: { y: "independent" } },
    spec: {
      width: 170,
      height: 130,
      encoding: {
        x: {
          field: "passages",
          type: "quantitative",
          // The axis ends at the sizes measured, not at the next power of ten.
          scale: { type: "log", domain: [Math.min(...sizes), Math.max(...sizes)], nice: false },
          axis: { format: "~s", values: [1e3, 1e4, 1e5, 1e6].filter((n) => sizes.includes(n)) },
        },
        y: { field: "value", type: "quantitative", scale: { type: "log" }, title: null },
        color: {
          field: "engine",
          type: "nominal",
          title: null,
          legend: { orient: "bottom", labelLimit: 0 },
        },
      },
      layer: [
        {
          transform: [{ filter: "datum.engine !== 'target (issue 20)'" }],
          mark: { type: "line", point: true },
        },
        {
          transform: [{ filter: "datum.engine === 'target (issue 20)'" }],
          mark: { type: "point", shape: "triangle-down", size: 60, filled: true },
        },
      ],
    },
  }).spec;
  const view = new vega.View(vega.parse(spec), { renderer: "none" });
  await mkdir(dirname(CHART_FILE), { recursive: true });
  await writeFile(CHART_FILE, await view.toSVG());
  view.finalize();
}

if (process.argv[2] === CHILD_FLAG) {
  const result = await runTask(JSON.parse(process.argv[3] ?? "{}") as Task);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
