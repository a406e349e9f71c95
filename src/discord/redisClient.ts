import { Redis } from "ioredis";

// Reconnection: 100 ms, doubling up to this, so a Redis that is back is used again within about 2 s.
const MAX_RECONNECT_DELAY_MS = 2_000;
// A Redis that takes longer to accept a connection counts as down, and is tried again.
const CONNECT_TIMEOUT_MS = 2_000;
// How long closing waits for the socket to end before destroying it (ioredis waits 2 s by default).
const CLOSE_WAIT_MS = 200;

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
