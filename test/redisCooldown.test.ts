import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import type { Cooldown } from "../src/discord/cooldown.ts";
import { REDIS_TIMEOUT_MS } from "../src/discord/redisClient.ts";
import { createRedisCooldown } from "../src/discord/redisCooldown.ts";
import { memoryLogger } from "./support/bot.ts";
import { FAKE_APPLICATION_ID } from "./support/interactions.ts";
import {
  findRedisServer,
  freePort,
  REDIS_SERVER_MISSING,
  type RedisServer,
  startRedis,
} from "./support/redis.ts";

const PASSWORD = "correct-horse-battery-staple";
const KEY_PREFIX = `${FAKE_APPLICATION_ID}:ask`;
const FIVE_PER_30_S = { limit: 5, windowMs: 30_000 } as const;

let redis: RedisServer;
const opened: Cooldown[] = [];
const started: RedisServer[] = [];

beforeAll(async () => {
  redis = await startRedis({ password: PASSWORD });
});

afterEach(async () => {
  await Promise.all(opened.splice(0).map((cooldown) => cooldown.close()));
  await Promise.all(started.splice(0).map((server) => server.stop()));
});

afterAll(async () => {
  await redis?.stop();
});

// Tests not about a slow Redis wait this long for a command, so that a busy machine (another test
// file refitting a model on the other core) does not turn a slow ask into an outage.
const PATIENT_MS = 1_000;

async function open(
  url: string,
  log = memoryLogger(),
  timeoutMs: number = PATIENT_MS,
): Promise<Cooldown> {
  const cooldown = await createRedisCooldown(FIVE_PER_30_S, {
    url,
    keyPrefix: KEY_PREFIX,
    log,
    timeoutMs,
  });
  opened.push(cooldown);
  return cooldown;
}

async function keysIn(url: string): Promise<string[]> {
  const client = new Redis(url, { lazyConnect: true });
  try {
    await client.connect();
    return (await client.keys("*")).sort();
  } finally {
    client.disconnect();
  }
}

const warnings = (log: ReturnType<typeof memoryLogger>) =>
  log.lines.filter((line) => line.startsWith("warn"));

describe("createRedisCooldown", () => {
  test("GIVEN two replicas sharing one Redis THEN one member's 8 alternating asks are 5 allowed and 3 refused, under keys that start with the application id", async () => {
    const log = memoryLogger();
    const replicas = [await open(redis.url, log), await open(redis.url, log)];
    const member = "1300000000000000401";
    const results = [];
    for (let i = 0; i < 8; i++) results.push(await replicas[i % 2]?.take(member));
    expect(results.map((result) => result?.ok)).toEqual([
      true,
      true,
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
    const waits = results.flatMap((result) => (result?.ok === false ? [result.retryAfterMs] : []));
    for (const wait of waits) expect(wait).toBeGreaterThan(25_000);
    expect(await keysIn(redis.url)).toContain(`${FAKE_APPLICATION_ID}:ask:${member}`);
    expect(log.lines).toEqual([
      `info cooldown: counting asks in Redis at 127.0.0.1:${redis.port}, shared by every replica`,
      `info cooldown: counting asks in Redis at 127.0.0.1:${redis.port}, shared by every replica`,
    ]);
    expect(replicas[0]?.tracked()).toBe(0);
  });

  test("GIVEN Redis refusing connections at start THEN it starts, counts in memory with one warning, and counts in Redis again once Redis is up", async () => {
    const port = await freePort();
    const log = memoryLogger();
    const cooldown = await open(`redis://127.0.0.1:${port}`, log);
    const member = "1300000000000000402";
    const results = [];
    for (let i = 0; i < 7; i++) results.push((await cooldown.take(member)).ok);
    expect(results).toEqual([true, true, true, true, true, false, false]);
    expect(log.lines).toEqual([
      `warn cooldown: Redis at 127.0.0.1:${port} is unavailable (connect ECONNREFUSED 127.0.0.1:${port}): counting asks in this process's memory until it is back`,
    ]);
    const late = await startRedis({ port });
    started.push(late);
    await expect.poll(() => log.lines.length, { timeout: 10_000, interval: 50 }).toBe(2);
    expect(log.lines[1]).toMatch(
      new RegExp(
        `^warn cooldown: Redis at 127\\.0\\.0\\.1:${port} is back after \\d+ s: counting asks in Redis again$`,
      ),
    );
    expect(await cooldown.take(member)).toEqual({ ok: true });
    expect(await keysIn(late.url)).toEqual([`${FAKE_APPLICATION_ID}:ask:${member}`]);
  });

  test(`GIVEN Redis frozen mid-run THEN no ask waits much over ${REDIS_TIMEOUT_MS} ms, each is answered from memory, and one warning starts and one ends the outage`, async () => {
    const own = await startRedis();
    started.push(own);
    const log = memoryLogger();
    const cooldown = await open(own.url, log, REDIS_TIMEOUT_MS);
    expect(await cooldown.take("1300000000000000403")).toEqual({ ok: true });
    own.pause();
    const waits: number[] = [];
    const results: boolean[] = [];
    for (let i = 0; i < 6; i++) {
      const before = performance.now();
      results.push((await cooldown.take("1300000000000000403")).ok);
      waits.push(performance.now() - before);
    }
    // Counted afresh in memory: the ask Redis saw before it froze is not known here.
    expect(results).toEqual([true, true, true, true, true, false]);
    // The client's 50 ms command timeout, plus what a busy machine adds to a timer.
    expect(Math.max(...waits)).toBeLessThan(REDIS_TIMEOUT_MS + 100);
    expect(Math.min(...waits)).toBeGreaterThanOrEqual(REDIS_TIMEOUT_MS - 1);
    own.resume();
    await expect
      .poll(async () => (await cooldown.take("1300000000000000404")).ok && warnings(log).length, {
        timeout: 5_000,
        interval: 100,
      })
      .toBe(2);
    expect(warnings(log)).toEqual([
      `warn cooldown: Redis at 127.0.0.1:${own.port} is unavailable (a command failed or took over 50 ms): counting asks in this process's memory until it is back`,
      expect.stringMatching(/ is back after \d+ s: counting asks in Redis again$/),
    ]);
  });

  test("GIVEN Redis killed and restarted THEN asks are answered throughout, with one warning each way", async () => {
    const own = await startRedis();
    started.push(own);
    const log = memoryLogger();
    const cooldown = await open(own.url, log);
    await own.kill();
    for (let i = 0; i < 3; i++)
      expect((await cooldown.take(`130000000000000041${i}`)).ok).toBe(true);
    await own.restart();
    await expect.poll(() => warnings(log).length, { timeout: 10_000, interval: 50 }).toBe(2);
    expect(await cooldown.take("1300000000000000419")).toEqual({ ok: true });
    // Whichever the client notices first: the closed socket, or the first ask failing on it.
    expect(warnings(log)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^warn cooldown: Redis at 127\\.0\\.0\\.1:${own.port} is unavailable \\((the connection closed|a command failed or took over ${PATIENT_MS} ms)\\): counting asks in this process's memory until it is back$`,
        ),
      ),
      expect.stringMatching(/ is back after \d+ s: counting asks in Redis again$/),
    ]);
    expect(await keysIn(own.url)).toEqual([`${KEY_PREFIX}:1300000000000000419`]);
  });

  test("GIVEN a wrong password in REDIS_URL THEN the warning names Redis's refusal and never the password", async () => {
    const log = memoryLogger();
    const wrong = "not-the-password-4321";
    const cooldown = await open(`redis://default:${wrong}@127.0.0.1:${redis.port}`, log);
    expect(await cooldown.take("1300000000000000420")).toEqual({ ok: true });
    expect(log.lines).toEqual([
      `warn cooldown: Redis at 127.0.0.1:${redis.port} is unavailable (WRONGPASS invalid username-password pair or user is disabled.): counting asks in this process's memory until it is back`,
    ]);
    expect(log.lines.join("\n")).not.toContain(wrong);
  });

  test("GIVEN Redis down THEN close returns at once and leaves no reconnection pending", async () => {
    const port = await freePort();
    const log = memoryLogger();
    const cooldown = await createRedisCooldown(FIVE_PER_30_S, {
      url: `redis://127.0.0.1:${port}`,
      keyPrefix: KEY_PREFIX,
      log,
    });
    const before = performance.now();
    await cooldown.close();
    expect(performance.now() - before).toBeLessThan(600);
    const late = await startRedis({ port });
    started.push(late);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(log.lines).toHaveLength(1);
  });
});

describe("findRedisServer", () => {
  test("GIVEN no redis-server on PATH THEN the Redis tests fail naming the Debian package and how to install it", () => {
    const empty = mkdtempSync(join(tmpdir(), "no-redis-"));
    try {
      expect(() => findRedisServer(empty)).toThrow(REDIS_SERVER_MISSING);
    } finally {
      rmSync(empty, { recursive: true });
    }
    expect(REDIS_SERVER_MISSING).toContain("apt-get install -y redis-server");
  });
});
