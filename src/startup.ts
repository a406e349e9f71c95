import type { AskCooldown, Config } from "./config.ts";
import { createCooldown } from "./discord/cooldown.ts";
import type { BotContext } from "./discord/reply.ts";
import { Library, type ReloadReport } from "./library.ts";
import type { Logger } from "./log.ts";

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
  });
  const stopWatching = config.watchCorpus
    ? library.watch({ debounceMs: WATCH_DEBOUNCE_MS })
    : () => {};
  return { library, stopWatching };
}

/**
 * The bot's interaction context over a library, with the configured cooldown (one per process);
 * `afterReload` runs after each /reload (e.g. to tell other shards).
 */
export function contextFor(
  library: Library,
  log: Logger,
  askCooldown: AskCooldown | null,
  afterReload: () => void = () => {},
): BotContext {
  return {
    ...(askCooldown === null ? {} : { cooldown: createCooldown(askCooldown) }),
    index: () => library.current().index,
    reload: async () => {
      const report = await library.reload();
      afterReload();
      return describeReload(report);
    },
    log,
  };
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
  const what = `${plural(report.stories, "story", "stories")}, ${plural(report.passages, "passage", "passages")}`;
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
