import {
  type ChannelRecall,
  type ChannelStore,
  ChannelStories,
  TALK_MINUTES,
} from "./channelStories.ts";
import { closeClient, sharedStateClient } from "./redisClient.ts";
import { REDIS_TIMEOUT_MS } from "./redisCooldown.ts";

// How long start-up waits for the first connection (or its failure) before serving anyway.
const START_WAIT_MS = 1_000;

/** Where channels' stories are shared. */
export interface RedisChannelStoriesOptions {
  /** `REDIS_URL`: `redis://[user:password@]host[:port][/db]`, or `rediss://` for TLS. */
  readonly url: string;
  /** Put before every key (`<prefix>:<channel id>`): the application id keeps bots sharing a Redis apart. */
  readonly keyPrefix: string;
  /** The longest a question waits for Redis (default {@link REDIS_TIMEOUT_MS}). */
  readonly timeoutMs?: number;
}

/**
 * Each channel's conversation (see `ChannelStore`) kept in Redis for `TALK_MINUTES` (keys that
 * expire: `<prefix>:<channel>` its story, `<prefix>:<channel>:answer` its last answer), so that
 * behind a load balancer the replica serving a channel's next question knows what another answered
 * it. Each is also noted in this process's memory, which answers while Redis is away or slower than
 * `timeoutMs`: a question then waits no longer, and reads what this process last noted, if anything. Redis's outages are
 * not logged here: the cooldown, counted in the same Redis, logs them. Resolves once the first
 * connection has succeeded or failed, or after a second: it never stops the bot from starting.
 *
 * @example
 * const stories = await createRedisChannelStories({ url, keyPrefix: `${appId}:talk` });
 * stories.answered("1300000000000000211", "12-chipmaker-job-cuts"); // on one replica
 * (await stories.recall("1300000000000000211")).story; // "12-chipmaker-job-cuts", on any replica
 */
export async function createRedisChannelStories(
  options: RedisChannelStoriesOptions,
): Promise<ChannelStore & { close(): Promise<void> }> {
  const client = sharedStateClient(options.url, options.timeoutMs ?? REDIS_TIMEOUT_MS);
  // Without a listener ioredis prints every failed reconnection to the console.
  client.on("error", () => {});
  let timer: NodeJS.Timeout | undefined;
  await new Promise<void>((resolve) => {
    client.once("ready", resolve);
    client.once("close", resolve);
    timer = setTimeout(resolve, START_WAIT_MS);
  });
  clearTimeout(timer);
  const memory = new ChannelStories();
  const storyKey = (channel: string) => `${options.keyPrefix}:${channel}`;
  const answerKey = (channel: string) => `${options.keyPrefix}:${channel}:answer`;
  const note = (key: string, value: string): void => {
    if (client.status !== "ready") return;
    client.set(key, value, "PX", TALK_MINUTES * 60_000).catch(() => {
      // Noted in memory: this process still knows it while Redis is away.
    });
  };
  return {
    async recall(channel): Promise<ChannelRecall> {
      if (client.status !== "ready") return memory.recall(channel);
      try {
        const [story, lastAnswer] = await client.mget(storyKey(channel), answerKey(channel));
        return { story: story ?? null, lastAnswer: lastAnswer ?? null };
      } catch {
        return memory.recall(channel);
      }
    },
    answered(channel, story) {
      memory.answered(channel, story);
      note(storyKey(channel), story);
    },
    answeredWith(channel, followUp) {
      memory.answeredWith(channel, followUp);
      note(answerKey(channel), followUp);
    },
    close: () => closeClient(client),
  };
}
