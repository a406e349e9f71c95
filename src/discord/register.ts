import { type REST, type RESTPutAPIApplicationCommandsResult, Routes } from "discord.js";
import { COMMANDS } from "./commands.ts";

/** Where commands were registered, and which. */
export interface Registration {
  readonly scope: "guild" | "global";
  readonly applicationId: string;
  readonly guildId: string | null;
  readonly names: readonly string[];
}

/**
 * Registers the bot's commands in one bulk PUT: in one server when `guildId` is given (instant),
 * otherwise globally. The application id is asked of Discord when not given.
 */
export async function registerCommands(
  rest: REST,
  applicationId: string | null,
  guildId: string | null,
): Promise<Registration> {
  const appId =
    applicationId ?? ((await rest.get(Routes.currentApplication())) as { id: string }).id;
  const route = guildId
    ? Routes.applicationGuildCommands(appId, guildId)
    : Routes.applicationCommands(appId);
  const registered = (await rest.put(route, {
    body: COMMANDS.map(toRequestBody),
  })) as RESTPutAPIApplicationCommandsResult;
  return {
    scope: guildId ? "guild" : "global",
    applicationId: appId,
    guildId,
    names: registered.map((command) => command.name),
  };
}

/** Discord's OpenAPI spec types `default_member_permissions` in requests as an integer (the API takes both). */
function toRequestBody(command: (typeof COMMANDS)[number]) {
  if (!("default_member_permissions" in command)) return command;
  return { ...command, default_member_permissions: Number(command.default_member_permissions) };
}
