import { createRequire } from "node:module";
import type {
  RateLimiterMemory as MemoryLimiter,
  RateLimiterRedis as RedisLimiter,
} from "rate-limiter-flexible";
import { type AskCooldown, redisCredentials } from "../config.ts";
import type { Logger } from "../log.ts";
import { type Cooldown, consumeAsk } from "./cooldown.ts";
import { closeClient, redisAddress, sharedStateClient } from "./redisClient.ts";

// The two limiters alone, not the package's entry point with every store back-end (see cooldown.ts).
const load = createRequire(import.meta.url);
const RateLimiterMemory = load(
  "rate-limiter-flexible/lib/RateLimiterMemory.js",
) as typeof MemoryLimiter;
const RateLimiterRedis = load(
  "rate-limiter-flexible/lib/RateLimiterRedis.js",
) as typeof RedisLimiter;

/** The longest an ask waits for Redis before it is counted in this process's memory instead. */
export const REDIS_TIMEOUT_MS = 50;

// How long start-up waits for the first connection (or its failure) before serving anyway.
const START_WAIT_MS = 1_000;

/** Where the shared counts live, and who to tell when Redis goes away or comes back. */
export interface RedisCooldownOptions {
  /** `REDIS_URL`: `redis://[user:password@]host[:port][/db]`, or `rediss://` for TLS. */
  readonly url: string;
  /** Put before every key (`<prefix>:<member id>`): the application id keeps bots sharing a Redis apart. */
  readonly keyPrefix: string;
  readonly log: Logger;
  /** The longest an ask waits for Redis (default {@link REDIS_TIMEOUT_MS}). */
  readonly timeoutMs?: number;
}

type RedisState = "connecting" | "up" | "down";

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
  const { log } = options;
  const timeoutMs = options.timeoutMs ?? REDIS_TIMEOUT_MS;
  const where = redisAddress(options.url);
  const secrets = redisCredentials(options.url);
  const scrub = (text: string): string =>
    secrets.reduce((line, secret) => line.split(secret).join("[redacted]"), text);

  const client = sharedStateClient(options.url, timeoutMs);

  let state: RedisState = "connecting";
  let downSince = 0;
  let closing = false;
  let lastError: string | null = null;
  let fallbacks = 0;
  let settle = (): void => {};
  const settled = new Promise<void>((resolve) => {
    settle = resolve;
  });

  const up = (): void => {
    if (closing || state === "up") return;
    if (state === "connecting") {
      log.info(`cooldown: counting asks in Redis at ${where}, shared by every replica`);
    } else {
      const seconds = Math.max(1, Math.round((Date.now() - downSince) / 1000));
      log.warn(
        `cooldown: Redis at ${where} is back after ${seconds} s: counting asks in Redis again`,
      );
    }
    state = "up";
    lastError = null;
    settle();
  };
  const down = (reason: string): void => {
    if (closing || state === "down") return;
    state = "down";
    downSince = Date.now();
    log.warn(
      `cooldown: Redis at ${where} is unavailable (${scrub(reason)}): counting asks in this process's memory until it is back`,
    );
    settle();
  };

  client.on("ready", up);
  // Without a listener ioredis prints every failed reconnection to the console.
  client.on("error", (error: Error) => {
    lastError = error.message;
  });
  client.on("close", () => down(lastError ?? "the connection closed"));

  // rate-limiter-flexible calls the insurance limiter when a Redis command fails or times out.
  class MemoryFallback extends RateLimiterMemory {
    override consume(...args: Parameters<MemoryLimiter["consume"]>) {
      fallbacks += 1;
      down(
        client.status === "ready"
          ? `a command failed or took over ${timeoutMs} ms`
          : (lastError ?? `not connected (${client.status})`),
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

  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    settled,
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, START_WAIT_MS);
    }),
  ]);
  clearTimeout(timer);

  return {
    setting,
    async take(memberId) {
      const before = fallbacks;
      const result = await consumeAsk(limiter, memberId);
      // Answered by Redis (allowed or over the limit) rather than by the insurance limiter.
      if (fallbacks === before) up();
      return result;
    },
    tracked: () => insurance.dump().storage.length,
    async close() {
      if (closing) return;
      closing = true;
      await closeClient(client);
    },
  };
}
