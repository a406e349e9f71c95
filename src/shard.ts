/**
 * One gateway shard, as `startShardedBot` spawns it through discord.js's ShardingManager: it reads
 * the same configuration and opens the same corpus as `npm start`, and its discord.js Client takes
 * the shard id and count from the environment the manager set. Its log lines go to the manager,
 * which prefixes them with the shard id.
 */
import { ConfigError, readShardConfig, requireToken, secretsOf } from "./config.ts";
import { CorpusError } from "./corpus/load.ts";
import { type GatewayBot, startGatewayBot } from "./discord/gateway.ts";
import { isReloadMessage, RELOAD_ALL_SHARDS } from "./discord/sharding.ts";
import { createLogger, describeError } from "./log.ts";
import { contextFor, describeReload, openLibrary, openSharedState, sizeOf } from "./startup.ts";

async function main(): Promise<void> {
  const config = readShardConfig();
  const token = requireToken(config);
  const log = createLogger(config.logLevel, secretsOf(config));
  process.on("unhandledRejection", (reason) =>
    log.error(`unhandled rejection: ${describeError(reason)}`),
  );
  const { library, stopWatching } = await openLibrary(config, log);
  const state = await openSharedState(config, log);
  const context = contextFor(library, log, state, () => {
    if (process.connected) process.send?.(RELOAD_ALL_SHARDS);
  });
  process.on("message", (message: unknown) => {
    if (!isReloadMessage(message)) return;
    void library
      .reload()
      .then((report) => log.info(`/reload on another shard: ${describeReload(report)}`));
  });

  let bot: GatewayBot | undefined;
  let stopping = false;
  const shutdown = (why: string): void => {
    if (stopping) return;
    stopping = true;
    log.info(`${why}: closing the gateway connection`);
    stopWatching();
    void (bot?.stop() ?? Promise.resolve())
      .then(() => state.close())
      .finally(() => process.exit(0));
  };
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  process.once("SIGINT", () => shutdown("SIGINT"));
  // The manager is gone (it crashed or was killed): do not live on as an orphan.
  process.once("disconnect", () => shutdown("the sharding manager went away"));

  bot = await startGatewayBot({ token, apiUrl: config.apiUrl, context });
  if (stopping) {
    await bot.stop();
    return;
  }
  const { index } = library.current();
  log.info(
    `Ready as ${bot.client.user?.tag ?? "unknown"} on shard ${bot.client.shard?.ids.join(", ") ?? "?"} of ${bot.client.shard?.count ?? "?"}: ${sizeOf(index.stories.length, index.size)}`,
  );
}

try {
  await main();
} catch (error) {
  const known = error instanceof ConfigError || error instanceof CorpusError;
  process.stderr.write(`error: ${known ? error.message : describeError(error)}\n`);
  // The IPC channel to the manager keeps this process alive, so leave explicitly.
  process.exit(1);
}
