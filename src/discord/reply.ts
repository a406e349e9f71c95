import {
  type APIApplicationCommandInteractionDataBasicOption,
  type APIInteraction,
  type APIInteractionResponse,
  type APIInteractionResponseCallbackData,
  InteractionResponseType,
  InteractionType,
} from "discord.js";
import type { Logger } from "../log.ts";
import type { SearchIndex } from "../search/index.ts";
import type { ChannelStore } from "./channelStories.ts";
import { type Cooldown, cooldownMessage } from "./cooldown.ts";
import { finalizeMessage } from "./message.ts";
import { renderInfo } from "./render.ts";

/** What the interaction handlers need: the current index, a way to reload it, and a logger. */
export interface BotContext {
  /** The index to answer from; during a reload, still the old one. */
  readonly index: () => SearchIndex;
  /** Reloads the corpus and says what changed, for /reload; absent where reloading is off. */
  readonly reload?: () => Promise<string>;
  readonly log: Logger;
  /** Limits how often one member asks (/ask, Find in story, More passages, follow-ups, suggestions); absent: no limit. */
  readonly cooldown?: Cooldown;
  /** The story each channel is talking about, which /ask reads a question naming none as about; absent: none. */
  readonly channelStories?: ChannelStore;
}

/** The response to send at once, and optionally work whose result then replaces it (after a deferral). */
export interface Reply {
  readonly response: APIInteractionResponse;
  /** `response` as JSON already, when another thread encoded it (src/answerThread.ts). */
  readonly encoded?: string;
  readonly followUp?: () => Promise<APIInteractionResponseCallbackData>;
}

/** A command's options as Discord sends them. */
export type Options = readonly APIApplicationCommandInteractionDataBasicOption[];

/** A short description of an interaction for log lines: its kind and command or button, never its token. */
export function describeInteraction(interaction: APIInteraction): string {
  switch (interaction.type) {
    case InteractionType.ApplicationCommand:
    case InteractionType.ApplicationCommandAutocomplete:
      return `${interaction.type === InteractionType.ApplicationCommand ? "command" : "autocomplete"} /${interaction.data.name}`;
    case InteractionType.MessageComponent:
      return `button ${interaction.data.custom_id.split(":")[0] ?? ""}`;
    case InteractionType.ModalSubmit:
      return `modal ${interaction.data.custom_id.split(":")[0] ?? ""}`;
    default:
      return `type ${interaction.type}`;
  }
}

/** Counts an ask against the member's cooldown; returns the private "ask again in" reply when over it. */
export async function overLimit(
  interaction: APIInteraction,
  context: BotContext,
): Promise<Reply | null> {
  const memberId = interaction.member?.user.id ?? interaction.user?.id;
  if (context.cooldown === undefined || memberId === undefined) return null;
  const result = await context.cooldown.take(memberId);
  if (result.ok) return null;
  context.log.debug(
    `cooldown: ${describeInteraction(interaction)} (${interaction.id}) refused for ${Math.ceil(result.retryAfterMs / 1000)} s`,
  );
  return message(renderInfo(cooldownMessage(result.retryAfterMs, context.cooldown.setting)));
}

/** A message reply, its mentions limited to `ping` when given. */
export function message(data: APIInteractionResponseCallbackData, ping?: string): Reply {
  return {
    response: {
      type: InteractionResponseType.ChannelMessageWithSource,
      data: finalizeMessage(data, ping),
    },
  };
}

/** A string option's value, or null when it is absent. */
export function stringOption(options: Options, name: string): string | null {
  const option = options.find((o) => o.name === name);
  return option && typeof option.value === "string" ? option.value : null;
}

/** A boolean option's value, false when it is absent. */
export function booleanOption(options: Options, name: string): boolean {
  const option = options.find((o) => o.name === name);
  return option !== undefined && option.value === true;
}
