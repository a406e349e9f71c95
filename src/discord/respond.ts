import {
  type APIApplicationCommandAutocompleteInteraction,
  type APIApplicationCommandInteractionDataBasicOption,
  type APIApplicationCommandOptionChoice,
  type APIChatInputApplicationCommandInteraction,
  type APIInteraction,
  type APIInteractionResponse,
  type APIInteractionResponseCallbackData,
  type APIMessageComponentInteraction,
  ApplicationCommandType,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  PermissionFlagsBits,
} from "discord.js";
import { answer } from "../answer/answer.ts";
import { checkQuestion } from "../answer/question.ts";
import { paragraphLabel } from "../answer/renderText.ts";
import { describeError, type Logger } from "../log.ts";
import type { SearchIndex } from "../search/index.ts";
import { decodeMore, SHARE_ID } from "./customId.ts";
import { truncate } from "./format.ts";
import { DISCORD_LIMITS } from "./limits.ts";
import { finalizeMessage } from "./message.ts";
import { renderAnswer, renderHelp, renderNotice, renderPassage, renderStories } from "./render.ts";

/** Passages shown per page of an answer. */
export const PAGE_SIZE = 3;

/** What the interaction handlers need: the current index, a way to reload it, and a logger. */
export interface BotContext {
  /** The index to answer from; during a reload, still the old one. */
  readonly index: () => SearchIndex;
  /** Reloads the corpus and says what changed, for /reload; absent where reloading is off. */
  readonly reload?: () => Promise<string>;
  readonly log: Logger;
}

/** The response to send at once, and optionally work whose result then replaces it (after a deferral). */
export interface Reply {
  readonly response: APIInteractionResponse;
  readonly followUp?: () => Promise<APIInteractionResponseCallbackData>;
}

type Options = readonly APIApplicationCommandInteractionDataBasicOption[];

const SOMETHING_WENT_WRONG =
  "Something went wrong while answering. It has been logged; please try again in a moment.";

/**
 * Answers any interaction — from the gateway or the HTTP endpoint alike — and never throws:
 * a failure becomes a short ephemeral message and a log line with the detail.
 */
export async function respond(interaction: APIInteraction, context: BotContext): Promise<Reply> {
  try {
    return dispatch(interaction, context);
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

/** A short description of an interaction for log lines: its kind and command or button, never its token. */
export function describeInteraction(interaction: APIInteraction): string {
  switch (interaction.type) {
    case InteractionType.ApplicationCommand:
    case InteractionType.ApplicationCommandAutocomplete:
      return `${interaction.type === InteractionType.ApplicationCommand ? "command" : "autocomplete"} /${interaction.data.name}`;
    case InteractionType.MessageComponent:
      return `button ${interaction.data.custom_id.split(":")[0] ?? ""}`;
    default:
      return `type ${interaction.type}`;
  }
}

function dispatch(interaction: APIInteraction, context: BotContext): Reply {
  switch (interaction.type) {
    case InteractionType.Ping:
      return { response: { type: InteractionResponseType.Pong } };
    case InteractionType.ApplicationCommand:
      if (interaction.data.type !== ApplicationCommandType.ChatInput)
        return unknownCommand(interaction.data.name);
      return command(interaction as APIChatInputApplicationCommandInteraction, context);
    case InteractionType.ApplicationCommandAutocomplete:
      return autocomplete(interaction, context.index());
    case InteractionType.MessageComponent:
      return component(interaction, context.index());
    default:
      return message(renderNotice("I don't know how to handle that kind of interaction."));
  }
}

function command(
  interaction: APIChatInputApplicationCommandInteraction,
  context: BotContext,
): Reply {
  const options = (interaction.data.options ?? []) as Options;
  const index = context.index();
  switch (interaction.data.name) {
    case "ask":
      return ask(index, options);
    case "passage":
      return passage(index, options);
    case "story":
      return message(renderStories(index.stories));
    case "help":
      return message(renderHelp(index.stories));
    case "reload":
      return reload(interaction, context);
    default:
      return unknownCommand(interaction.data.name);
  }
}

function ask(index: SearchIndex, options: Options): Reply {
  const raw = stringOption(options, "question");
  const isPrivate = booleanOption(options, "private");
  const storyOption = stringOption(options, "story")?.trim() || null;
  const story = storyOption === null ? null : findStory(index, storyOption);
  if (storyOption !== null && story === null) {
    return message(
      renderNotice(
        `There is no story ${JSON.stringify(truncate(storyOption, 60))}. Pick one from the list, or see /story.`,
      ),
    );
  }
  if (raw === null) {
    return message(
      renderNotice("The question is missing: type `/ask question:` and then your question."),
    );
  }
  const check = checkQuestion(raw);
  if (!check.ok) return message(renderNotice(check.message));
  return message(pageOfAnswer(index, check.text, { offset: 0, private: isPrivate, story }));
}

/** Finds a story by slug or by its exact title, ignoring case. */
function findStory(index: SearchIndex, wanted: string): string | null {
  const lower = wanted.toLowerCase();
  const found = index.stories.find((s) => s.slug === lower || s.title.toLowerCase() === lower);
  return found?.slug ?? null;
}

function pageOfAnswer(
  index: SearchIndex,
  question: string,
  page: { offset: number; private: boolean; story: string | null; title?: string },
): APIInteractionResponseCallbackData {
  const result = answer(index, question, {
    top: PAGE_SIZE + 1,
    offset: page.offset,
    ...(page.story === null ? {} : { story: page.story }),
  });
  const words = index.analyze(question).map((term) => term.word);
  return renderAnswer(
    {
      answer: { ...result, results: result.results.slice(0, PAGE_SIZE) },
      hasMore: result.results.length > PAGE_SIZE,
      words,
      ...page,
    },
    index.stories,
  );
}

function passage(index: SearchIndex, options: Options): Reply {
  const raw = stringOption(options, "id")?.trim() ?? "";
  const isPrivate = booleanOption(options, "private");
  const found = findParagraph(index, raw);
  if (found === null) {
    return message(
      renderNotice(
        `There is no passage ${JSON.stringify(truncate(raw, 60))}. Pick one from the list as you type, or use an id like \`${index.allPassages()[1]?.id ?? "story#1"}\`.`,
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
  const parts = index
    .allPassages()
    .filter((p) => p.story === story.slug && p.paragraph === paragraph);
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

function autocomplete(
  interaction: APIApplicationCommandAutocompleteInteraction,
  index: SearchIndex,
): Reply {
  const options = (interaction.data.options ?? []) as Options;
  const focused = options.find((o) => "focused" in o && o.focused);
  const typed = focused && typeof focused.value === "string" ? focused.value : "";
  const choices =
    interaction.data.name === "passage"
      ? passageChoices(index, typed)
      : focused?.name === "story"
        ? storyChoices(index, typed)
        : questionChoices(index, typed);
  return {
    response: {
      type: InteractionResponseType.ApplicationCommandAutocompleteResult,
      data: { choices: choices.slice(0, DISCORD_LIMITS.autocompleteChoices) },
    },
  };
}

/** What was typed first, then sentences of the best-matching passages, as questions to pick. */
function questionChoices(
  index: SearchIndex,
  typed: string,
): APIApplicationCommandOptionChoice<string>[] {
  const check = checkQuestion(typed);
  const choices: APIApplicationCommandOptionChoice<string>[] = [];
  const seen = new Set<string>();
  const add = (text: string) => {
    const value = truncate(text, DISCORD_LIMITS.choiceValue);
    if (value === "" || seen.has(value)) return;
    seen.add(value);
    choices.push({ name: truncate(text, DISCORD_LIMITS.choiceName), value });
  };
  if (!check.ok) {
    for (const story of index.stories) add(story.title);
    return choices;
  }
  add(check.text);
  const { hits } = index.search(check.text, { limit: 10 });
  // A word followed by a space is finished: complete only the one being typed.
  const words = /\s$/u.test(typed) ? [] : index.complete(check.text, 5);
  for (const hit of hits) add(firstSentenceOf(hit.passage.text));
  for (const word of words) add(`${check.text.replace(/\S+$/, "")}${word}`);
  return choices;
}

function storyChoices(
  index: SearchIndex,
  typed: string,
): APIApplicationCommandOptionChoice<string>[] {
  const needle = typed.trim().toLowerCase();
  return index.stories
    .filter((s) => s.slug.includes(needle) || s.title.toLowerCase().includes(needle))
    .slice(0, DISCORD_LIMITS.autocompleteChoices)
    .map((s) => ({ name: truncate(s.title, DISCORD_LIMITS.choiceName), value: s.slug }));
}

function firstSentenceOf(text: string): string {
  return /^.*?[.!?](?=\s|$)/.exec(text)?.[0] ?? text;
}

function passageChoices(
  index: SearchIndex,
  typed: string,
): APIApplicationCommandOptionChoice<string>[] {
  const needle = typed.trim().toLowerCase();
  const multiple = index.stories.length > 1;
  return index
    .allPassages()
    .filter((p) => p.part === null || p.part === 1)
    .filter(
      (p) =>
        needle === "" ||
        p.id.includes(needle) ||
        p.text.toLowerCase().includes(needle) ||
        paragraphLabel(p.paragraph) === needle,
    )
    .slice(0, DISCORD_LIMITS.autocompleteChoices)
    .map((p) => ({
      name: truncate(
        `${paragraphLabel(p.paragraph)}${multiple ? ` ${p.story}` : ""} · ${p.text}`,
        DISCORD_LIMITS.choiceName,
      ),
      value: p.id.replace(/\.\d+$/, "").slice(0, DISCORD_LIMITS.choiceValue),
    }));
}

function component(interaction: APIMessageComponentInteraction, index: SearchIndex): Reply {
  const customId = interaction.data.custom_id;
  if (customId === SHARE_ID) {
    const embeds = interaction.message.embeds;
    if (embeds.length === 0)
      return message(renderNotice("There is nothing to share in that message."));
    const user = interaction.member?.user ?? interaction.user;
    return message({ content: user ? `Shared by <@${user.id}>` : "Shared answer", embeds });
  }
  const more = decodeMore(customId);
  const query = more === null ? null : checkQuestion(more.query);
  if (more === null || query === null || !query.ok)
    return message(renderNotice("That button no longer works. Ask again with /ask."));
  const title = interaction.message.embeds[0]?.title;
  const data = pageOfAnswer(index, query.text, {
    offset: more.offset,
    private: more.private,
    story: more.story,
    ...(title === undefined ? {} : { title }),
  });
  return { response: { type: InteractionResponseType.UpdateMessage, data: finalizeMessage(data) } };
}

function unknownCommand(name: string): Reply {
  return message(renderNotice(`I don't know the command /${truncate(name, 32)}. Try /help.`));
}

function message(data: APIInteractionResponseCallbackData): Reply {
  return {
    response: {
      type: InteractionResponseType.ChannelMessageWithSource,
      data: finalizeMessage(data),
    },
  };
}

function stringOption(options: Options, name: string): string | null {
  const option = options.find((o) => o.name === name);
  return option && typeof option.value === "string" ? option.value : null;
}

function booleanOption(options: Options, name: string): boolean {
  const option = options.find((o) => o.name === name);
  return option !== undefined && option.value === true;
}
