/**
 * HTTP-mode load test: a fixed number of signed /ask requests, at a fixed concurrency, against
 * `startHttpServer` on loopback. The server runs in its own Node process, so the load generator
 * does not share its event loop; requests are signed before the clock starts. Reports requests
 * per second and p50/p99 latency, then what one request costs inside the server.
 *
 * The load generator is Node's own http client with a keep-alive agent (Discord keeps its
 * connections open too). With `autocannon` installed, `runConcurrently` is the one function to
 * swap for it; nothing else here would change.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { generateKeyPairSync, type KeyObject, sign, verify } from "node:crypto";
import { readFileSync } from "node:fs";
import { Agent, createServer, request } from "node:http";
import { cpus, loadavg } from "node:os";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { type APIInteraction, REST } from "discord.js";
import { startAnswerThread } from "../../src/answerThread.ts";
import { readConfig } from "../../src/config.ts";
import { startHttpServer } from "../../src/discord/http.ts";
import { respond } from "../../src/discord/respond.ts";
import { publicKeyFromHex, verifyInteraction } from "../../src/discord/verify.ts";
import { createLogger } from "../../src/log.ts";
import { NODE_FLAGS } from "../../src/nodeFlags.ts";
import { shippedIndex, testContext } from "../support/bot.ts";
import { slashCommand } from "../support/interactions.ts";
import { median, medianRange } from "./respond.ts";
import type { BenchTable } from "./run.ts";

/** Section name, for `npm run bench -- http`. */
export const name = "http";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, "..", "..");
const QUESTIONS_FILE = join(ROOT, "test", "fixtures", "story-questions.json");
const CHILD_FLAG = "--http-bench-server";
const FLOOR_FLAG = "--http-bench-floor";
const REQUESTS = 3_000;
const WARMUP_REQUESTS = 300;
const CONCURRENCY = [1, 8, 20, 32] as const;
// The floor answers every /ask with one embed of about this many bytes, as the bot's answers are.
const FLOOR_REPLY_BYTES = 2048;
const COST_SAMPLES = 2_000;
// USER_HZ, the unit of /proc/<pid>/stat times; 100 on every Linux build that matters here.
const CLOCK_TICKS_PER_SECOND = 100;

/** What a bounded load run measured: one latency per request, the wall time, and failures. */
export interface LoadResult {
  readonly latenciesMs: readonly number[];
  readonly wallMs: number;
  readonly errors: number;
}

/**
 * Runs `count` tasks with at most `concurrency` in flight, timing each; a task that throws counts
 * as an error (and its latency is not kept).
 */
export async function runConcurrently(
  count: number,
  concurrency: number,
  task: (index: number) => Promise<void>,
): Promise<LoadResult> {
  const latenciesMs: number[] = [];
  let next = 0;
  let errors = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const index = next++;
      const started = performance.now();
      try {
        await task(index);
        latenciesMs.push(performance.now() - started);
      } catch {
        errors += 1;
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return { latenciesMs, wallMs: performance.now() - started, errors };
}

/** The value below which `p` (0–1) of the samples fall, by nearest rank. */
export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? 0;
}

/** A table row for a load run: concurrency, requests, per second, p50, p99, max, errors. */
export function loadRow(concurrency: number, result: LoadResult): (string | number)[] {
  const done = result.latenciesMs.length;
  return [
    concurrency,
    done + result.errors,
    Math.round((done / result.wallMs) * 1000),
    round(percentile(result.latenciesMs, 0.5)),
    round(percentile(result.latenciesMs, 0.99)),
    round(percentile(result.latenciesMs, 1)),
    result.errors,
  ];
}

/** Rounds to 2 decimals for a table. */
export function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/**
 * CPU time (user + system) a process has used so far, in ms, from /proc on Linux; null elsewhere.
 * Read before and after a run, it says what the run cost the server, apart from the load generator.
 */
export function cpuTimeMs(pid: number | undefined): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** A table cell for the server's CPU ms per request between two {@link cpuTimeMs} readings. */
export function cpuPerRequest(
  before: number | null,
  after: number | null,
  requests: number,
): string | number {
  return before === null || after === null ? "n/a" : round((after - before) / requests);
}

/** Starts this repository's file `file` as a Node process under tsx and resolves with its first stdout line. */
export async function startBenchChild(
  file: string,
  args: readonly string[],
): Promise<{ child: ChildProcess; firstLine: string }> {
  // BENCH_PROFILE=1 writes a CPU profile of each server to bench-results/profiles.
  const profile =
    process.env.BENCH_PROFILE === "1"
      ? ["--cpu-prof", `--cpu-prof-dir=${join(ROOT, "bench-results", "profiles")}`]
      : [];
  const child = spawn(
    process.execPath,
    [...NODE_FLAGS, ...profile, "--import", "tsx", file, ...args],
    {
      cwd: ROOT,
      stdio: ["pipe", "pipe", "inherit"],
    },
  );
  const lines = createInterface({ input: child.stdout as NonNullable<typeof child.stdout> });
  const firstLine = await new Promise<string>((resolve, reject) => {
    lines.once("line", resolve);
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`bench: ${file} exited early (${code})`)));
  });
  return { child, firstLine };
}

/** Ends a bench child by closing its stdin, and waits for it to exit. */
export async function stopBenchChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.stdin?.end();
  await exited;
}

function questions(): string[] {
  const file = JSON.parse(readFileSync(QUESTIONS_FILE, "utf8")) as {
    questions: { question: string }[];
  };
  return file.questions.map((q) => q.question);
}

function rawPublicKeyHex(key: KeyObject): string {
  return Buffer.from(key.export({ format: "jwk" }).x ?? "", "base64url").toString("hex");
}

interface SignedRequest {
  readonly body: string;
  readonly headers: Record<string, string | number>;
}

// The question of the bot's transport-only rows: the question check refuses it before any search,
// so what the row costs is the signature, the JSON, the dispatch, a one-line notice and HTTP.
const EMPTY_QUESTION = " ";

function signedAsks(count: number, privateKey: KeyObject, only?: string): SignedRequest[] {
  const asked = only === undefined ? questions() : [only];
  const timestamp = String(Math.floor(Date.now() / 1000));
  return Array.from({ length: count }, (_, i) => {
    const question = asked[i % asked.length] ?? "Who issued the directive?";
    const body = JSON.stringify(slashCommand({ name: "ask", options: { question } }));
    const signature = sign(null, Buffer.from(timestamp + body), privateKey).toString("hex");
    return {
      body,
      headers: {
        "content-type": "application/json",
        "content-length": Buffer.byteLength(body),
        "x-signature-ed25519": signature,
        "x-signature-timestamp": timestamp,
      },
    };
  });
}

function post(agent: Agent, port: number, signed: SignedRequest): Promise<void> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        agent,
        host: "127.0.0.1",
        port,
        path: "/interactions",
        method: "POST",
        headers: signed.headers,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          if (response.statusCode === 200 && text.startsWith('{"type":4')) resolve();
          else reject(new Error(`HTTP ${response.statusCode}: ${text.slice(0, 100)}`));
        });
        response.on("error", reject);
      },
    );
    outgoing.on("error", reject);
    outgoing.end(signed.body);
  });
}

/** A bench server: its loopback port and process id. */
interface BenchServer {
  readonly port: number;
  readonly pid: number | undefined;
}

/** One load run against a server after its warm-up: what it measured and the server's CPU a request. */
async function measure(
  server: BenchServer,
  concurrency: number,
  privateKey: KeyObject,
  question: string | undefined,
): Promise<{ result: LoadResult; cpu: string | number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const warmup = signedAsks(WARMUP_REQUESTS, privateKey, question);
  await runConcurrently(warmup.length, concurrency, (j) =>
    post(agent, server.port, warmup[j] as SignedRequest),
  );
  const requests = signedAsks(REQUESTS, privateKey, question);
  const cpuBefore = cpuTimeMs(server.pid);
  const result = await runConcurrently(requests.length, concurrency, (j) =>
    post(agent, server.port, requests[j] as SignedRequest),
  );
  const cpuAfter = cpuTimeMs(server.pid);
  agent.destroy();
  return { result, cpu: cpuPerRequest(cpuBefore, cpuAfter, REQUESTS) };
}

// The target's ratio is taken this many more times, the bot and the floor in turn: one run's
// ratio ranged 0.56–0.69 on a quiet machine (2026-12-04), so the target is met by the median.
const TARGET_RUNS = 5;
const TARGET_CONCURRENCY = 20;
const TARGET_RATIO = 0.6;

/** The bot ÷ floor ratio at the target's concurrency, `TARGET_RUNS` times, as a table. */
async function target(
  bot: BenchServer,
  floor: BenchServer,
  privateKey: KeyObject,
): Promise<BenchTable> {
  const ratios: number[] = [];
  for (let run = 0; run < TARGET_RUNS; run++) {
    const perSecond = async (server: BenchServer) => {
      const { result } = await measure(server, TARGET_CONCURRENCY, privateKey, undefined);
      return result.latenciesMs.length / result.wallMs;
    };
    const botRate = await perSecond(bot);
    ratios.push(botRate / (await perSecond(floor)));
  }
  const middle = median(ratios);
  return {
    title: "HTTP mode: the target",
    columns: ["target", "measured", "met"],
    rows: [
      [
        `bot ÷ floor req/s at ${TARGET_CONCURRENCY} in flight ≥ ${TARGET_RATIO}`,
        medianRange(ratios, 2),
        middle >= TARGET_RATIO ? "yes" : "no",
      ],
    ],
    notes: [
      `${TARGET_RUNS} runs, each the bot then the floor (${REQUESTS} requests after ${WARMUP_REQUESTS} warm-up): median (range); met by the median.`,
    ],
  };
}

async function load(servers: readonly BenchServer[], privateKey: KeyObject): Promise<BenchTable> {
  const loadAverage = loadavg()[0] ?? 0;
  const rows: (string | number)[][] = [];
  const [bot, floor] = servers;
  if (bot === undefined || floor === undefined) throw new Error("bench http: a bot and a floor");
  // The bot with the fixture questions, the bot with an empty one, then the floor, at each
  // concurrency: all three see the machine as it is at that moment.
  const runs = [
    { label: "bot", server: bot, question: undefined },
    { label: "bot, empty question", server: bot, question: EMPTY_QUESTION },
    { label: "floor", server: floor, question: undefined },
  ] as const;
  for (const concurrency of CONCURRENCY) {
    const measured: { label: string; row: (string | number)[]; cpu: string | number }[] = [];
    for (const { label, server, question } of runs) {
      const { result, cpu } = await measure(server, concurrency, privateKey, question);
      measured.push({ label, row: loadRow(concurrency, result), cpu });
    }
    const floorPerSecond = Number(measured.at(-1)?.row[2] ?? 1);
    for (const { label, row, cpu } of measured) {
      rows.push([
        label,
        ...row,
        cpu,
        label === "floor" ? "" : round(Number(row[2]) / floorPerSecond),
      ]);
    }
  }
  return {
    title: "HTTP mode: signed /ask over loopback, one server process, against a floor",
    columns: [
      "server",
      "concurrency",
      "requests",
      "req/s",
      "p50 ms",
      "p99 ms",
      "max ms",
      "errors",
      "server CPU ms/req",
      "bot ÷ floor req/s",
    ],
    rows,
    notes: [
      `${REQUESTS} requests per row after ${WARMUP_REQUESTS} warm-up requests, questions from test/fixtures/story-questions.json in turn, against the shipped corpus.`,
      `The floor is a minimal Node endpoint in its own process: it checks the same Ed25519 signature and timestamp, parses the JSON and answers every request with one fixed ${FLOOR_REPLY_BYTES}-byte embed; what the bot adds to that is its own work. Target: the bot serves ≥ 0.6 of the floor's requests per second at 20 in flight.`,
      '"bot, empty question" is the same bot process sent /ask with a blank question, which the question check refuses before any search: its transport, signature check, dispatch and a one-line notice, without answer().',
      `Servers and load generator are separate Node processes on the same ${cpus().length}-core machine (load average ${loadAverage.toFixed(2)} when started); each response is checked (200, type 4).`,
      "Latency is client-side: from writing the request to reading the whole response, keep-alive connections.",
      "Server CPU is user + system time of the server process during the row (from /proc), divided by the requests: 1000 / it is what one core could serve.",
    ],
  };
}

async function costs(): Promise<BenchTable> {
  const index = await shippedIndex();
  const context = testContext(
    index,
    createLogger("error", [], () => {}),
  );
  const keys = generateKeyPairSync("ed25519");
  const key = publicKeyFromHex(rawPublicKeyHex(keys.publicKey));
  const requests = signedAsks(COST_SAMPLES, keys.privateKey);
  const verifyUs: number[] = [];
  const parseUs: number[] = [];
  const respondUs: number[] = [];
  const serializeUs: number[] = [];
  for (const signed of requests) {
    const bytes = Buffer.from(signed.body);
    let started = performance.now();
    verifyInteraction(
      key,
      String(signed.headers["x-signature-ed25519"]),
      String(signed.headers["x-signature-timestamp"]),
      bytes,
    );
    verifyUs.push((performance.now() - started) * 1000);
    started = performance.now();
    const interaction = JSON.parse(bytes.toString("utf8")) as APIInteraction;
    parseUs.push((performance.now() - started) * 1000);
    started = performance.now();
    const reply = await respond(interaction, context);
    respondUs.push((performance.now() - started) * 1000);
    started = performance.now();
    JSON.stringify(reply.response);
    serializeUs.push((performance.now() - started) * 1000);
  }
  const row = (step: string, samples: number[]) => [
    step,
    Math.round(percentile(samples, 0.5)),
    Math.round(percentile(samples, 0.99)),
  ];
  return {
    title: "HTTP mode: what one /ask costs inside the server",
    columns: ["step", "p50 µs", "p99 µs"],
    rows: [
      row("Ed25519 signature check", verifyUs),
      row("JSON.parse of the interaction", parseUs),
      row("respond(): search, answer, render", respondUs),
      row("JSON.stringify of the response", serializeUs),
    ],
    notes: [`${COST_SAMPLES} /ask interactions in one process, first ones included (no warm-up).`],
  };
}

/** Runs the HTTP-mode benchmark: load at four concurrencies against the bot and the floor, then the cost of one request. */
export async function run(): Promise<BenchTable[]> {
  const keys = generateKeyPairSync("ed25519");
  const publicKey = rawPublicKeyHex(keys.publicKey);
  const here = fileURLToPath(import.meta.url);
  const bot = await startBenchChild(here, [CHILD_FLAG, publicKey]);
  const floor = await startBenchChild(here, [FLOOR_FLAG, publicKey]);
  try {
    const servers = [bot, floor].map(({ child, firstLine }) => ({
      port: (JSON.parse(firstLine) as { port: number }).port,
      pid: child.pid,
    }));
    const [botServer, floorServer] = servers;
    if (botServer === undefined || floorServer === undefined) {
      throw new Error("bench http: a bot and a floor");
    }
    return [
      await load(servers, keys.privateKey),
      await target(botServer, floorServer, keys.privateKey),
      await costs(),
    ];
  } finally {
    await stopBenchChild(bot.child);
    await stopBenchChild(floor.child);
  }
}

/**
 * The floor: what any interactions endpoint must do for an /ask, and nothing more. It verifies the
 * signature over timestamp and body, parses the JSON, and answers with a fixed 2 KB embed.
 */
async function serveFloor(publicKeyHex: string): Promise<void> {
  const key = publicKeyFromHex(publicKeyHex);
  const reply = JSON.stringify({
    type: 4,
    data: {
      embeds: [{ title: "Floor", description: "x".repeat(FLOOR_REPLY_BYTES - 60) }],
      allowed_mentions: { parse: [] },
    },
  });
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks);
      const signature = String(request.headers["x-signature-ed25519"] ?? "");
      const timestamp = String(request.headers["x-signature-timestamp"] ?? "");
      const signed = Buffer.concat([Buffer.from(timestamp), body]);
      const age = Math.abs(Date.now() / 1000 - Number(timestamp));
      if (!(age <= 300) || !verify(null, signed, key, Buffer.from(signature, "hex"))) {
        response.writeHead(401).end();
        return;
      }
      const interaction = JSON.parse(body.toString("utf8")) as { type?: number };
      if (interaction.type !== 2) {
        response.writeHead(400).end();
        return;
      }
      response.writeHead(200, { "content-type": "application/json" }).end(reply);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  process.stdout.write(
    `${JSON.stringify({ port: typeof address === "object" ? address?.port : 0 })}\n`,
  );
  process.stdin.resume();
  process.stdin.once("end", () => server.close(() => process.exit(0)));
}

/**
 * The server process, as `npm start` runs HTTP mode (src/main.ts): the endpoint in this thread,
 * the shipped corpus and the answers in the answering thread, no cooldown. Listens on a free
 * loopback port, prints it, and closes when stdin ends.
 */
async function serve(publicKey: string): Promise<void> {
  const thread = await startAnswerThread(
    readConfig({
      CORPUS_DIR: join(ROOT, "corpus"),
      INDEX_SNAPSHOT: "off",
      WATCH_CORPUS: "false",
      ASK_COOLDOWN: "off",
      LOG_LEVEL: "warn",
    }),
  );
  const server = await startHttpServer({
    port: 0,
    host: "127.0.0.1",
    publicKey,
    context: { answerer: thread, log: createLogger("warn") },
    // /ask never edits a reply; a REST client that is never used.
    rest: new REST({ api: "http://127.0.0.1:9/api" }),
  });
  process.stdout.write(`${JSON.stringify({ port: server.port })}\n`);
  process.stdin.resume();
  process.stdin.once("end", () => {
    void server
      .close()
      .then(() => thread.close())
      .then(() => process.exit(0));
  });
}

if (process.argv[2] === CHILD_FLAG) await serve(process.argv[3] ?? "");
if (process.argv[2] === FLOOR_FLAG) await serveFloor(process.argv[3] ?? "");
