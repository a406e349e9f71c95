import { Redis } from "ioredis";
import { redisCredentials } from "../config.ts";
import type { Logger } from "../log.ts";

/**
 * The longest an ask or a question waits for Redis before this process's memory answers instead:
 * the cooldown's count, a channel's conversation.
 */
export const REDIS_TIMEOUT_MS = 50;

// Reconnection: 100 ms, doubling up to this, so a Redis that is back is used again within about 2 s.
const MAX_RECONNECT_DELAY_MS = 2_000;
// A Redis that takes longer to accept a connection counts as down, and is tried again.
const CONNECT_TIMEOUT_MS = 2_000;
// How long closing waits for the socket to end before destroying it (ioredis waits 2 s by default).
const CLOSE_WAIT_MS = 200;
// How long start-up waits for the first connection (or its failure) before serving anyway.
const START_WAIT_MS = 1_000;

/**
 * An ioredis client for state the bot shares between replicas (cooldowns, channels' stories): a
 * command fails at once while disconnected, or after `timeoutMs`, rather than waiting for Redis,
 * so that the caller can fall back to this process's memory; the client keeps reconnecting.
 *
 * @param url `REDIS_URL`: `redis://[user:password@]host[:port][/db]`, or `rediss://` for TLS
 */
export function sharedStateClient(url: string, timeoutMs: number): Redis {
  return new Redis(url, {
    commandTimeout: timeoutMs,
    connectTimeout: CONNECT_TIMEOUT_MS,
    disconnectTimeout: CLOSE_WAIT_MS,
    // Fail at once while disconnected rather than queue the command until Redis is back.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: (attempt) => Math.min(100 * 2 ** (attempt - 1), MAX_RECONNECT_DELAY_MS),
  });
}

/** Disconnects a client, waiting briefly for its socket to end; at once when it has none (Redis down). */
export async function closeClient(client: Redis): Promise<void> {
  // Between reconnection attempts there is no socket, and so no "end" to wait for.
  const open = ["connecting", "connect", "ready"].includes(client.status);
  let wait: NodeJS.Timeout | undefined;
  const ended = new Promise<void>((resolve) => {
    client.once("end", resolve);
    wait = setTimeout(resolve, CLOSE_WAIT_MS);
  });
  client.disconnect();
  if (open) await ended;
  clearTimeout(wait);
}

/** "host:port/db" of a Redis URL, for log lines: never its user name or password. */
export function redisAddress(url: string): string {
  const parsed = new URL(url);
  const database = parsed.pathname.length > 1 ? parsed.pathname : "";
  return `${parsed.hostname}:${parsed.port || "6379"}${database}`;
}

/** What a client's log lines say it keeps in Redis: "cooldown: counting asks in Redis at …". */
export interface KeptInRedis {
  readonly url: string;
  readonly log: Logger;
  /** What keeps state there, the lines' prefix: "cooldown". */
  readonly what: string;
  /** What it does there and, while Redis is away, in memory: "counting asks". */
  readonly doing: string;
}

/** What `watchConnection` returns: the connection's state, fed by whoever sees a command succeed or fail. */
export type ConnectionWatch = ReturnType<typeof watchConnection>;

/** One Redis connection and its watch, shared by every user of Redis in a process (the cooldown, the channels). */
export interface SharedConnection {
  readonly client: Redis;
  readonly watch: ConnectionWatch;
}

/**
 * Opens the process's one shared-state connection, watched and logged as `kept` says (see
 * `watchConnection`); close it with `closeConnection`.
 */
export function openConnection(kept: KeptInRedis, timeoutMs: number): SharedConnection {
  const client = sharedStateClient(kept.url, timeoutMs);
  return { client, watch: watchConnection(client, kept) };
}

/** Stops logging a shared connection and disconnects it. */
export async function closeConnection(connection: SharedConnection): Promise<void> {
  connection.watch.close();
  await closeClient(connection.client);
}

/**
 * Follows a shared-state client's connection and logs it: one line when it is first up, one
 * warning when Redis goes away (with the reason, never a password) and one when it is back. `up`
 * and `down` may also be called by whoever sees a command succeed or fail; `settled` resolves
 * once the first connection has succeeded or failed, or after a second.
 *
 * @example
 * const watch = watchConnection(client, { url, log, what: "cooldown", doing: "counting asks" });
 * await watch.settled; // "info cooldown: counting asks in Redis at 127.0.0.1:6379, shared by every replica"
 */
export function watchConnection(
  client: Redis,
  kept: KeptInRedis,
): {
  up(): void;
  down(reason: string): void;
  /** The last error the client reported since it was last up, if any. */
  lastError(): string | null;
  /** Stops logging: the client is being closed on purpose. */
  close(): void;
  readonly settled: Promise<void>;
} {
  const { log, what, doing } = kept;
  const where = redisAddress(kept.url);
  const secrets = redisCredentials(kept.url);
  const scrub = (text: string): string =>
    secrets.reduce((line, secret) => line.split(secret).join("[redacted]"), text);
  let state: "connecting" | "up" | "down" = "connecting";
  let downSince = 0;
  let closing = false;
  let lastError: string | null = null;
  let settle = (): void => {};
  const first = new Promise<void>((resolve) => {
    settle = resolve;
  });
  const up = (): void => {
    if (closing || state === "up") return;
    if (state === "connecting") {
      log.info(`${what}: ${doing} in Redis at ${where}, shared by every replica`);
    } else {
      const seconds = Math.max(1, Math.round((Date.now() - downSince) / 1000));
      log.warn(`${what}: Redis at ${where} is back after ${seconds} s: ${doing} in Redis again`);
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
      `${what}: Redis at ${where} is unavailable (${scrub(reason)}): ${doing} in this process's memory until it is back`,
    );
    settle();
  };
  client.on("ready", up);
  // Without a listener ioredis prints every failed reconnection to the console.
  client.on("error", (error: Error) => {
    lastError = error.message;
  });
  client.on("close", () => down(lastError ?? "the connection closed"));
  let timer: NodeJS.Timeout | undefined;
  const settled = Promise.race([
    first,
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, START_WAIT_MS);
    }),
  ]).finally(() => clearTimeout(timer));
  return {
    up,
    down,
    lastError: () => lastError,
    close: () => {
      closing = true;
    },
    settled,
  };
}
