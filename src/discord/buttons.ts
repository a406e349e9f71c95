import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIComponentInMessageActionRow,
  type APIModalInteractionResponseCallbackData,
  ButtonStyle,
  ComponentType,
  TextInputStyle,
} from "discord.js";
import { MAX_FOLLOW_UP_CHARS } from "../answer/followUp.ts";
import type { StoryInfo } from "../search/types.ts";
import {
  encodeFollowUp,
  encodeShare,
  encodeSuggestion,
  type FollowUpState,
  type SuggestionState,
} from "./customId.ts";
import { truncate } from "./format.ts";
import { DISCORD_LIMITS } from "./limits.ts";

/** Suggested questions offered as buttons at most: one row of Discord's five. */
export const MAX_SUGGESTIONS = 5;

/** custom_id of the follow-up modal's one text input. */
export const FOLLOW_UP_INPUT = "question";

/** A grey button that presses to `customId`. */
function button(
  label: string,
  customId: string,
  style: ButtonStyle.Primary | ButtonStyle.Secondary = ButtonStyle.Secondary,
): APIButtonComponent {
  return {
    type: ComponentType.Button,
    style,
    label: truncate(label, DISCORD_LIMITS.buttonLabel),
    custom_id: customId,
  };
}

/** The buttons under an answer: More passages, Follow up, Share, each when it applies. */
export function answerButtons(options: {
  readonly more: string | null;
  readonly followUp: FollowUpState | null;
  readonly share: string | null;
}): APIButtonComponent[] {
  const buttons: APIButtonComponent[] = [];
  if (options.more !== null) buttons.push(button("More passages", options.more));
  const followUp = options.followUp === null ? null : encodeFollowUp(options.followUp, "button");
  if (followUp !== null) buttons.push(button("Follow up", followUp));
  if (options.share !== null)
    buttons.push(button("Share", encodeShare(options.share), ButtonStyle.Primary));
  return buttons;
}

// A story's title on its button is cut to this: two or three such buttons still fit a row's width.
const STORY_TITLE_CHARS = 48;

/** A button that asks the answer's question of one story alone: "In: <its title>". */
export function storyButton(choice: {
  readonly title: string;
  readonly customId: string;
}): APIButtonComponent {
  return button(`In: ${truncate(choice.title, STORY_TITLE_CHARS)}`, choice.customId);
}

/**
 * One button per suggested question that fits on a button (label and custom_id), at most
 * {@link MAX_SUGGESTIONS}; pressing one asks it.
 */
export function suggestionButtons(
  questions: readonly string[],
  state: Omit<SuggestionState, "question">,
): APIButtonComponent[] {
  const buttons: APIButtonComponent[] = [];
  for (const question of questions) {
    if (buttons.length >= MAX_SUGGESTIONS) break;
    const customId = encodeSuggestion(Object.assign({}, state, { question }));
    if (customId === null || question.length > DISCORD_LIMITS.buttonLabel) continue;
    buttons.push(button(question, customId));
  }
  return buttons;
}

/**
 * One button per story for a paragraph asked of none ("¶3 · <title>"), when every story fits in
 * one row; pressing one asks for that paragraph (`asked`, "¶3") of that story. None otherwise.
 */
export function paragraphButtons(
  stories: readonly StoryInfo[],
  asked: string,
  isPrivate: boolean,
): APIButtonComponent[] {
  if (stories.length > MAX_SUGGESTIONS) return [];
  const buttons: APIButtonComponent[] = [];
  for (const story of stories) {
    const customId = encodeSuggestion({ private: isPrivate, story: story.slug, question: asked });
    if (customId !== null) buttons.push(button(`${asked} · ${story.title}`, customId));
  }
  return buttons;
}

/** Buttons as the rows a message carries (five to a row), or nothing when there are none. */
export function rowsOf(
  buttons: readonly APIButtonComponent[],
): { components: APIActionRowComponent<APIComponentInMessageActionRow>[] } | Record<string, never> {
  if (buttons.length === 0) return {};
  const rows: APIActionRowComponent<APIComponentInMessageActionRow>[] = [];
  for (let i = 0; i < buttons.length; i += DISCORD_LIMITS.buttonsPerRow)
    rows.push({
      type: ComponentType.ActionRow,
      components: buttons.slice(i, i + DISCORD_LIMITS.buttonsPerRow),
    });
  return { components: rows.slice(0, DISCORD_LIMITS.actionRows) };
}

/** The modal "Follow up" opens: one short text input, its context carried in the custom_id. */
export function followUpModal(customId: string): APIModalInteractionResponseCallbackData {
  return {
    custom_id: customId,
    title: "Follow up",
    components: [
      {
        type: ComponentType.Label,
        label: "Your follow-up question",
        description: "He, she, it and they mean whom or what the answer was about.",
        component: {
          type: ComponentType.TextInput,
          custom_id: FOLLOW_UP_INPUT,
          style: TextInputStyle.Short,
          min_length: 1,
          max_length: MAX_FOLLOW_UP_CHARS,
          required: true,
          placeholder: "e.g. Why? · What did he say about it?",
        },
      },
    ],
  };
}
