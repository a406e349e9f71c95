import type {
  APIInteraction,
  APIInteractionResponseCallbackData,
  APIMessageApplicationCommandInteraction,
} from "discord.js";
import { answer } from "../answer/answer.ts";
import {
  type Aside,
  asideOf,
  leansOnEarlier,
  smallTalkLine,
  takenIn,
} from "../answer/conversation.ts";
import { answerFollowUp, followUpContext, followUpContextAfter } from "../answer/followUp.ts";
import {
  botLine,
  type DocumentStyle,
  documentLine,
  paragraphMissingLine,
} from "../answer/metaQuestion.ts";
import { checkQuestion, readQuestion } from "../answer/question.ts";

import { suggestQuestions, summaryQuestion } from "../answer/suggest.ts";
import { answerTalkedAbout, setsTalk } from "../answer/talkedAbout.ts";
import type { Answer, AnswerPhrase, AnswerResult, Outcome } from "../answer/types.ts";
import type { AskCooldown } from "../config.ts";
import { citedParagraph } from "../language/citedParagraph.ts";
import { readWording, type Wording } from "../language/wording.ts";
import type { SearchIndex } from "../search/index.ts";
import { paragraphButtons, rowsOf, suggestionButtons } from "./buttons.ts";
import { decodeFollowUp, encodeFollowUp, encodeMore, type FollowUpState } from "./customId.ts";
import { escapeUserText, truncate } from "./format.ts";
import { DISCORD_LIMITS } from "./limits.ts";
import {
  checkTypedQuestion,
  type MessageQuestion,
  questionFromMessage,
} from "./messageQuestion.ts";
import { renderHelp, renderInfo, renderNotice, renderPassage } from "./render.ts";
import { renderAnswer, type StoryChoice } from "./renderAnswer.ts";
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
  const check = checkTypedQuestion(raw);
  if (!check.ok) return message(renderNotice(check.message));
  const limited = await overLimit(interaction, context);
  if (limited !== null) return limited;
  // The wording read once: whether it is small talk, then the question the answer reads.
  const wording = readWording(check.text);
  // A question leaning on an earlier one ("what did she say about it?") follows up the channel's
  // last answer, when there is one; the channel's story is read for a question of every story.
  // Read as if the channel had a last answer: whether to fetch it is what this decides.
  const leans = leansOnEarlier(check.text, wording.words, true);
  // "full paragraph?" asks for the paragraph the channel's last answer cited.
  const citing = citedParagraph(check.text) !== null;
  const talk = await talkIn(
    interaction,
    context,
    leans !== null || citing || (story === null && index.stories.length > 1),
  );
  // The channel's last public answer, which only a leaning question or "full paragraph?" reads.
  const lastAnswer = leans !== null || citing ? talk.talk?.lastAnswer : null;
  const last = lastAnswer ? decodeFollowUp(lastAnswer, "button") : null;
  const taken = takenIn(
    index,
    check.text,
    { story, talked: talk.talk?.about ?? null, last },
    { words: wording.words, outcome: outcomeAsItStands(index, check.text, story) },
  );
  if (taken.kind === "aside") {
    const cooldown = context.cooldown?.setting ?? null;
    return message(asideReply(index, taken.aside, { story, private: isPrivate, cooldown }));
  }
  const first = Object.assign({ offset: 0, private: isPrivate, story }, talk);
  const page =
    taken.kind === "question"
      ? pageOfAnswer(index, wording, first)
      : pageOfFollowUp(index, taken.context, check.text, first, true);
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
  const page = pageOfAnswer(index, check.text, {
    offset: 0,
    private: true,
    story: null,
    title: check.text,
  });
  const link = `https://discord.com/channels/${interaction.guild_id ?? "@me"}/${target.channel_id}/${target.id}`;
  return message(withContentFirst(page, searchedLine(question, link, index.stories.length)));
}

/** What `asideTo` reads beside the question. */
export interface AsideOptions {
  /** The story the question was asked of, or null for every story. */
  readonly story: string | null;
  /** The question follows up an answer, so leaning on it is no puzzle. */
  readonly following?: boolean;
  /** The server's /ask cooldown, for the help reply's line about it. */
  readonly cooldown?: AskCooldown | null;
  /** A paragraph asked for by number is shown only to the asker (as every other aside is). */
  readonly private?: boolean;
}

// A story's details as a Discord message writes them: the title bold, the story file's text
// escaped, the link in angle brackets so that it unfurls no preview into the one-line reply.
const DOCUMENT_STYLE: DocumentStyle = {
  title: (title) => `**${escapeUserText(title)}**`,
  text: escapeUserText,
  link: (url) => `<${url}>`,
};

/**
 * The private reply to what is not a question about the story: a call for help, answered as /help
 * is; small talk ("thanks bot"); a question about a story as a document ("source?", answered with
 * the title, source, date and link its file gives) or put to the bot ("who are you"); or a
 * question that leans on an earlier one ("what did he say about it?") when it follows up no answer
 * (`following` when it does), with one question to press. Null for a question.
 */
export function asideTo(
  index: SearchIndex,
  text: string,
  how: AsideOptions,
): APIInteractionResponseCallbackData | null {
  const { story } = how;
  const aside = asideOf(index, text, {
    story,
    following: how.following ?? false,
    outcome: outcomeAsItStands(index, text, story),
  });
  return aside === null ? null : asideReply(index, aside, how);
}

/** The outcome of a question as it stands, asked of `story` or every story, worked out once when first needed. */
function outcomeAsItStands(index: SearchIndex, text: string, story: string | null): () => Outcome {
  let found: Outcome | undefined;
  return () => {
    found ??= answer(index, text, story === null ? {} : { story }).outcome;
    return found;
  };
}

/** The private reply of `asideTo` to a text read as an aside. */
function asideReply(
  index: SearchIndex,
  aside: Aside,
  how: Pick<AsideOptions, "story" | "private" | "cooldown">,
): APIInteractionResponseCallbackData {
  const { story, cooldown = null } = how;
  // "help" typed to /ask is answered as /help is, cooldown line and all.
  if (aside.kind === "small talk" && aside.talk === "help") {
    return renderHelp(index.stories, cooldown);
  }
  // "what does ¶3 say" is answered as /passage answers, in public unless asked privately.
  if (aside.kind === "paragraph" && aside.story !== null && aside.parts.length > 0) {
    return renderPassage(aside.parts, aside.story, how.private ?? true);
  }
  // "para 3" asked of no story among a few: a button for each story's ¶3.
  if (aside.kind === "paragraph" && aside.story === null && aside.paragraph !== "cited") {
    const asked = citationOf(aside.paragraph, aside.through);
    const choices = paragraphButtons(index.stories, asked, how.private ?? true);
    if (choices.length > 0) {
      const line = paragraphMissingLine(aside, "Pick it below, or ask again with `story:`.");
      return Object.assign(renderInfo(line), rowsOf(choices));
    }
  }
  const suggestion = summaryQuestion(story === null ? index.stories.length : 1);
  return {
    ...renderInfo(asideText(aside, story === null ? index.stories.length : 1)),
    ...rowsOf(suggestionButtons([suggestion], { private: true, story })),
  };
}

/** How a paragraph asked for is asked again of one story: "¶3", "¶2-4", "last paragraph". */
function citationOf(paragraph: number | "last", through: number | null): string {
  if (paragraph === "last") return "last paragraph";
  return through === null ? `¶${paragraph}` : `¶${paragraph}-${through}`;
}

/** The line /ask gives what is no question about the stories' events, for `stories` asked of. */
function asideText(aside: Aside, stories: number): string {
  switch (aside.kind) {
    case "small talk":
      return smallTalkLine(aside.talk);
    case "bot":
      return botLine(stories);
    case "document":
      return documentLine(aside.stories, aside.asks, DOCUMENT_STYLE, DISCORD_LIMITS.content);
    case "paragraph":
      return paragraphMissingLine(
        aside,
        "Ask again with `story:`, or pick the paragraph in `/passage`.",
        DOCUMENT_STYLE,
      );
    case "leans":
      return `I can't tell what “${aside.on}” means here: say who or what you mean, ask it right after my public answer in this channel, or press **Follow up** under an answer.`;
  }
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
  return `Searched ${where} for what [this message](${link}) says most: ${sentences === 1 ? "1 sentence" : `${sentences} sentences`}, ${question.text.length} of its ${total.toLocaleString("en-US")} characters.`;
}

/** Puts `line` at the start of a message's text, above whatever text it already had. */
function withContentFirst(
  data: APIInteractionResponseCallbackData,
  line: string,
): APIInteractionResponseCallbackData {
  return Object.assign({}, data, { content: data.content ? `${line}\n${data.content}` : line });
}

/** Finds a story by slug or by its exact title, ignoring case. */
function findStory(index: SearchIndex, wanted: string): string | null {
  const lower = wanted.toLowerCase();
  const found = index.stories.find((s) => s.slug === lower || s.title.toLowerCase() === lower);
  return found?.slug ?? null;
}

// More passages stops where the passages left share too little with the question: under a third
// of the best passage's score (the first page leaves out those under 0.6 of it, see layout.ts).
const MATCH_SHARE = 1 / 3;
const STRONG_SHARE = 0.6;

/**
 * The `talk` page option of an interaction's channel: what its conversation has been about, read
 * when `read` (a first page that may need it), and how to note what it is answered; none where
 * channels' conversations are not kept.
 */
export async function talkIn(
  interaction: APIInteraction,
  context: BotContext,
  read = true,
): Promise<Pick<PageOptions, "talk">> {
  const stories = context.channelStories;
  const channel = interaction.channel?.id ?? interaction.channel_id;
  if (stories === undefined || channel === undefined) return {};
  const recalled = read ? await stories.recall(channel) : null;
  return {
    talk: {
      about: recalled?.story ?? null,
      lastAnswer: recalled?.lastAnswer ?? null,
      answered: (story) => stories.answered(channel, story),
      answeredWith: (followUp) => stories.answeredWith(channel, followUp),
    },
  };
}

/**
 * One page answering a follow-up in the context of an earlier answer: asked in the Follow up box,
 * or typed as /ask where it leans on the channel's last answer (`typed`, which the footer says).
 */
export function pageOfFollowUp(
  index: SearchIndex,
  state: FollowUpState,
  text: string,
  page: PageOptions,
  typed: boolean,
): APIInteractionResponseCallbackData {
  const result = answerFollowUp(index, state, text, { top: PAGE_SIZE });
  // A public follow-up keeps its channel on the story it follows up.
  if (page.talk !== undefined && !page.private && result.outcome !== "refused") {
    page.talk.answered(state.story);
  }
  return renderPage(index, result, page, {
    phrase: result.phrase ?? null,
    more: null,
    weak: false,
    followed: state,
    ...(typed ? { followsUp: state.subject } : {}),
  });
}

/** How a page of an answer is shown: where, and whether the question is shown above it. */
export interface PageOptions {
  readonly offset: number;
  readonly private: boolean;
  readonly story: string | null;
  /** The question as a title, where Discord does not already show it. */
  readonly title?: string;
  /** What the conversation of the channel asked in has been about, and how to note what it is answered. */
  readonly talk?: {
    /** The story a question naming none is read as about. */
    readonly about: string | null;
    /** The Follow up custom_id of the channel's last public answer. */
    readonly lastAnswer: string | null;
    readonly answered: (story: string) => void;
    readonly answeredWith: (followUp: string) => void;
  };
}

/**
 * One page of an answer to a checked question (its text, or its wording read already), with More
 * passages while further passages match.
 */
export function pageOfAnswer(
  index: SearchIndex,
  question: string | Wording,
  page: PageOptions,
): APIInteractionResponseCallbackData {
  const asked = readQuestion(index, question);
  const top = page.offset + PAGE_SIZE + 1;
  const { talk } = page;
  const { answer: all, keptTo } = answerTalkedAbout(
    index,
    asked,
    page.story === null ? { top } : { top, story: page.story },
    // Only a first page reads the channel's story: later ones carry the story of the first.
    talk === undefined || page.offset > 0 ? null : talk.about,
  );
  // The channel now talks about the story of a sure public answer (`setsTalk`), or of one it picked.
  const cited = all.results[0]?.citation.story;
  if (talk !== undefined && !page.private && cited !== undefined) {
    if (setsTalk(all) || (page.story !== null && all.outcome !== "refused")) talk.answered(cited);
  }
  // Pages after the first stay in the story the first was kept to.
  const story = keptTo ?? page.story;
  const best = all.results[0]?.score ?? 0;
  // A summary's passages are the story's opening, in order: none is weaker than another.
  const matches = (r: AnswerResult | undefined, share: number) =>
    r !== undefined && (asked.summary || r.score >= share * best);
  const results = all.results.slice(page.offset, page.offset + PAGE_SIZE);
  const next = all.results[page.offset + PAGE_SIZE];
  // The question's words, for a custom_id too short for the whole question.
  const words = asked.terms.map((term) => term.word);
  const more = matches(next, MATCH_SHARE)
    ? encodeMore({
        offset: page.offset + results.length,
        private: page.private,
        story,
        question: asked.text,
        words,
      })
    : null;
  // An uncertain first page offers the stories it quotes (renderAnswer shows them when the quotes
  // shown are of several): pressed, the question is asked of that story alone, in place of this
  // page (as More passages turns one).
  const choices =
    page.offset === 0 && story === null && all.outcome === "uncertain"
      ? storiesOf(results).map((slug) => ({
          slug,
          title: index.story(slug)?.title ?? slug,
          customId: encodeMore({
            offset: 0,
            private: page.private,
            story: slug,
            question: asked.text,
            words,
          }),
        }))
      : [];
  return renderPage(index, Object.assign({}, all, { results }), page, {
    phrase: page.offset === 0 ? (all.phrase ?? null) : null,
    more,
    weak: page.offset > 0 && !matches(results[0], STRONG_SHARE),
    keptToTalk: keptTo !== null,
    storyChoices: choices,
  });
}

/**
 * Renders a page of an answer with its buttons: Follow up and suggestions from the answer, and the
 * names it says the story lacks only when the whole story lacks them.
 */
export function renderPage(
  index: SearchIndex,
  result: Answer,
  page: PageOptions,
  extra: {
    readonly phrase: AnswerPhrase | null;
    readonly more: string | null;
    readonly weak: boolean;
    /** True when the answer was kept to the story the channel is talking about. */
    readonly keptToTalk?: boolean;
    /** The stories this page quotes, each with the custom_id that asks the question of it alone. */
    readonly storyChoices?: readonly StoryChoice[];
    /** Whom or what the earlier answer was about, when this one was read as following it up. */
    readonly followsUp?: string;
    /** The earlier answer's context, when this one answers a follow-up of it. */
    readonly followed?: FollowUpState;
  },
): APIInteractionResponseCallbackData {
  // Object.assign rather than spreads followed by properties, on every object of a reply: on Node
  // 20 (V8 11.3) each such literal gets a hidden class of its own, whose old-space descriptors keep
  // young objects alive (169b5d7 did the same for answer()): story /ask replies left 91–120 KB to
  // copy at each scavenge, now 4–17 KB.
  // An answer to a follow-up is followed up about what that follow-up asked ("he" still him).
  const context =
    page.offset > 0
      ? null
      : extra.followed === undefined
        ? followUpContext(result)
        : followUpContextAfter(result, extra.followed);
  // A public answer is what the channel's next question may lean on.
  if (context !== null && page.talk !== undefined && !page.private) {
    const followUp = encodeFollowUp(Object.assign({}, context, { private: false }), "button");
    if (followUp !== null) page.talk.answeredWith(followUp);
  }
  const slug = result.results[0]?.citation.story ?? page.story ?? undefined;
  const suggestions =
    result.suggestions ??
    (result.outcome === "uncertain" ? suggestQuestions(index, slug, page.story !== null) : []);
  return renderAnswer(
    {
      answer: result,
      phrase: extra.phrase,
      offset: page.offset,
      more: extra.more,
      weak: extra.weak,
      keptToTalk: extra.keptToTalk ?? false,
      ...(extra.followsUp === undefined ? {} : { followsUp: extra.followsUp }),
      storyChoices: extra.storyChoices ?? [],
      private: page.private,
      story: page.story,
      ...(page.title === undefined ? {} : { title: page.title }),
      followUp: context === null ? null : Object.assign({}, context, { private: page.private }),
      suggestions: suggestions.filter((q) => q.toLowerCase() !== result.question.toLowerCase()),
    },
    index.stories,
  );
}

/** The stories of the results, each once, in the order they first appear. */
function storiesOf(results: readonly AnswerResult[]): string[] {
  const slugs: string[] = [];
  for (const r of results) if (!slugs.includes(r.citation.story)) slugs.push(r.citation.story);
  return slugs;
}
