/**
 * Runs the benchmark sections in order, prints a Markdown table for each and writes every result,
 * with the machine it ran on, to `bench-results/bench.json`.
 *
 * A section is a module in this folder exporting `name` and `run()`. Sections listed here but not
 * written yet are skipped, so `discord.ts` and `http.ts` join the run as soon as they exist.
 *
 * Usage: `npm run bench [-- section ...]` (default: every section but `redis` and `scale`, which
 * run only when named: `redis` needs redis-server installed, `scale` takes over an hour)
 */
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { cpus, loadavg, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";

/** One table of results: what a section measured. */
export interface BenchTable {
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly (string | number)[])[];
  readonly notes?: readonly string[];
}

/** A benchmark section: a module with a name and a run that returns one table or several. */
export interface BenchSection {
  readonly name: string;
  /** True for a section that runs only when named (`npm run bench -- scale`). */
  readonly onlyWhenNamed?: boolean;
  run(): Promise<BenchTable | readonly BenchTable[]>;
}

/** The sections, in the order they run; a missing file is skipped. */
export const SECTION_FILES = [
  "search.ts",
  "respond.ts",
  "discord.ts",
  "http.ts",
  "redis.ts",
  "scale.ts",
] as const;

const HERE = dirname(fileURLToPath(import.meta.url));
const RESULTS_FILE = join(HERE, "..", "..", "bench-results", "bench.json");

interface SectionResult {
  readonly name: string;
  readonly file: string;
  readonly durationMs: number;
  readonly tables: readonly BenchTable[];
  readonly error?: string;
}

/** The machine a run was measured on, as a reader needs it to compare runs. */
export function describeMachine(): Record<string, string | number> {
  const cores = cpus();
  return {
    cpu: cores[0]?.model.trim() ?? "unknown",
    cores: cores.length,
    memoryGB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    // Other processes on the machine skew every timing; a load above the core count says so.
    loadAverage: Math.round((loadavg()[0] ?? 0) * 100) / 100,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    date: new Date().toISOString(),
  };
}

/** A table as GitHub-flavoured Markdown, numbers right-aligned. */
export function renderTable(table: BenchTable): string {
  const numeric = table.columns.map((_, i) =>
    table.rows.every((row) => typeof row[i] !== "string"),
  );
  const lines = [
    `### ${table.title}`,
    "",
    `| ${table.columns.join(" | ")} |`,
    `|${numeric.map((right) => (right ? "---:" : "---")).join("|")}|`,
    ...table.rows.map((row) => `| ${row.map((cell) => String(cell)).join(" | ")} |`),
  ];
  if (table.notes !== undefined && table.notes.length > 0) {
    lines.push("", ...table.notes.map((note) => `- ${note}`));
  }
  return lines.join("\n");
}

async function loadSection(file: string): Promise<BenchSection | null> {
  const path = join(HERE, file);
  if (!existsSync(path)) return null;
  const module: Partial<BenchSection> = await import(pathToFileURL(path).href);
  if (typeof module.name !== "string" || typeof module.run !== "function") {
    throw new Error(`bench: ${file} must export a string "name" and a function "run"`);
  }
  return module as BenchSection;
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const machine = describeMachine();
  console.log("## Benchmarks\n");
  console.log(
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGB} GB, load average ${machine.loadAverage}, Node ${machine.node}, ${machine.platform}, ${machine.date}\n`,
  );
  const results: SectionResult[] = [];
  for (const file of SECTION_FILES) {
    const started = performance.now();
    let section: BenchSection | null;
    try {
      section = await loadSection(file);
    } catch (error) {
      results.push(failure(file, file, started, error));
      continue;
    }
    if (section === null) {
      console.log(`(skipped ${file}: not written yet)\n`);
      continue;
    }
    if (wanted.length > 0 ? !wanted.includes(section.name) : section.onlyWhenNamed === true) {
      continue;
    }
    console.error(`bench: running ${section.name} …`);
    try {
      const output = await section.run();
      const tables = Array.isArray(output)
        ? (output as readonly BenchTable[])
        : [output as BenchTable];
      for (const table of tables) console.log(`${renderTable(table)}\n`);
      const durationMs = Math.round(performance.now() - started);
      results.push({ name: section.name, file, durationMs, tables });
    } catch (error) {
      results.push(failure(section.name, file, started, error));
    }
  }
  await mkdir(dirname(RESULTS_FILE), { recursive: true });
  await writeFile(RESULTS_FILE, `${JSON.stringify({ machine, sections: results }, null, 2)}\n`);
  console.log(`Wrote ${RESULTS_FILE}`);
  if (results.some((result) => result.error !== undefined)) process.exitCode = 1;
}

function failure(name: string, file: string, started: number, error: unknown): SectionResult {
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  console.log(`### ${name} failed\n\n\`\`\`\n${message}\n\`\`\`\n`);
  return {
    name,
    file,
    durationMs: Math.round(performance.now() - started),
    tables: [],
    error: message,
  };
}

// Sections import this file's types; only running it as a script starts the benchmarks.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
