import {
  type APIMessageComponentInteraction,
  type APIModalSubmitInteraction,
  ComponentType,
  InteractionResponseType,
} from "discord.js";
import { isCurrent, MAX_FOLLOW_UP_CHARS } from "../answer/followUp.ts";
import { checkQuestion } from "../answer/question.ts";
import { asideTo, pageOfAnswer, pageOfFollowUp, talkIn } from "./ask.ts";
import { FOLLOW_UP_INPUT, followUpModal } from "./buttons.ts";
import {
  decodeFollowUp,
  decodeMore,
  decodeShare,
  decodeSuggestion,
  encodeFollowUp,
} from "./customId.ts";
import { finalizeMessage } from "./message.ts";
import { checkTypedQuestion } from "./messageQuestion.ts";
import { renderNotice } from "./render.ts";
import { questionTitle } from "./renderAnswer.ts";
import { type BotContext, message, overLimit, type Reply } from "./reply.ts";

const BUTTON_GONE = "That button no longer works. Ask again with /ask.";
const STORY_CHANGED =
  "The story has changed since that answer, so I can't follow up on it. Ask again with /ask.";

/** A button press: Share, More passages, Follow up (opens its modal) or a suggested question. */
export async function component(
  interaction: APIMessageComponentInteraction,
  context: BotContext,
): Promise<Reply> {
  const customId = interaction.data.custom_id;
  const shared = decodeShare(customId);
  if (shared !== null) return share(interaction, shared);
  const more = decodeMore(customId);
  if (more !== null) {
    const query = checkQuestion(more.query);
    if (!query.ok) return message(renderNotice(BUTTON_GONE));
    const limited = await overLimit(interaction, context);
    if (limited !== null) return limited;
    const title = interaction.message.embeds[0]?.title;
    // A story chosen under an uncertain answer (offset 0) is what the channel now talks about.
    const data = pageOfAnswer(
      context.index(),
      query.text,
      Object.assign(
        { offset: more.offset, private: more.private, story: more.story },
        title === undefined ? {} : { title },
        // Only a first page asked of every story reads the channel's story.
        await talkIn(interaction, context, more.offset === 0 && more.story === null),
      ),
    );
    return {
      response: { type: InteractionResponseType.UpdateMessage, data: finalizeMessage(data) },
    };
  }
  const followUp = decodeFollowUp(customId, "button");
  if (followUp !== null) {
    const modal = encodeFollowUp(followUp, "modal");
    if (modal === null || !isCurrent(context.index(), followUp))
      return message(renderNotice(modal === null ? BUTTON_GONE : STORY_CHANGED));
    return { response: { type: InteractionResponseType.Modal, data: followUpModal(modal) } };
  }
  const suggestion = decodeSuggestion(customId);
  const index = context.index();
  const check = suggestion === null ? null : checkQuestion(suggestion.question);
  if (suggestion === null || check === null || !check.ok) return message(renderNotice(BUTTON_GONE));
  if (suggestion.story !== null && index.story(suggestion.story) === undefined)
    return message(renderNotice(BUTTON_GONE));
  const limited = await overLimit(interaction, context);
  if (limited !== null) return limited;
  const aside = asideTo(index, check.text, {
    story: suggestion.story,
    private: suggestion.private,
    cooldown: context.cooldown?.setting ?? null,
  });
  if (aside !== null) return message(aside);
  return message(
    pageOfAnswer(index, check.text, {
      offset: 0,
      private: suggestion.private,
      story: suggestion.story,
      title: check.text,
    }),
  );
}

/** Share: the private answer posted to the channel, with who shared it and the question it answers. */
function share(interaction: APIMessageComponentInteraction, question: string): Reply {
  const embeds = interaction.message.embeds;
  if (embeds.length === 0)
    return message(renderNotice("There is nothing to share in that message."));
  const user = interaction.member?.user ?? interaction.user;
  const shared = user ? `Shared by <@${user.id}>` : "Shared answer";
  // The bot's own line above the answer (e.g. Find in story's link to the message) is shared too.
  const text = interaction.message.content;
  // An /ask answer has no title (Discord shows the question above it); the shared copy does not.
  const [first, ...rest] = embeds;
  const titled =
    first !== undefined && first.title === undefined && question !== ""
      ? [{ ...first, title: questionTitle(question) }, ...rest]
      : embeds;
  return message({ content: text ? `${shared}\n${text}` : shared, embeds: titled });
}

/** The follow-up modal's answer: the question asked in the context its custom_id carries. */
export async function modalSubmit(
  interaction: APIModalSubmitInteraction,
  context: BotContext,
): Promise<Reply> {
  const state = decodeFollowUp(interaction.data.custom_id, "modal");
  if (state === null) return message(renderNotice(BUTTON_GONE));
  const check = checkTypedQuestion(submittedText(interaction), MAX_FOLLOW_UP_CHARS);
  if (!check.ok) return message(renderNotice(check.message));
  const index = context.index();
  if (!isCurrent(index, state)) return message(renderNotice(STORY_CHANGED));
  const limited = await overLimit(interaction, context);
  if (limited !== null) return limited;
  const aside = asideTo(index, check.text, {
    story: state.story,
    following: true,
    cooldown: context.cooldown?.setting ?? null,
  });
  if (aside !== null) return message(aside);
  const page = Object.assign(
    { offset: 0, private: state.private, story: state.story, title: check.text },
    await talkIn(interaction, context, false),
  );
  return message(pageOfFollowUp(index, state, check.text, page, false));
}

/** The text typed into the follow-up modal's input, "" when there is none. */
function submittedText(interaction: APIModalSubmitInteraction): string {
  for (const row of interaction.data.components) {
    const inputs =
      row.type === ComponentType.Label
        ? [row.component]
        : row.type === ComponentType.ActionRow
          ? row.components
          : [];
    for (const input of inputs) {
      if (input.type === ComponentType.TextInput && input.custom_id === FOLLOW_UP_INPUT)
        return input.value;
    }
  }
  return "";
}
