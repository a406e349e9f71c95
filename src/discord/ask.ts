import type {
  APIInteraction,
  APIInteractionResponseCallbackData,
  APIMessageApplicationCommandInteraction,
} from "discord.js";
import { answer } from "../answer/answer.ts";
import { checkQuestion, readQuestion } from "../answer/question.ts";
import type { SearchIndex } from "../search/index.ts";
import { truncate } from "./format.ts";
import { type MessageQuestion, questionFromMessage } from "./messageQuestion.ts";
import { renderAnswer, renderNotice } from "./render.ts";
import {
  type BotContext,
  booleanOption,
  message,
  type Options,
  overLimit,
  type Reply,
  stringOption,
} from "./reply.ts";

/** Passages shown per page of an answer. */
export const PAGE_SIZE = 3;

/** `/ask`: checks the options and the question, then answers it on the first page. */
export async function ask(
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
export async function findInStory(
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

/** Finds a story by slug or by its exact title, ignoring case. */
function findStory(index: SearchIndex, wanted: string): string | null {
  const lower = wanted.toLowerCase();
  const found = index.stories.find((s) => s.slug === lower || s.title.toLowerCase() === lower);
  return found?.slug ?? null;
}

/** One page of an answer to a checked question, with the More button when there is another. */
export function pageOfAnswer(
  index: SearchIndex,
  question: string,
  page: { offset: number; private: boolean; story: string | null; title?: string },
): APIInteractionResponseCallbackData {
  const asked = readQuestion(index, question);
  const result = answer(index, asked, {
    top: PAGE_SIZE + 1,
    offset: page.offset,
    ...(page.story === null ? {} : { story: page.story }),
  });
  return renderAnswer(
    {
      answer: { ...result, results: result.results.slice(0, PAGE_SIZE) },
      phrase: page.offset === 0 ? (result.phrase ?? null) : null,
      hasMore: result.results.length > PAGE_SIZE,
      words: asked.terms.map((term) => term.word),
      ...page,
    },
    index.stories,
  );
}
