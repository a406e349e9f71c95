import { setImmediate } from "node:timers/promises";
import { answerPreparation, subjectPreparation } from "./answer/prepare.ts";
import { prepareSuggestions } from "./answer/suggest.ts";
import { applicationIdOf, type Config, ConfigError } from "./config.ts";
import { type ChannelStore, ChannelStories } from "./discord/channelStories.ts";
import { type Cooldown, createCooldown } from "./discord/cooldown.ts";
import type { SharedConnection } from "./discord/redisClient.ts";
import type { BotContext } from "./discord/reply.ts";
import { Library, type ReloadReport } from "./library.ts";
import type { Logger } from "./log.ts";
import type { SearchIndex } from "./search/index.ts";

// How long corpus edits must be quiet before a reload, so one save of several files is one reload.
const WATCH_DEBOUNCE_MS = 500;

/** A library of the configured corpus, and how to stop watching it. */
export interface OpenLibrary {
  readonly library: Library;
  readonly stopWatching: () => void;
}

/** Loads the corpus (or its snapshot) and, when configured, watches it for changes. */
export async function openLibrary(config: Config, log: Logger): Promise<OpenLibrary> {
  const library = await Library.open({
    corpusDir: config.corpusDir,
    followLinks: config.followLinks,
    ...(config.snapshotPath === null ? {} : { snapshotPath: config.snapshotPath }),
    logger: log,
    prepare: prepareInBackground,
  });
  const stopWatching = config.watchCorpus
    ? library.watch({ debounceMs: WATCH_DEBOUNCE_MS })
    : () => {};
  return { library, stopWatching };
}

// Checking every story's suggestions took 1.6–2.1 s of CPU at 10,000 passages (258 stories), so
// about 15 s at 100,000; past that it would hold the bot's thread for minutes after each start.
const PREPARED_SUGGESTIONS_MAX_PASSAGES = 100_000;
// How long the background preparation may hold the thread before it lets the bot answer what has
// come in: steps of 500 passages' terms took up to 70 ms at 10,000 passages, and of 100 passages'
// phrases up to 90 ms at 1,010 (load average 5).
const PREPARATION_STEP_MS = 10;

/**
 * What a served index works out in the background before questions need it: word expansion's
 * look-up tables, the passages as the search and the answers read them, their subjects and word
 * vectors (in corpora small enough to keep them, see `passagePreparation`, `answerPreparation` and
 * `subjectPreparation`), then, in a corpus of at most 100,000 passages, each story's suggested
 * questions.
 */
export async function prepareInBackground(
  index: SearchIndex,
  served: () => boolean,
): Promise<void> {
  await setImmediate();
  if (!served()) return;
  index.prepareExpansion();
  for (const work of [
    index.passagePreparation(),
    answerPreparation(index),
    subjectPreparation(index),
  ]) {
    if (!(await runInSteps(work, served))) return;
  }
  if (index.size <= PREPARED_SUGGESTIONS_MAX_PASSAGES) await prepareSuggestions(index, served);
}

/**
 * Runs `work` (a generator that yields after each unit), letting the event loop answer what has
 * come in at least every `PREPARATION_STEP_MS`; false when the index stopped being served meanwhile.
 */
async function runInSteps(work: Iterable<void>, served: () => boolean): Promise<boolean> {
  let stepStarted = performance.now();
  for (const _ of work) {
    if (performance.now() - stepStarted < PREPARATION_STEP_MS) continue;
    await setImmediate();
    if (!served()) return false;
    stepStarted = performance.now();
  }
  return true;
}

/** What the bot keeps between interactions, and how to let go of it at shutdown. */
export interface SharedState {
  /** The configured cooldown (see {@link openCooldown}), or none. */
  readonly cooldown: Cooldown | null;
  /** The story each channel is talking about. */
  readonly channelStories: ChannelStore;
  close(): Promise<void>;
}

/**
 * The cooldown and the channels' stories, both in Redis with `REDIS_URL` over one connection
 * (shared by every replica, this process's memory while Redis is away), otherwise in this
 * process's memory. The cooldown logs Redis's outages, or the channels' store without one.
 *
 * @throws ConfigError when `REDIS_URL` is set but neither `DISCORD_APPLICATION_ID` nor the token gives the application id
 */
export async function openSharedState(config: Config, log: Logger): Promise<SharedState> {
  if (config.redisUrl === null) {
    return {
      cooldown: await openCooldown(config, log),
      channelStories: new ChannelStories(),
      close: async () => {},
    };
  }
  const url = config.redisUrl;
  const prefix = redisKeyPrefix(config);
  // Loaded only when used: the Redis client costs start-up time that memory alone does not need.
  const [{ closeConnection, openConnection, REDIS_TIMEOUT_MS }, cooldowns, channels] =
    await Promise.all([
      import("./discord/redisClient.ts"),
      import("./discord/redisCooldown.ts"),
      import("./discord/redisChannelStories.ts"),
    ]);
  const connection = openConnection(
    {
      url,
      log,
      ...(config.askCooldown === null ? channels.CHANNELS_IN_REDIS : cooldowns.COOLDOWN_IN_REDIS),
    },
    REDIS_TIMEOUT_MS,
  );
  const cooldown = await openCooldown(config, log, connection);
  const channelStories = await channels.createRedisChannelStories({
    url,
    keyPrefix: `${prefix}:talk`,
    connection,
  });
  return {
    cooldown,
    channelStories,
    close: async () => {
      await Promise.all([cooldown?.close(), channelStories.close()]);
      await closeConnection(connection);
    },
  };
}

/**
 * The configured cooldown: none with `ASK_COOLDOWN=off`, counted in Redis with `REDIS_URL` (shared
 * by every replica, this process's memory while Redis is away), otherwise in this process's memory.
 *
 * @param connection the process's connection to that Redis, when others use it too (see
 *   `openSharedState`); absent: the cooldown opens its own
 * @throws ConfigError when `REDIS_URL` is set but neither `DISCORD_APPLICATION_ID` nor the token gives the application id
 */
export async function openCooldown(
  config: Config,
  log: Logger,
  connection?: SharedConnection,
): Promise<Cooldown | null> {
  if (config.askCooldown === null) return null;
  if (config.redisUrl === null) return createCooldown(config.askCooldown);
  const keyPrefix = `${redisKeyPrefix(config)}:ask`;
  // Loaded only when used: the Redis client costs start-up time that memory counting does not need.
  const { createRedisCooldown } = await import("./discord/redisCooldown.ts");
  return createRedisCooldown(config.askCooldown, {
    url: config.redisUrl,
    keyPrefix,
    log,
    ...(connection === undefined ? {} : { connection }),
  });
}

/** The application id, which every key the bot keeps in Redis starts with, so bots sharing a Redis keep apart. */
function redisKeyPrefix(config: Config): string {
  const applicationId = applicationIdOf(config);
  if (applicationId === null) {
    throw new ConfigError(
      "REDIS_URL is set, but the application id to prefix the keys in Redis with is unknown: set DISCORD_APPLICATION_ID (Developer Portal → General Information → Application ID)",
    );
  }
  return applicationId;
}

/**
 * The bot's interaction context over a library, with the state from {@link openSharedState};
 * `afterReload` runs after each /reload (e.g. to tell other shards).
 */
export function contextFor(
  library: Library,
  log: Logger,
  state: Pick<SharedState, "cooldown" | "channelStories">,
  afterReload: () => void = () => {},
): BotContext {
  const { cooldown, channelStories } = state;
  return {
    ...(cooldown === null ? {} : { cooldown }),
    channelStories,
    index: () => library.current().index,
    reload: async () => {
      const report = await library.reload();
      afterReload();
      return describeReload(report);
    },
    log,
  };
}

/** What a corpus holds, for log lines and reports: "3 stories, 27 passages". */
export function sizeOf(stories: number, passages: number): string {
  return `${plural(stories, "story", "stories")}, ${plural(passages, "passage", "passages")}`;
}

/** A one-line account of a reload for /reload and the log. */
export function describeReload(report: ReloadReport): string {
  if (!report.ok) {
    return `Reload failed, still answering from the ${plural(report.stories, "story", "stories")} loaded before: ${report.error}`;
  }
  const changes = [
    report.added.length > 0 ? `added ${report.added.join(", ")}` : null,
    report.changed.length > 0 ? `updated ${report.changed.join(", ")}` : null,
    report.removed.length > 0 ? `removed ${report.removed.join(", ")}` : null,
  ].filter((part) => part !== null);
  const problems = report.problems.map((p) => `\n• skipped ${p.message}`).join("");
  const what = sizeOf(report.stories, report.passages);
  return `Reloaded ${what} in ${Math.round(report.durationMs)} ms${changes.length > 0 ? `: ${changes.join("; ")}` : " (no changes)"}.${problems}`;
}

/** "1 story", "3 stories". */
export function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** Resolves on the first SIGINT or SIGTERM. */
export function shutdownSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    process.once("SIGINT", () => resolve("SIGINT"));
    process.once("SIGTERM", () => resolve("SIGTERM"));
  });
}
