import { performance } from "node:perf_hooks";
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { type ChannelStore, TALK_MINUTES } from "../src/discord/channelStories.ts";
import { createRedisChannelStories } from "../src/discord/redisChannelStories.ts";
import { REDIS_TIMEOUT_MS } from "../src/discord/redisClient.ts";
import { FAKE_APPLICATION_ID } from "./support/interactions.ts";
import { freePort, type RedisServer, startRedis } from "./support/redis.ts";

const KEY_PREFIX = `${FAKE_APPLICATION_ID}:talk`;
const CHANNEL = "1300000000000000601";

let redis: RedisServer;
const opened: (ChannelStore & { close(): Promise<void> })[] = [];
const started: RedisServer[] = [];

beforeAll(async () => {
  redis = await startRedis({ password: "talk-shared-password-17" });
});

afterEach(async () => {
  await Promise.all(opened.splice(0).map((stories) => stories.close()));
  await Promise.all(started.splice(0).map((server) => server.stop()));
});

afterAll(async () => {
  await redis?.stop();
});

// Tests not about a slow Redis wait this long for a command, so that a busy machine (another test
// file refitting a model on the other core) does not answer from memory what Redis was asked.
const PATIENT_MS = 1_000;

async function open(url: string, timeoutMs: number = PATIENT_MS) {
  const stories = await createRedisChannelStories({ url, keyPrefix: KEY_PREFIX, timeoutMs });
  opened.push(stories);
  return stories;
}

/** The story a store recalls for a channel. */
async function storyOf(stories: ChannelStore, channel: string): Promise<string | null> {
  return (await stories.recall(channel)).story;
}

/** Runs `command` on a client of its own, as an operator would with redis-cli. */
async function inRedis<T>(url: string, command: (client: Redis) => Promise<T>): Promise<T> {
  const client = new Redis(url, { lazyConnect: true });
  try {
    await client.connect();
    return await command(client);
  } finally {
    client.disconnect();
  }
}

describe("createRedisChannelStories", () => {
  test(`GIVEN two replicas' stores on one Redis THEN a channel answered on one talks about that story on the other, under a key that starts with the application id and expires within ${TALK_MINUTES} minutes`, async () => {
    const [one, other] = [await open(redis.url), await open(redis.url)];
    expect(await storyOf(other, CHANNEL)).toBeNull();
    one.answered(CHANNEL, "12-chipmaker-job-cuts");
    await expect.poll(() => storyOf(other, CHANNEL)).toBe("12-chipmaker-job-cuts");
    other.answered(CHANNEL, "11-chipmaker-new-factory");
    await expect.poll(() => storyOf(one, CHANNEL)).toBe("11-chipmaker-new-factory");
    expect(await storyOf(one, "1300000000000000602")).toBeNull();
    const key = `${KEY_PREFIX}:${CHANNEL}`;
    expect(await inRedis(redis.url, (c) => c.keys(`${KEY_PREFIX}:${CHANNEL}*`))).toEqual([key]);
    const ttl = await inRedis(redis.url, (c) => c.pttl(key));
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(TALK_MINUTES * 60_000);
  });

  test("GIVEN two replicas' stores on one Redis THEN the channel's last answer noted on one is recalled on the other, beside its story, under a key of its own that expires", async () => {
    const [one, other] = [await open(redis.url), await open(redis.url)];
    const channel = "1300000000000000606";
    const followUp = "fu:-:abcd:3:12-chipmaker-job-cuts:Halvorsen|jobs";
    one.answered(channel, "12-chipmaker-job-cuts");
    one.answeredWith(channel, followUp);
    await expect
      .poll(() => other.recall(channel))
      .toEqual({ story: "12-chipmaker-job-cuts", lastAnswer: followUp });
    const ttl = await inRedis(redis.url, (c) => c.pttl(`${KEY_PREFIX}:${channel}:answer`));
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(TALK_MINUTES * 60_000);
  });

  test("GIVEN the channel's key gone from Redis (expired) THEN the channel talks about no story on any replica", async () => {
    const [one, other] = [await open(redis.url), await open(redis.url)];
    one.answered("1300000000000000603", "01-state-budget-teacher-pay");
    await expect.poll(() => storyOf(other, "1300000000000000603")).not.toBeNull();
    await inRedis(redis.url, (c) => c.del(`${KEY_PREFIX}:1300000000000000603`));
    expect(await storyOf(one, "1300000000000000603")).toBeNull();
    expect(await storyOf(other, "1300000000000000603")).toBeNull();
  });

  test(`GIVEN Redis frozen THEN a question waits about ${REDIS_TIMEOUT_MS} ms and reads the story this process last noted`, async () => {
    const own = await startRedis();
    started.push(own);
    const stories = await open(own.url, REDIS_TIMEOUT_MS);
    own.pause();
    stories.answered(CHANNEL, "12-chipmaker-job-cuts");
    const before = performance.now();
    expect(await storyOf(stories, CHANNEL)).toBe("12-chipmaker-job-cuts");
    // The client's 50 ms command timeout, plus what a busy machine adds to a timer.
    expect(performance.now() - before).toBeLessThan(REDIS_TIMEOUT_MS + 100);
    expect(await storyOf(stories, "1300000000000000604")).toBeNull();
    own.resume();
  });

  test("GIVEN no Redis running THEN it starts within a second, keeps channels' stories in memory, and closes at once", async () => {
    const port = await freePort();
    const before = performance.now();
    const stories = await open(`redis://127.0.0.1:${port}`);
    stories.answered(CHANNEL, "01-state-budget-teacher-pay");
    expect(await storyOf(stories, CHANNEL)).toBe("01-state-budget-teacher-pay");
    expect(await storyOf(stories, "1300000000000000605")).toBeNull();
    await stories.close();
    expect(performance.now() - before).toBeLessThan(1_600);
  });
});
