/**
 * What counting asks in Redis costs an ask, beside the in-memory limiter in the same run: the
 * cooldown check alone, and a whole /ask through `respond()`. Redis is a real `redis-server` on
 * 127.0.0.1, started and stopped here (the Debian package redis-server must be installed).
 *
 * Usage: `npm run bench -- redis`
 */
import { performance } from "node:perf_hooks";
import { Redis } from "ioredis";
import { createCooldown } from "../../src/discord/cooldown.ts";
import { REDIS_TIMEOUT_MS } from "../../src/discord/redisClient.ts";
import { createRedisCooldown } from "../../src/discord/redisCooldown.ts";
import { respond } from "../../src/discord/respond.ts";
import { createLogger } from "../../src/log.ts";
import { shippedIndex, testContext } from "../support/bot.ts";
import { FAKE_APPLICATION_ID, slashCommand } from "../support/interactions.ts";
import { startRedis } from "../support/redis.ts";
import { percentile, round } from "./http.ts";
import { median, medianRange } from "./respond.ts";
import type { BenchTable } from "./run.ts";

/** Section name, for `npm run bench -- redis`. */
export const name = "redis";

/** Runs only when named: it needs redis-server installed. */
export const onlyWhenNamed = true;

const RUNS = 3;
// Per run and limiter: 400 members asking 10 times each, so half the checks find them over 5/30s.
const MEMBERS = 400;
const ASKS_PER_MEMBER = 10;
const RESPOND_ASKS = 2_000;
const SETTING = { limit: 5, windowMs: 30_000 } as const;

// Each ask reaches the bot as its own event (an HTTP request, a gateway message), so the event loop
// turns between asks; timing them back to back in microtasks would leave V8's deferred work (GC
// tasks) to whichever ask first waits on a socket, and charge it to Redis.
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Times the cooldown check and /ask with memory and Redis, interleaved so load falls on both alike. */
export async function run(): Promise<BenchTable> {
  const redis = await startRedis();
  const quiet = createLogger("error", [], () => {});
  const index = await shippedIndex();
  const question = "Who issued the directive?";
  const checks = {
    memory: { p50: [] as number[], p99: [] as number[] },
    redis: { p50: [] as number[], p99: [] as number[] },
  };
  const asks = {
    memory: { p50: [] as number[], p99: [] as number[] },
    redis: { p50: [] as number[], p99: [] as number[] },
  };
  const floor = { p50: [] as number[], p99: [] as number[] };
  let fallbacks = 0;
  const probe = new Redis(redis.url);
  try {
    for (let runNumber = 0; runNumber < RUNS; runNumber++) {
      const memory = createCooldown(SETTING);
      const shared = await createRedisCooldown(SETTING, {
        url: redis.url,
        keyPrefix: `${FAKE_APPLICATION_ID}:bench${runNumber}`,
        log: quiet,
      });
      const samples = { memory: [] as number[], redis: [] as number[], ping: [] as number[] };
      for (let ask = 0; ask < ASKS_PER_MEMBER; ask++) {
        for (let member = 0; member < MEMBERS; member++) {
          const id = String(1_300_000_000_000_000_000n + BigInt(member));
          await nextTurn();
          let started = performance.now();
          await memory.take(id);
          samples.memory.push(performance.now() - started);
          await nextTurn();
          started = performance.now();
          await shared.take(id);
          samples.redis.push(performance.now() - started);
          await nextTurn();
          started = performance.now();
          await probe.ping();
          samples.ping.push(performance.now() - started);
        }
      }
      floor.p50.push(percentile(samples.ping, 0.5));
      floor.p99.push(percentile(samples.ping, 0.99));
      fallbacks += shared.tracked();
      for (const store of ["memory", "redis"] as const) {
        checks[store].p50.push(percentile(samples[store], 0.5));
        checks[store].p99.push(percentile(samples[store], 0.99));
      }

      const contexts = {
        memory: { ...testContext(index, quiet), cooldown: memory },
        redis: { ...testContext(index, quiet), cooldown: shared },
      };
      const askSamples = { memory: [] as number[], redis: [] as number[] };
      for (let i = 0; i < RESPOND_ASKS; i++) {
        // A member new to both limiters: every /ask is answered in full.
        const userId = String(1_310_000_000_000_000_000n + BigInt(runNumber * RESPOND_ASKS + i));
        for (const store of ["memory", "redis"] as const) {
          const interaction = slashCommand({ name: "ask", options: { question }, userId });
          await nextTurn();
          const started = performance.now();
          await respond(interaction, contexts[store]);
          askSamples[store].push(performance.now() - started);
        }
      }
      for (const store of ["memory", "redis"] as const) {
        asks[store].p50.push(percentile(askSamples[store], 0.5));
        asks[store].p99.push(percentile(askSamples[store], 0.99));
      }
      await shared.close();
    }
  } finally {
    probe.disconnect();
    await redis.stop();
  }
  const differences = (figures: { memory: { p99: number[] }; redis: { p99: number[] } }) =>
    figures.redis.p99.map((p99, i) => p99 - (figures.memory.p99[i] ?? 0));
  return {
    title: "The ask cooldown in Redis (same machine) against the in-memory limiter",
    columns: ["what is timed", "limiter", "p50 ms", "p99 ms", "p99 − memory p99 ms (target ≤ 1)"],
    rows: [
      [
        "cooldown check (`take`)",
        "memory",
        medianRange(checks.memory.p50),
        medianRange(checks.memory.p99),
        "",
      ],
      [
        "a Redis PING (the round trip alone)",
        "Redis",
        medianRange(floor.p50),
        medianRange(floor.p99),
        medianRange(floor.p99.map((p99, i) => p99 - (checks.memory.p99[i] ?? 0))),
      ],
      [
        "cooldown check (`take`)",
        "Redis",
        medianRange(checks.redis.p50),
        medianRange(checks.redis.p99),
        medianRange(differences(checks)),
      ],
      [
        "/ask through respond()",
        "memory",
        medianRange(asks.memory.p50),
        medianRange(asks.memory.p99),
        "",
      ],
      [
        "/ask through respond()",
        "Redis",
        medianRange(asks.redis.p50),
        medianRange(asks.redis.p99),
        medianRange(differences(asks)),
      ],
    ],
    notes: [
      `Cooldown ${SETTING.limit}/${SETTING.windowMs / 1000}s; per run ${MEMBERS} members × ${ASKS_PER_MEMBER} checks with each limiter, one after the other (memory, then Redis, for the same member, then a PING on a second connection), so half find the member over the limit; then ${RESPOND_ASKS} /ask with each, from members new to both. ${RUNS} runs: median (range) of the runs.`,
      `Redis: a redis-server on 127.0.0.1 (no persistence) over one ioredis connection; an ask waits at most ${REDIS_TIMEOUT_MS} ms for it. Checks answered from memory because Redis was late: ${fallbacks} members (0 means every check went to Redis).`,
      `Median difference of the check's p99: ${round(median(differences(checks)))} ms; of /ask's p99: ${round(median(differences(asks)))} ms.`,
    ],
  };
}
