import type { Logger } from "../log.ts";
import {
  type ChannelRecall,
  type ChannelStore,
  ChannelStories,
  TALK_MINUTES,
} from "./channelStories.ts";
import {
  closeConnection,
  openConnection,
  REDIS_TIMEOUT_MS,
  type SharedConnection,
} from "./redisClient.ts";

/** How the log names the channels' use of Redis: "channels: keeping each channel's conversation in Redis at …". */
export const CHANNELS_IN_REDIS = {
  what: "channels",
  doing: "keeping each channel's conversation",
} as const;

/** Where channels' stories are shared. */
export interface RedisChannelStoriesOptions {
  /** `REDIS_URL`: `redis://[user:password@]host[:port][/db]`, or `rediss://` for TLS. */
  readonly url: string;
  /** Put before every key (`<prefix>:<channel id>`): the application id keeps bots sharing a Redis apart. */
  readonly keyPrefix: string;
  /** The longest a question waits for Redis (default {@link REDIS_TIMEOUT_MS}). */
  readonly timeoutMs?: number;
  /** Where Redis's outages are logged; absent where another user of the same Redis logs them. */
  readonly log?: Logger;
  /**
   * The process's connection to that Redis, opened with the same timeout, when others use it too:
   * then it is used, neither logged nor closed here; absent: the store opens and closes its own.
   */
  readonly connection?: SharedConnection;
}

/**
 * Each channel's conversation (see `ChannelStore`) kept in Redis for `TALK_MINUTES` (keys that
 * expire: `<prefix>:<channel>` its story, `<prefix>:<channel>:answer` its last answer), so that
 * behind a load balancer the replica serving a channel's next question knows what another answered
 * it. Each is also noted in this process's memory, which answers while Redis is away or slower than
 * `timeoutMs`: a question then waits no longer, and reads what this process last noted, if anything.
 * With `log`, Redis's outages are logged as the cooldown logs them. Resolves once the first
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
  const timeoutMs = options.timeoutMs ?? REDIS_TIMEOUT_MS;
  const own = options.connection === undefined;
  const { client, watch } =
    options.connection ??
    openConnection(
      { url: options.url, log: options.log ?? SILENT, ...CHANNELS_IN_REDIS },
      timeoutMs,
    );
  await watch.settled;
  const memory = new ChannelStories();
  const storyKey = (channel: string) => `${options.keyPrefix}:${channel}`;
  const answerKey = (channel: string) => `${options.keyPrefix}:${channel}:answer`;
  // A command that fails while connected counts as an outage, as a closed connection does.
  const failed = (): void => watch.down(`a command failed or took over ${timeoutMs} ms`);
  const note = (key: string, value: string): void => {
    if (client.status !== "ready") return;
    // On failure it is noted in memory: this process still knows it while Redis is away.
    client.set(key, value, "PX", TALK_MINUTES * 60_000).then(watch.up, failed);
  };
  return {
    async recall(channel): Promise<ChannelRecall> {
      if (client.status !== "ready") return memory.recall(channel);
      try {
        const [story, lastAnswer] = await client.mget(storyKey(channel), answerKey(channel));
        watch.up();
        return { story: story ?? null, lastAnswer: lastAnswer ?? null };
      } catch {
        failed();
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
    close: async () => {
      if (own) await closeConnection({ client, watch });
    },
  };
}

const SILENT: Logger = { debug() {}, info() {}, warn() {}, error() {} };
