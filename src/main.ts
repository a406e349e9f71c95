import { type Config, ConfigError, readConfig, requireToken } from "./config.ts";
import { runConsole } from "./console.ts";
import { CorpusError } from "./corpus/load.ts";
import { startGatewayBot } from "./discord/gateway.ts";
import type { BotContext } from "./discord/respond.ts";
import { createLogger, describeError, type Logger } from "./log.ts";
import { Library, type ReloadReport } from "./search/library.ts";

// How long corpus edits must be quiet before a reload, so one save of several files is one reload.
const WATCH_DEBOUNCE_MS = 500;

/** Loads the corpus (or its snapshot) and, when configured, watches it for changes. */
async function openLibrary(
  config: Config,
  log: Logger,
): Promise<{ library: Library; stopWatching: () => void }> {
  const library = await Library.open({
    corpusDir: config.corpusDir,
    ...(config.snapshotPath === null ? {} : { snapshotPath: config.snapshotPath }),
    logger: log,
  });
  const stopWatching = config.watchCorpus
    ? library.watch({ debounceMs: WATCH_DEBOUNCE_MS })
    : () => {};
  return { library, stopWatching };
}

/** A one-line account of a reload for /reload and the log. */
export function describeReload(report: ReloadReport): string {
  if (!report.ok) {
    return `Reload failed, still answering from the ${report.stories} stories loaded before: ${report.error}`;
  }
  const changes = [
    report.added.length > 0 ? `added ${report.added.join(", ")}` : null,
    report.changed.length > 0 ? `updated ${report.changed.join(", ")}` : null,
    report.removed.length > 0 ? `removed ${report.removed.join(", ")}` : null,
  ].filter((part) => part !== null);
  const problems = report.problems.map((p) => `\n• skipped ${p.message}`).join("");
  return `Reloaded ${report.stories} stories, ${report.passages} passages in ${Math.round(report.durationMs)} ms${changes.length > 0 ? `: ${changes.join("; ")}` : " (no changes)"}.${problems}`;
}

function contextFor(library: Library, log: Logger): BotContext {
  return {
    index: () => library.current().index,
    reload: async () => describeReload(await library.reload()),
    log,
  };
}

/** Resolves on the first SIGINT or SIGTERM. */
function shutdownSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    process.once("SIGINT", () => resolve("SIGINT"));
    process.once("SIGTERM", () => resolve("SIGTERM"));
  });
}

async function main(): Promise<number> {
  const config = readConfig();
  const log = createLogger(config.logLevel, config.token === null ? [] : [config.token]);
  process.on("unhandledRejection", (reason) =>
    log.error(`unhandled rejection: ${describeError(reason)}`),
  );
  if (config.token === null && !process.stdin.isTTY) {
    // No terminal to offer the local console on: explain and stop.
    requireToken(config);
  }
  const { library, stopWatching } = await openLibrary(config, log);
  const { index } = library.current();
  if (config.token === null) {
    await runConsole(() => library.current().index);
    stopWatching();
    return 0;
  }
  const bot = await startGatewayBot({
    token: config.token,
    apiUrl: config.apiUrl,
    context: contextFor(library, log),
  });
  log.info(
    `Ready as ${bot.client.user?.tag ?? "unknown"}: ${index.stories.length} stories, ${index.size} passages`,
  );
  const signal = await shutdownSignal();
  log.info(`${signal}: closing the gateway connection`);
  stopWatching();
  await bot.stop();
  return 0;
}

try {
  process.exitCode = await main();
} catch (error) {
  process.stderr.write(`error: ${explainStartupError(error)}\n`);
  process.exitCode = 1;
}

/** One line for a start-up failure: the setting at fault and the fix where we know them. */
function explainStartupError(error: unknown): string {
  if (error instanceof ConfigError || error instanceof CorpusError) return error.message;
  if (error instanceof Error && "code" in error && error.code === "TokenInvalid") {
    return "Discord rejected DISCORD_TOKEN: reset it in the Developer Portal (Bot → Reset Token) and update .env";
  }
  return describeError(error);
}
