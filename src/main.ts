import { REST } from "discord.js";
import { startAnswerThread } from "./answerThread.ts";
import { type Config, ConfigError, readConfig, requireToken, secretsOf } from "./config.ts";
import { runConsole } from "./console.ts";
import { CorpusError } from "./corpus/load.ts";
import { startGatewayBot } from "./discord/gateway.ts";
import { startHttpServer } from "./discord/http.ts";
import { GatewayLookupError, startShardedBot } from "./discord/sharding.ts";
import { createLogger, describeError, type Logger } from "./log.ts";
import { contextFor, openLibrary, openSharedState, shutdownSignal, sizeOf } from "./startup.ts";

async function main(): Promise<number> {
  const config = readConfig();
  const log = createLogger(config.logLevel, secretsOf(config));
  process.on("unhandledRejection", (reason) =>
    log.error(`unhandled rejection: ${describeError(reason)}`),
  );
  if (config.token === null && !process.stdin.isTTY) {
    // No terminal to offer the local console on: explain and stop.
    requireToken(config);
  }
  if (config.mode === "http" && config.publicKey === null) {
    throw new ConfigError(
      "DISCORD_PUBLIC_KEY is not set: BOT_MODE=http needs it to check that requests come from Discord (Developer Portal → General Information → Public Key)",
    );
  }
  if (config.token !== null && config.mode === "http" && config.publicKey !== null) {
    return await serveHttp(config, config.publicKey, config.token, log);
  }
  const { library, stopWatching } = await openLibrary(config, log);
  const { index } = library.current();
  const size = sizeOf(index.stories.length, index.size);
  if (config.token === null) {
    await runConsole(() => library.current().index);
    stopWatching();
    return 0;
  }
  if (config.shards !== null) {
    // Each shard process opens and watches the corpus itself; this one only checked it (and wrote the snapshot).
    stopWatching();
    const sharded = await startShardedBot({
      token: config.token,
      apiUrl: config.apiUrl,
      shards: config.shards,
      log,
    });
    const signal = await shutdownSignal();
    log.info(`${signal}: stopping the shards`);
    await sharded.stop();
    return 0;
  }
  const state = await openSharedState(config, log);
  const bot = await startGatewayBot({
    token: config.token,
    apiUrl: config.apiUrl,
    context: contextFor(library, log, state),
  });
  log.info(`Ready as ${bot.client.user?.tag ?? "unknown"}: ${size}`);
  const signal = await shutdownSignal();
  log.info(`${signal}: closing the gateway connection`);
  stopWatching();
  await bot.stop();
  await state.close();
  return 0;
}

/**
 * HTTP mode: the interactions endpoint in this thread, the corpus and the answers in the answering
 * thread (src/answerThread.ts), so that the two use both cores.
 */
async function serveHttp(
  config: Config,
  publicKey: string,
  token: string,
  log: Logger,
): Promise<number> {
  const thread = await startAnswerThread(config);
  const server = await startHttpServer({
    port: config.port,
    publicKey,
    context: { answerer: thread, log },
    rest: new REST({ api: config.apiUrl }).setToken(token),
  });
  const { stories, passages } = await thread.health();
  log.info(`Listening on ${server.url}/interactions: ${sizeOf(stories, passages)}`);
  const stop = await Promise.race([shutdownSignal(), thread.stopped]);
  if (stop instanceof Error) {
    log.error(`${stop.message}: stopping`);
    await server.close();
    return 1;
  }
  log.info(`${stop}: finishing the requests in flight`);
  await server.close();
  await thread.close();
  return 0;
}

/** One line for a start-up failure: the setting at fault and the fix where we know them. */
function explainStartupError(error: unknown): string {
  if (
    error instanceof ConfigError ||
    error instanceof CorpusError ||
    error instanceof GatewayLookupError
  ) {
    return error.message;
  }
  if (error instanceof Error && "code" in error && error.code === "TokenInvalid") {
    return "Discord rejected DISCORD_TOKEN: reset it in the Developer Portal (Bot → Reset Token) and update .env";
  }
  return describeError(error);
}

try {
  process.exitCode = await main();
} catch (error) {
  process.stderr.write(`error: ${explainStartupError(error)}\n`);
  process.exitCode = 1;
}
