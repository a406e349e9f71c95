import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  PermissionFlagsBits,
  type RESTPostAPIApplicationCommandsJSONBody,
} from "discord.js";
import { MAX_QUESTION_CHARS } from "../answer/question.ts";

const EVERYWHERE = [
  InteractionContextType.Guild,
  InteractionContextType.BotDM,
  InteractionContextType.PrivateChannel,
];

/** Name of the message command, as Discord shows it under a message's Apps menu. */
export const FIND_IN_STORY = "Find in story";

/** The slash commands and the message command the bot registers, as Discord's API expects them. */
export const COMMANDS = [
  {
    name: "ask",
    type: ApplicationCommandType.ChatInput,
    description: "Ask a question about the news stories; get the passages that answer it, cited.",
    contexts: EVERYWHERE,
    integration_types: [ApplicationIntegrationType.GuildInstall],
    options: [
      {
        name: "question",
        description: "Your question, e.g. Who issued the directive?",
        type: ApplicationCommandOptionType.String,
        required: true,
        autocomplete: true,
        max_length: MAX_QUESTION_CHARS,
      },
      {
        name: "private",
        description: "Show the answer only to you (default: everyone in the channel sees it)",
        type: ApplicationCommandOptionType.Boolean,
        required: false,
      },
      {
        name: "story",
        description: "Only answer from this story (default: all stories)",
        type: ApplicationCommandOptionType.String,
        required: false,
        autocomplete: true,
        max_length: 100,
      },
      {
        name: "mention",
        description: "Address the public answer to this member (pings only them)",
        type: ApplicationCommandOptionType.User,
        required: false,
      },
    ],
  },
  {
    name: "passage",
    type: ApplicationCommandType.ChatInput,
    description: "Show one whole paragraph of a story by its citation, e.g. ¶3.",
    contexts: EVERYWHERE,
    integration_types: [ApplicationIntegrationType.GuildInstall],
    options: [
      {
        name: "id",
        description: "The citation: pick from the list or type a story#paragraph id",
        type: ApplicationCommandOptionType.String,
        required: true,
        autocomplete: true,
        max_length: 100,
      },
      {
        name: "private",
        description: "Show the paragraph only to you",
        type: ApplicationCommandOptionType.Boolean,
        required: false,
      },
    ],
  },
  {
    name: "story",
    type: ApplicationCommandType.ChatInput,
    description: "List the stories the bot can answer from.",
    contexts: EVERYWHERE,
    integration_types: [ApplicationIntegrationType.GuildInstall],
  },
  {
    name: "help",
    type: ApplicationCommandType.ChatInput,
    description: "How to ask the bot about the news stories.",
    contexts: EVERYWHERE,
    integration_types: [ApplicationIntegrationType.GuildInstall],
  },
  {
    name: "reload",
    type: ApplicationCommandType.ChatInput,
    description: "Reload the stories from the corpus folder (needs Manage Server).",
    contexts: [InteractionContextType.Guild],
    integration_types: [ApplicationIntegrationType.GuildInstall],
    default_member_permissions: PermissionFlagsBits.ManageGuild.toString(),
  },
  {
    // A message command: right-click (or long-press) a message → Apps → Find in story.
    name: FIND_IN_STORY,
    type: ApplicationCommandType.Message,
    contexts: EVERYWHERE,
    integration_types: [ApplicationIntegrationType.GuildInstall],
  },
] as const satisfies readonly RESTPostAPIApplicationCommandsJSONBody[];

/** The name of one of the bot's commands. */
export type CommandName = (typeof COMMANDS)[number]["name"];
