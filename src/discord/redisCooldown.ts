import { createRequire } from "node:module";
import type {
  RateLimiterMemory as MemoryLimiter,
  RateLimiterRedis as RedisLimiter,
} from "rate-limiter-flexible";
import type { AskCooldown } from "../config.ts";
import type { Logger } from "../log.ts";
import { type Cooldown, consumeAsk } from "./cooldown.ts";
import {
  closeConnection,
  openConnection,
  REDIS_TIMEOUT_MS,
  type SharedConnection,
} from "./redisClient.ts";

// The two limiters alone, not the package's entry point with every store back-end (see cooldown.ts).
const load = createRequire(import.meta.url);
const RateLimiterMemory = load(
  "rate-limiter-flexible/lib/RateLimiterMemory.js",
) as typeof MemoryLimiter;
const RateLimiterRedis = load(
  "rate-limiter-flexible/lib/RateLimiterRedis.js",
) as typeof RedisLimiter;

/** How the log names the cooldown's use of Redis: "cooldown: counting asks in Redis at …". */
export const COOLDOWN_IN_REDIS = { what: "cooldown", doing: "counting asks" } as const;

/** Where the shared counts live, and who to tell when Redis goes away or comes back. */
export interface RedisCooldownOptions {
  /** `REDIS_URL`: `redis://[user:password@]host[:port][/db]`, or `rediss://` for TLS. */
  readonly url: string;
  /** Put before every key (`<prefix>:<member id>`): the application id keeps bots sharing a Redis apart. */
  readonly keyPrefix: string;
  readonly log: Logger;
  /** The longest an ask waits for Redis (default {@link REDIS_TIMEOUT_MS}). */
  readonly timeoutMs?: number;
  /**
   * The process's connection to that Redis, opened with the same timeout, when others use it too:
   * then it is used, neither logged nor closed here; absent: the cooldown opens, logs and closes its own.
   */
  readonly connection?: SharedConnection;
}

/**
 * A fixed-window cooldown counted in Redis, so every replica sharing that Redis shares each
 * member's allowance (rate-limiter-flexible's Redis limiter over an ioredis client). While Redis is
 * away — refused at start, dropped later, or slower than `timeoutMs` — asks are counted in this
 * process's memory (the limiter's insurance limiter) and answered as before; the log gets one
 * warning when Redis goes away and one when it is back, and the client keeps reconnecting.
 * Resolves once the first connection has succeeded or failed, or after a second: it never stops
 * the bot from starting.
 *
 * @example
 * const cooldown = await createRedisCooldown({ limit: 5, windowMs: 30_000 }, { url, keyPrefix: `${appId}:ask`, log });
 * await cooldown.take(userId); // { ok: true }, on any replica, for the first five in 30 s
 * await cooldown.close(); // on shutdown
 */
export async function createRedisCooldown(
  setting: AskCooldown,
  options: RedisCooldownOptions,
): Promise<Cooldown> {
  const timeoutMs = options.timeoutMs ?? REDIS_TIMEOUT_MS;
  const own = options.connection === undefined;
  const { client, watch } =
    options.connection ??
    openConnection({ url: options.url, log: options.log, ...COOLDOWN_IN_REDIS }, timeoutMs);
  let fallbacks = 0;
  let closed = false;

  // rate-limiter-flexible calls the insurance limiter when a Redis command fails or times out.
  class MemoryFallback extends RateLimiterMemory {
    override consume(...args: Parameters<MemoryLimiter["consume"]>) {
      fallbacks += 1;
      watch.down(
        client.status === "ready"
          ? `a command failed or took over ${timeoutMs} ms`
          : (watch.lastError() ?? `not connected (${client.status})`),
      );
      return super.consume(...args);
    }
  }
  const window = { points: setting.limit, duration: setting.windowMs / 1000 };
  const insurance = new MemoryFallback(window);
  const limiter = new RateLimiterRedis({
    ...window,
    storeClient: client,
    keyPrefix: options.keyPrefix,
    rejectIfRedisNotReady: true,
    insuranceLimiter: insurance,
  });

  await watch.settled;

  return {
    setting,
    async take(memberId) {
      const before = fallbacks;
      const result = await consumeAsk(limiter, memberId);
      // Answered by Redis (allowed or over the limit) rather than by the insurance limiter.
      if (fallbacks === before) watch.up();
      return result;
    },
    tracked: () => insurance.dump().storage.length,
    async close() {
      if (closed) return;
      closed = true;
      if (own) await closeConnection({ client, watch });
    },
  };
}
