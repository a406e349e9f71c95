import {
  type APIApplicationCommandAutocompleteInteraction,
  type APIApplicationCommandInteractionDataBasicOption,
  type APIApplicationCommandOptionChoice,
  type APIChatInputApplicationCommandInteraction,
  type APIInteraction,
  type APIInteractionResponse,
  type APIInteractionResponseCallbackData,
  type APIMessageApplicationCommandInteraction,
  type APIMessageComponentInteraction,
  ApplicationCommandType,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  PermissionFlagsBits,
} from "discord.js";
import { answer } from "../answer/answer.ts";
import { phraseOfAnswer } from "../answer/extract.ts";
import { checkQuestion } from "../answer/question.ts";
import { paragraphLabel } from "../answer/renderText.ts";
import { describeError, type Logger } from "../log.ts";
import type { SearchIndex } from "../search/index.ts";
import { type Cooldown, cooldownMessage } from "./cooldown.ts";
import { decodeMore, SHARE_ID } from "./customId.ts";
import { truncate } from "./format.ts";
import { DISCORD_LIMITS } from "./limits.ts";
import { finalizeMessage } from "./message.ts";
import { type MessageQuestion, questionFromMessage } from "./messageQuestion.ts";
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
  /** Limits how often one member asks (/ask, Find in story, More passages); absent: no limit. */
  readonly cooldown?: Cooldown;
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

async function ask(
  interaction: APIInteraction,
  context: BotContext,
  options: Options,
): Promise<Reply> {
  const index = context.index();
  const raw = stringOption(options, "question");
  const isPrivate = booleanOption(options, "private");
  const mention = stringOption(options, "mention");
  if (mention !== null && isPrivate) {
    return message(
      renderNotice(
        "`mention` addresses a public answer to someone, and `private: True` shows it only to you: use one or the other.",
      ),
    );
  }
  if (mention !== null && !/^\d{17,20}$/.test(mention)) {
    return message(renderNotice("That mention is not a member: pick one from the list."));
  }
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
  const limited = await overLimit(interaction, context);
  if (limited !== null) return limited;
  const page = pageOfAnswer(index, check.text, { offset: 0, private: isPrivate, story });
  if (mention === null) return message(page);
  // The public answer opens by addressing the member; allowed_mentions lets exactly that one id ping.
  return message(withContentFirst(page, `<@${mention}>`), mention);
}

/**
 * "Find in story": the target message's words are asked as /ask asks them, privately (the message
 * is someone else's), with Share to post the answer and a link back to the message.
 */
async function findInStory(
  interaction: APIMessageApplicationCommandInteraction,
  context: BotContext,
): Promise<Reply> {
  const target = interaction.data.resolved.messages[interaction.data.target_id];
  if (target === undefined) {
    return message(renderNotice("I could not read that message. Try again, or use `/ask`."));
  }
  const question = questionFromMessage(target);
  if (!question.ok) return message(renderNotice(question.message));
  const check = checkQuestion(question.text);
  if (!check.ok) return message(renderNotice(check.message));
  const limited = await overLimit(interaction, context);
  if (limited !== null) return limited;
  const index = context.index();
  const page = pageOfAnswer(index, check.text, { offset: 0, private: true, story: null });
  const link = `https://discord.com/channels/${interaction.guild_id ?? "@me"}/${target.channel_id}/${target.id}`;
  return message(withContentFirst(page, searchedLine(question, link, index.stories.length)));
}

/** The line above a "Find in story" answer: what was searched, with a link to the message. */
function searchedLine(
  question: Extract<MessageQuestion, { ok: true }>,
  link: string,
  stories: number,
): string {
  const where = stories === 1 ? "the story" : "the stories";
  if (question.cut === undefined) return `Searched ${where} for [this message](${link}).`;
  const { sentences, total } = question.cut;
  return `Searched ${where} for the opening of [this message](${link}): its first ${sentences === 1 ? "sentence" : `${sentences} sentences`}, ${question.text.length} of its ${total.toLocaleString("en-US")} characters.`;
}

/** Puts `line` at the start of a message's text, above whatever text it already had. */
function withContentFirst(
  data: APIInteractionResponseCallbackData,
  line: string,
): APIInteractionResponseCallbackData {
  return { ...data, content: data.content ? `${line}\n${data.content}` : line };
}

/** Counts an ask against the member's cooldown; returns the private "ask again in" reply when over it. */
async function overLimit(interaction: APIInteraction, context: BotContext): Promise<Reply | null> {
  const memberId = interaction.member?.user.id ?? interaction.user?.id;
  if (context.cooldown === undefined || memberId === undefined) return null;
  const result = await context.cooldown.take(memberId);
  if (result.ok) return null;
  context.log.debug(
    `cooldown: ${describeInteraction(interaction)} (${interaction.id}) refused for ${Math.ceil(result.retryAfterMs / 1000)} s`,
  );
  return message(renderNotice(cooldownMessage(result.retryAfterMs)));
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
      phrase: page.offset === 0 ? phraseOfAnswer(result) : null,
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

async function component(
  interaction: APIMessageComponentInteraction,
  context: BotContext,
): Promise<Reply> {
  const customId = interaction.data.custom_id;
  if (customId === SHARE_ID) {
    const embeds = interaction.message.embeds;
    if (embeds.length === 0)
      return message(renderNotice("There is nothing to share in that message."));
    const user = interaction.member?.user ?? interaction.user;
    const shared = user ? `Shared by <@${user.id}>` : "Shared answer";
    // The bot's own line above the answer (e.g. Find in story's link to the message) is shared too.
    const text = interaction.message.content;
    return message({ content: text ? `${shared}\n${text}` : shared, embeds });
  }
  const more = decodeMore(customId);
  const query = more === null ? null : checkQuestion(more.query);
  if (more === null || query === null || !query.ok)
    return message(renderNotice("That button no longer works. Ask again with /ask."));
  const limited = await overLimit(interaction, context);
  if (limited !== null) return limited;
  const index = context.index();
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

function message(data: APIInteractionResponseCallbackData, ping?: string): Reply {
  return {
    response: {
      type: InteractionResponseType.ChannelMessageWithSource,
      data: finalizeMessage(data, ping),
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
