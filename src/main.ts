import { REST } from "discord.js";
import { ConfigError, readConfig, requireToken, secretsOf } from "./config.ts";
import { runConsole } from "./console.ts";
import { CorpusError } from "./corpus/load.ts";
import { startGatewayBot } from "./discord/gateway.ts";
import { startHttpServer } from "./discord/http.ts";
import { GatewayLookupError, startShardedBot } from "./discord/sharding.ts";
import { createLogger, describeError } from "./log.ts";
import { contextFor, openCooldown, openLibrary, plural, shutdownSignal } from "./startup.ts";

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
  const { library, stopWatching } = await openLibrary(config, log);
  const { index } = library.current();
  const size = `${plural(index.stories.length, "story", "stories")}, ${plural(index.size, "passage", "passages")}`;
  if (config.token === null) {
    await runConsole(() => library.current().index);
    stopWatching();
    return 0;
  }
  if (config.mode === "http" && config.publicKey !== null) {
    const cooldown = await openCooldown(config, log);
    const server = await startHttpServer({
      port: config.port,
      publicKey: config.publicKey,
      context: contextFor(library, log, cooldown),
      rest: new REST({ api: config.apiUrl }).setToken(config.token),
    });
    log.info(`Listening on ${server.url}/interactions: ${size}`);
    const signal = await shutdownSignal();
    log.info(`${signal}: finishing the requests in flight`);
    stopWatching();
    await server.close();
    await cooldown?.close();
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
  const cooldown = await openCooldown(config, log);
  const bot = await startGatewayBot({
    token: config.token,
    apiUrl: config.apiUrl,
    context: contextFor(library, log, cooldown),
  });
  log.info(`Ready as ${bot.client.user?.tag ?? "unknown"}: ${size}`);
  const signal = await shutdownSignal();
  log.info(`${signal}: closing the gateway connection`);
  stopWatching();
  await bot.stop();
  await cooldown?.close();
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
