import {
  type APIChatInputApplicationCommandInteraction,
  type APIInteraction,
  type APIMessageApplicationCommandInteraction,
  ApplicationCommandType,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  PermissionFlagsBits,
} from "discord.js";
import { describeError } from "../log.ts";
import type { SearchIndex } from "../search/index.ts";
import { ask, findInStory } from "./ask.ts";
import { autocomplete } from "./autocomplete.ts";
import { component, modalSubmit } from "./components.ts";
import { truncate } from "./format.ts";
import { renderHelp, renderNotice, renderPassage, renderStories } from "./render.ts";
import {
  type BotContext,
  booleanOption,
  describeInteraction,
  message,
  type Options,
  type Reply,
  stringOption,
} from "./reply.ts";

const SOMETHING_WENT_WRONG =
  "Something went wrong while answering. It has been logged; please try again in a moment.";

/**
 * Answers any interaction — from the gateway or the HTTP endpoint alike — and never throws:
 * a failure becomes a short ephemeral message and a log line with the detail.
 */
export async function respond(interaction: APIInteraction, context: BotContext): Promise<Reply> {
  try {
    return await dispatch(interaction, context);
  } catch (error) {
    context.log.error(
      `interaction ${interaction.id} (${describeInteraction(interaction)}) failed: ${describeError(error)}`,
    );
    if (interaction.type === InteractionType.ApplicationCommandAutocomplete) {
      return {
        response: {
          type: InteractionResponseType.ApplicationCommandAutocompleteResult,
          data: { choices: [] },
        },
      };
    }
    return message(renderNotice(SOMETHING_WENT_WRONG));
  }
}

async function dispatch(interaction: APIInteraction, context: BotContext): Promise<Reply> {
  switch (interaction.type) {
    case InteractionType.Ping:
      return { response: { type: InteractionResponseType.Pong } };
    case InteractionType.ApplicationCommand:
      if (interaction.data.type === ApplicationCommandType.Message)
        return findInStory(interaction as APIMessageApplicationCommandInteraction, context);
      if (interaction.data.type !== ApplicationCommandType.ChatInput)
        return unknownCommand(interaction.data.name);
      return command(interaction as APIChatInputApplicationCommandInteraction, context);
    case InteractionType.ApplicationCommandAutocomplete:
      return autocomplete(interaction, context.index());
    case InteractionType.MessageComponent:
      return component(interaction, context);
    case InteractionType.ModalSubmit:
      return modalSubmit(interaction, context);
    default:
      return message(renderNotice("I don't know how to handle that kind of interaction."));
  }
}

async function command(
  interaction: APIChatInputApplicationCommandInteraction,
  context: BotContext,
): Promise<Reply> {
  const options = (interaction.data.options ?? []) as Options;
  const index = context.index();
  switch (interaction.data.name) {
    case "ask":
      return ask(interaction, context, options);
    case "passage":
      return passage(index, options);
    case "story":
      return message(renderStories(index.stories));
    case "help":
      return message(renderHelp(index.stories, context.cooldown?.setting ?? null));
    case "reload":
      return reload(interaction, context);
    default:
      return unknownCommand(interaction.data.name);
  }
}

function passage(index: SearchIndex, options: Options): Reply {
  const raw = stringOption(options, "id")?.trim() ?? "";
  const isPrivate = booleanOption(options, "private");
  const found = findParagraph(index, raw);
  if (found === null) {
    return message(
      renderNotice(
        `There is no passage ${JSON.stringify(truncate(raw, 60))}. Pick one from the list as you type${index.stories.length === 1 ? ", or type a citation like ¶3" : ""}.`,
      ),
    );
  }
  return message(renderPassage(found.parts, found.story, isPrivate));
}

/** Finds a paragraph by id ("story#3", "story#3.2"), or by "¶3"/"#3"/"3" when there is one story. */
function findParagraph(index: SearchIndex, raw: string) {
  const match = /^(?:([a-z0-9-]+))?\s*(?:#|¶)?\s*(\d{1,5})(?:\.\d+)?$/i.exec(raw);
  if (!match) return null;
  const slug =
    match[1]?.toLowerCase() ?? (index.stories.length === 1 ? index.stories[0]?.slug : undefined);
  const story = slug === undefined ? undefined : index.story(slug);
  if (story === undefined) return null;
  const paragraph = Number(match[2]);
  // The story's own passages, not every passage: at 1M passages their texts are read from disk.
  const parts = index.passagesOf(story.slug).filter((p) => p.paragraph === paragraph);
  return parts.length > 0 ? { parts, story } : null;
}

function reload(
  interaction: APIChatInputApplicationCommandInteraction,
  context: BotContext,
): Reply {
  const permissions = BigInt(interaction.member?.permissions ?? "0");
  if (interaction.member === undefined || (permissions & PermissionFlagsBits.ManageGuild) === 0n) {
    return message(
      renderNotice("Only members with the Manage Server permission can reload the stories."),
    );
  }
  const run = context.reload;
  if (run === undefined) return message(renderNotice("Reloading is turned off on this bot."));
  return {
    response: {
      type: InteractionResponseType.DeferredChannelMessageWithSource,
      data: { flags: MessageFlags.Ephemeral },
    },
    followUp: async () => {
      try {
        return { content: await run() };
      } catch (error) {
        context.log.error(`reload failed: ${describeError(error)}`);
        return {
          content:
            "The reload failed; the bot keeps answering from the stories it had. See the log.",
        };
      }
    },
  };
}

function unknownCommand(name: string): Reply {
  return message(renderNotice(`I don't know the command /${truncate(name, 32)}. Try /help.`));
}
