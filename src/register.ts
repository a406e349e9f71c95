import { REST } from "discord.js";
import { ConfigError, readConfig, requireToken } from "./config.ts";
import { FIND_IN_STORY } from "./discord/commands.ts";
import { registerCommands } from "./discord/register.ts";

try {
  const config = readConfig();
  const rest = new REST({ api: config.apiUrl }).setToken(requireToken(config));
  const done = await registerCommands(rest, config.applicationId, config.guildId);
  const where =
    done.scope === "guild"
      ? `in server ${done.guildId} (available now)`
      : "globally (may take up to an hour to appear)";
  process.stdout.write(
    `Registered ${done.names.map((n) => (n === FIND_IN_STORY ? `"${n}" (message menu)` : `/${n}`)).join(", ")} ${where} for application ${done.applicationId}.\n`,
  );
} catch (error) {
  const message =
    error instanceof ConfigError
      ? error.message
      : `registration failed: ${(error as Error).message}`;
  process.stderr.write(`error: ${message}\n`);
  process.exitCode = 1;
}
