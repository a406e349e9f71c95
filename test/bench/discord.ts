/**
 * Gateway-mode latency: INTERACTION_CREATE sent on the fake Discord's gateway → the bot's
 * interaction callback received by the fake's REST API, for a fixed number of /ask interactions
 * at a fixed concurrency. The bot (one discord.js Client, `startGatewayBot`) runs in its own Node
 * process; the fake Discord runs in this one and checks every callback against Discord's OpenAPI
 * spec, as in the end-to-end tests.
 */

import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { startGatewayBot } from "../../src/discord/gateway.ts";
import { createLogger } from "../../src/log.ts";
import { shippedIndex, testContext } from "../support/bot.ts";
import { type FakeDiscord, startFakeDiscord } from "../support/fakeDiscord.ts";
import { slashCommand } from "../support/interactions.ts";
import {
  cpuPerRequest,
  cpuTimeMs,
  loadRow,
  runConcurrently,
  startBenchChild,
  stopBenchChild,
} from "./http.ts";
import type { BenchTable } from "./run.ts";

/** Section name, for `npm run bench -- discord`. */
export const name = "discord";

const CHILD_FLAG = "--discord-bench-bot";
const INTERACTIONS = 2_000;
const WARMUP_INTERACTIONS = 200;
const CONCURRENCY = [1, 8, 32] as const;
const QUESTIONS_FILE = new URL("../fixtures/story-questions.json", import.meta.url);

function questions(): string[] {
  const file = JSON.parse(readFileSync(QUESTIONS_FILE, "utf8")) as {
    questions: { question: string }[];
  };
  return file.questions.map((q) => q.question);
}

async function ask(discord: FakeDiscord, question: string): Promise<void> {
  const callback = await discord.interact(slashCommand({ name: "ask", options: { question } }), {
    timeoutMs: 30_000,
  });
  if (callback.status !== 204 || (callback.body as { type?: number }).type !== 4) {
    throw new Error(
      `bench: /ask was answered ${callback.status} with ${JSON.stringify(callback.body).slice(0, 100)}`,
    );
  }
}

/** Runs the gateway benchmark against a bot in its own process. */
export async function run(): Promise<BenchTable> {
  const load = loadavg()[0] ?? 0;
  const asked = questions();
  const discord = await startFakeDiscord({ timeoutMs: 30_000 });
  const { child } = await startBenchChild(fileURLToPath(import.meta.url), [
    CHILD_FLAG,
    discord.apiUrl,
    discord.token,
  ]);
  const rows: (string | number)[][] = [];
  try {
    await discord.ready();
    for (const concurrency of CONCURRENCY) {
      await runConcurrently(WARMUP_INTERACTIONS, concurrency, (i) =>
        ask(discord, asked[i % asked.length] ?? "?"),
      );
      const cpuBefore = cpuTimeMs(child.pid);
      const result = await runConcurrently(INTERACTIONS, concurrency, (i) =>
        ask(discord, asked[i % asked.length] ?? "?"),
      );
      const cpuAfter = cpuTimeMs(child.pid);
      rows.push([
        ...loadRow(concurrency, result),
        cpuPerRequest(cpuBefore, cpuAfter, INTERACTIONS),
      ]);
    }
  } finally {
    await stopBenchChild(child);
    await discord.close();
  }
  return {
    title: "Gateway mode: INTERACTION_CREATE → callback, one bot process",
    columns: [
      "concurrency",
      "interactions",
      "per s",
      "p50 ms",
      "p99 ms",
      "max ms",
      "errors",
      "bot CPU ms/interaction",
    ],
    rows,
    notes: [
      `${INTERACTIONS} /ask interactions per row after ${WARMUP_INTERACTIONS} warm-up ones, questions from test/fixtures/story-questions.json in turn.`,
      "Timed from the dispatch on the fake gateway to the callback request arriving at the fake REST API; the fake validates each body against Discord's OpenAPI spec in the measuring process, so the figures include that work.",
      `One bot process (one discord.js Client, no shards); load average when started: ${load.toFixed(2)}.`,
      "Bot CPU is user + system time of the bot process during the row (from /proc), divided by the interactions.",
    ],
  };
}

/** The bot process: logs in to the fake Discord, prints a line when ready, stops when stdin ends. */
async function serve(apiUrl: string, token: string): Promise<void> {
  const index = await shippedIndex();
  const bot = await startGatewayBot({
    token,
    apiUrl,
    context: testContext(index, createLogger("warn", [token])),
  });
  process.stdout.write("ready\n");
  process.stdin.resume();
  process.stdin.once("end", () => {
    void bot.stop().then(() => process.exit(0));
  });
}

if (process.argv[2] === CHILD_FLAG) await serve(process.argv[3] ?? "", process.argv[4] ?? "");
