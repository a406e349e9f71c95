import type { ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import {
  DiscordAPIError,
  REST,
  type RESTGetAPIGatewayBotResult,
  Routes,
  type Shard,
  ShardingManager,
} from "discord.js";
import { describeError, type Logger } from "../log.ts";
import { NODE_FLAGS } from "../nodeFlags.ts";

/** The script each shard process runs: one gateway bot, see `src/shard.ts`. */
export const SHARD_ENTRY = fileURLToPath(new URL("../shard.ts", import.meta.url));

/** What a shard sends after /reload so the manager has every other shard reload too. */
export const RELOAD_ALL_SHARDS = { storyQa: "reload" } as const;

/** Whether an IPC message is {@link RELOAD_ALL_SHARDS}. */
export function isReloadMessage(message: unknown): boolean {
  return (
    typeof message === "object" &&
    message !== null &&
    (message as { storyQa?: unknown }).storyQa === RELOAD_ALL_SHARDS.storyQa
  );
}

// Discord lets a bot IDENTIFY once per 5 s (per concurrency bucket); discord.js's own default.
const SPAWN_DELAY_MS = 5_500;
const READY_TIMEOUT_MS = 30_000;
const RESPAWN_DELAY_MS = 1_000;
// A shard that keeps dying waits longer each time, up to this, because every start spends one of
// the bot's daily session starts (1000 for most bots; running out gets the token reset).
const MAX_RESPAWN_DELAY_MS = 60_000;
// A shard that lived this long before dying starts its backoff afresh.
const STABLE_AFTER_MS = 60_000;
// How long a shard process gets to close its gateway connection after SIGTERM: under the 10 s
// Docker waits before it kills the manager.
const STOP_TIMEOUT_MS = 8_000;

/** How to run the gateway bot as several shard processes. */
export interface ShardedBotOptions {
  readonly token: string;
  /** Base URL of Discord's API; also passed to the shards as DISCORD_API_URL. */
  readonly apiUrl: string;
  /** How many shards, or "auto" for Discord's recommendation (from `GET /gateway/bot`). */
  readonly shards: number | "auto";
  readonly log: Logger;
  /** Script each shard runs (default {@link SHARD_ENTRY}); it is run with `--import tsx`. */
  readonly file?: string;
  /** Extra environment for the shard processes, on top of this process's own. */
  readonly env?: Readonly<Record<string, string>>;
  /** Wait between starting one shard and the next (default 5500 ms, Discord's identify limit). */
  readonly spawnDelayMs?: number;
  /** How long a shard may take to become ready (default 30 s). */
  readonly readyTimeoutMs?: number;
  /** First wait before restarting a dead shard; doubles while it keeps dying (default 1 s, at most 60 s). */
  readonly respawnDelayMs?: number;
  /** Receives each line a shard process prints (default: this process's stderr, as `[shard N] line`). */
  readonly output?: (shardId: number, line: string) => void;
}

/** A running sharded bot. */
export interface ShardedBot {
  readonly manager: ShardingManager;
  readonly shardCount: number;
  /** Stops every shard (SIGTERM, so each closes its gateway connection) and waits for them to exit. */
  stop(): Promise<void>;
}

/**
 * Runs the gateway bot as one child process per shard through discord.js's ShardingManager, after
 * asking Discord (at `apiUrl`) for the shard count when `shards` is "auto" — discord.js's own
 * lookup always asks discord.com. Logs each shard's start, readiness and death, restarts a shard
 * that dies (with a growing delay while it keeps dying), and passes /reload on to every shard.
 *
 * Resolves once every shard is ready; rejects, with every shard stopped, when one dies or times
 * out first. Like every ShardingManager, it marks this process's environment as a sharding
 * manager's (SHARDING_MANAGER, DISCORD_TOKEN), so run it in its own process, as `npm start` does.
 *
 * @example
 * const bot = await startShardedBot({ token, apiUrl, shards: "auto", log });
 * process.once("SIGTERM", () => void bot.stop());
 */
export async function startShardedBot(options: ShardedBotOptions): Promise<ShardedBot> {
  const { token, apiUrl, log } = options;
  const readyTimeoutMs = options.readyTimeoutMs ?? READY_TIMEOUT_MS;
  const respawnDelayMs = options.respawnDelayMs ?? RESPAWN_DELAY_MS;
  const output =
    options.output ??
    ((shardId: number, line: string) => process.stderr.write(`[shard ${shardId}] ${line}\n`));

  const gateway = await fetchGatewayBot(token, apiUrl);
  const shardCount = options.shards === "auto" ? gateway.shards : options.shards;
  const starts = gateway.session_start_limit;
  log.info(
    `Sharding: ${shardCount} shard${shardCount === 1 ? "" : "s"}${options.shards === "auto" ? " as Discord recommends" : ""}; ${starts.remaining} of ${starts.total} session starts left today`,
  );
  if (starts.remaining < shardCount) {
    log.warn(
      `Sharding: only ${starts.remaining} session starts left; they come back in ${Math.ceil(starts.reset_after / 60_000)} min`,
    );
  }

  const manager = new ShardingManager(options.file ?? SHARD_ENTRY, {
    totalShards: shardCount,
    token,
    mode: "process",
    // Restarts are ours, with a backoff; discord.js would restart a crashing shard at once, forever.
    respawn: false,
    silent: true,
    execArgv: [...NODE_FLAGS, "--import", "tsx"],
  });
  const spawnedAt = new Map<number, number>();
  const deathsInARow = new Map<number, number>();
  const timers = new Set<NodeJS.Timeout>();
  const readyOnce = new Set<number>();
  let started = false;
  let stopping = false;

  const respawnLater = (shard: Shard): void => {
    const lived = Date.now() - (spawnedAt.get(shard.id) ?? 0);
    const deaths = lived >= STABLE_AFTER_MS ? 1 : (deathsInARow.get(shard.id) ?? 0) + 1;
    deathsInARow.set(shard.id, deaths);
    const delay = Math.min(respawnDelayMs * 2 ** (deaths - 1), MAX_RESPAWN_DELAY_MS);
    log.warn(`shard ${shard.id}: restarting in ${delay} ms`);
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (stopping) return;
      shard.spawn(readyTimeoutMs).catch((error: unknown) => {
        log.error(`shard ${shard.id}: restart failed: ${describeError(error)}`);
      });
    }, delay);
    timers.add(timer);
  };

  manager.on("shardCreate", (shard) => {
    // The shards read the same configuration as this process, with the API URL it was given.
    Object.assign(shard.env as Record<string, string>, { DISCORD_API_URL: apiUrl }, options.env);
    shard.on("spawn", (spawned) => {
      spawnedAt.set(shard.id, Date.now());
      const child = spawned as ChildProcess;
      log.info(`shard ${shard.id}: started (pid ${child.pid})`);
      for (const stream of [child.stdout, child.stderr]) {
        if (stream !== null) forwardLines(stream, (line) => output(shard.id, line));
      }
    });
    shard.on("ready", () => {
      readyOnce.add(shard.id);
      log.info(`shard ${shard.id}: ready`);
    });
    // A shard closing its connection on the way out also reports these; only news while running.
    shard.on("disconnect", () => {
      if (!stopping) log.warn(`shard ${shard.id}: disconnected from the gateway`);
    });
    shard.on("reconnecting", () => {
      if (!stopping) log.info(`shard ${shard.id}: reconnecting`);
    });
    shard.on("resume", () => {
      if (!stopping) log.info(`shard ${shard.id}: resumed`);
    });
    shard.on("error", (error) => log.error(`shard ${shard.id}: ${describeError(error)}`));
    shard.on("message", (message: unknown) => {
      if (!isReloadMessage(message)) return;
      log.info(`shard ${shard.id}: /reload, passing it on to the other shards`);
      for (const other of manager.shards.values()) {
        if (other === shard || other.process === null) continue;
        other.send(RELOAD_ALL_SHARDS).catch((error: unknown) => {
          log.warn(`shard ${other.id}: could not pass on /reload: ${describeError(error)}`);
        });
      }
    });
    shard.on("death", (died) => {
      const { exitCode, signalCode } = died as ChildProcess;
      if (stopping) return;
      log.error(
        `shard ${shard.id}: process died (${signalCode === null ? `exit code ${exitCode}` : signalCode})`,
      );
      // A shard that never got ready while the others start fails the start instead.
      if (started || readyOnce.has(shard.id)) respawnLater(shard);
    });
  });

  const stop = async (): Promise<void> => {
    stopping = true;
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
    await Promise.all([...manager.shards.values()].map(stopShard));
  };

  try {
    await manager.spawn({
      amount: shardCount,
      delay: options.spawnDelayMs ?? SPAWN_DELAY_MS,
      timeout: readyTimeoutMs,
    });
  } catch (error) {
    await stop();
    throw error;
  }
  started = true;
  let stopped: Promise<void> | undefined;
  return {
    manager,
    shardCount,
    stop: () => {
      stopped ??= stop().then(() => log.info(`Sharding: all ${shardCount} shards stopped`));
      return stopped;
    },
  };
}

/** Stops one shard's process with SIGTERM (SIGKILL if it does not exit in time) and waits for it. */
async function stopShard(shard: Shard): Promise<void> {
  const child = shard.process;
  if (child === null || child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  shard.kill();
  const timer = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

/**
 * Thrown when Discord does not say how to connect the shards; the original error is the `cause`.
 * `code` is "TokenInvalid" when Discord rejected the token, as on discord.js's own login error.
 */
export class GatewayLookupError extends Error {
  override readonly name = "GatewayLookupError";
  readonly code: "TokenInvalid" | "RequestFailed";

  constructor(apiUrl: string, cause: unknown) {
    const rejected = cause instanceof DiscordAPIError && cause.status === 401;
    super(
      rejected
        ? `Discord rejected DISCORD_TOKEN (401 on GET ${apiUrl}/v10/gateway/bot): reset it in the Developer Portal (Bot → Reset Token) and update .env`
        : `Could not ask Discord how to shard (GET ${apiUrl}/v10/gateway/bot): ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    );
    this.code = rejected ? "TokenInvalid" : "RequestFailed";
  }
}

/** Asks Discord for the gateway, its recommended shard count and the session starts left. */
async function fetchGatewayBot(token: string, apiUrl: string): Promise<RESTGetAPIGatewayBotResult> {
  const rest = new REST({ api: apiUrl }).setToken(token);
  try {
    return (await rest.get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
  } catch (error) {
    throw new GatewayLookupError(apiUrl, error);
  }
}

function forwardLines(stream: Readable, write: (line: string) => void): void {
  createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY }).on("line", write);
}
