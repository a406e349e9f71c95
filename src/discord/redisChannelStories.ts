import { type ChannelStore, ChannelStories, TALK_MINUTES } from "./channelStories.ts";
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
 * The story each channel is talking about, kept in Redis for `TALK_MINUTES` (a key that expires),
 * so that behind a load balancer the replica serving a channel's next question knows what the
 * channel was answered from by another. Each story is also noted in this process's memory, which
 * answers while Redis is away or slower than `timeoutMs`: a question then waits no longer, and is
 * read as about the story this process last answered the channel from, if any. Redis's outages are
 * not logged here: the cooldown, counted in the same Redis, logs them. Resolves once the first
 * connection has succeeded or failed, or after a second: it never stops the bot from starting.
 *
 * @example
 * const stories = await createRedisChannelStories({ url, keyPrefix: `${appId}:talk` });
 * stories.answered("1300000000000000211", "12-chipmaker-job-cuts"); // on one replica
 * await stories.about("1300000000000000211"); // "12-chipmaker-job-cuts", on any replica
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
  const keyOf = (channel: string) => `${options.keyPrefix}:${channel}`;
  return {
    async about(channel) {
      if (client.status !== "ready") return memory.about(channel);
      try {
        return await client.get(keyOf(channel));
      } catch {
        return memory.about(channel);
      }
    },
    answered(channel, story) {
      memory.answered(channel, story);
      if (client.status !== "ready") return;
      client.set(keyOf(channel), story, "PX", TALK_MINUTES * 60_000).catch(() => {
        // Noted in memory: this process still knows it while Redis is away.
      });
    },
    close: () => closeClient(client),
  };
}
