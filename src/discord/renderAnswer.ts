import {
  type APIEmbed,
  type APIEmbedAuthor,
  type APIEmbedFooter,
  type APIInteractionResponseCallbackData,
  MessageFlags,
} from "discord.js";
import { paragraphLabel, paragraphMeaning, quotedFirst } from "../answer/layout.ts";
import { refusalText, uncertainText } from "../answer/renderText.ts";
import type { Answer, AnswerPhrase, AnswerResult } from "../answer/types.ts";
import { writtenRuns } from "../language/text.ts";
import type { StoryInfo } from "../search/types.ts";
import { answerButtons, rowsOf, storyButton, suggestionButtons } from "./buttons.ts";
import type { FollowUpState } from "./customId.ts";
import { boldPhrase, escapeUserText, highlight, truncate } from "./format.ts";
import { DISCORD_LIMITS } from "./limits.ts";

/** Embed colours by outcome: blue answered, amber uncertain, grey refused or weak. */
export const COLORS = {
  answered: 0x2b6cb0,
  uncertain: 0xb7791f,
  refused: 0x718096,
} as const;

/** A story offered under an answer: its title, and the custom_id that asks the question of it alone. */
export interface StoryChoice {
  readonly slug: string;
  readonly title: string;
  readonly customId: string;
}

/** What a page of an answer shows, and what its buttons need. */
export interface AnswerPage {
  readonly answer: Answer;
  /** The phrase that answers the question, when the extractor is confident of it (first page only). */
  readonly phrase?: AnswerPhrase | null;
  /** How many passages earlier pages showed. */
  readonly offset: number;
  /** The custom_id of the "More passages" button, or null when no further passage matches. */
  readonly more: string | null;
  /** True when this page's passages match the question only weakly. */
  readonly weak: boolean;
  /** True when the answer was kept to the story the channel is talking about; the footer says so. */
  readonly keptToTalk?: boolean;
  /** Whom or what the channel's last answer was about, when this one was read as following it up; the footer says so. */
  readonly followsUp?: string;
  /** The stories an uncertain first page quotes, offered as buttons that ask the question of one. */
  readonly storyChoices?: readonly StoryChoice[];
  readonly private: boolean;
  readonly story: string | null;
  /** The question as a title, where Discord does not already show it (not under "used /ask"). */
  readonly title?: string;
  /** The context a Follow up button carries, or null for none. */
  readonly followUp: FollowUpState | null;
  /** Questions the story does answer, offered as buttons when the answer is uncertain or refused. */
  readonly suggestions: readonly string[];
}

// A further passage is shown by its best sentence, cut to this length: /passage has the rest.
const OTHER_SENTENCE_CHARS = 400;

/**
 * Renders a page of an answer compactly, every passage in one format: its best sentence quoted
 * and its ¶ after it, the story's title once (above, linked when it has a url); the answer phrase
 * in bold above the quotes when the bot is confident of it.
 */
export function renderAnswer(
  page: AnswerPage,
  stories: readonly StoryInfo[],
): APIInteractionResponseCallbackData {
  const { answer } = page;
  const best = answer.results[0];
  if (answer.outcome === "refused" || best === undefined) return renderNoAnswer(page, stories);
  const phrase = page.offset === 0 ? (page.phrase ?? null) : null;
  const shown = page.offset === 0 ? quotedFirst(answer.results) : answer.results;
  const lead = page.weak
    ? `**Weaker matches:** these share only some of the question's words.`
    : page.offset === 0
      ? leadLine(Object.assign({}, answer, { results: shown }), best, phrase, stories.length)
      : null;
  const quotes = shown.map((result, i) => {
    const sentence =
      i === 0
        ? boldPhrase(result.bestSentence, phrase?.kind === "span" ? phrase.text : "", 1500)
        : highlight(result.bestSentence, [], OTHER_SENTENCE_CHARS);
    const otherStory = result.citation.story !== best.citation.story;
    const cited = otherStory
      ? `${paragraphLabel(result.citation.paragraph)}, *${escapeUserText(truncate(result.citation.title, 100))}*`
      : paragraphLabel(result.citation.paragraph);
    return `> ${sentence} — ${cited}`;
  });
  // Built in key order by assignment, not by spreading optional parts into literals: on Node 20
  // each such literal gets a hidden class of its own (see renderPage, ask.ts).
  const author: APIEmbedAuthor = { name: truncate(best.citation.title, DISCORD_LIMITS.authorName) };
  if (best.citation.url) author.url = best.citation.url;
  const embed: APIEmbed = { color: page.weak ? COLORS.refused : COLORS[answer.outcome], author };
  if (page.title !== undefined) embed.title = questionTitle(page.title);
  embed.description = lead === null ? quotes.join("\n") : `${lead}\n${quotes.join("\n")}`;
  const footer = footerOf(page, best);
  if (footer !== undefined) embed.footer = footer;
  const buttons = answerButtons({
    more: page.more,
    followUp: page.followUp,
    share: page.private ? (page.title ?? answer.question) : null,
  });
  // The stories of the quotes shown, when there are several, in place of suggested questions: they
  // are where this question may be answered.
  const quoted = new Set(shown.map((r) => r.citation.story));
  const choices = (page.storyChoices ?? []).filter((c) => quoted.has(c.slug));
  if (choices.length > 1) for (const choice of choices) buttons.push(storyButton(choice));
  // Questions the story does answer are offered where it may not answer this one, not under a
  // likely answer.
  else if (answer.outcome === "uncertain" && answer.likely !== true && page.offset === 0) {
    for (const b of suggestionButtons(page.suggestions, {
      private: page.private,
      story: page.story,
    }))
      buttons.push(b);
  }
  const data: APIInteractionResponseCallbackData = { embeds: [embed] };
  if (buttons.length > 0) Object.assign(data, rowsOf(buttons));
  if (page.private) data.flags = MessageFlags.Ephemeral;
  return data;
}

/**
 * The one line above the quotes: when uncertain, that the story may not answer this; when the
 * best passage does not name whom the question names and neither does its story, that it is the
 * closest passage; otherwise the answer phrase in bold, or nothing when the quote says it all.
 */
function leadLine(
  answer: Answer,
  best: AnswerResult,
  phrase: AnswerPhrase | null,
  stories: number,
): string | null {
  const missing = writtenRuns(answer.question, best.missing.slice(0, 5)).map((run) =>
    escapeUserText(truncate(run.text.split(" ").map(capitalise).join(" "), 40)),
  );
  // Missing names are those the passage's own story never names: another story may.
  const theStory = stories > 1 ? "its story does" : "the story does";
  const unnamed = missing.length > 0 ? ` (${theStory} not name ${missing.join(", ")})` : "";
  switch (answer.outcome) {
    case "uncertain":
      return `**${escapeUserText(uncertainText(answer, stories))}**${unnamed}`;
    case "answered":
    case "refused":
      if (missing.length > 0) return `**Closest passage**${unnamed}`;
      return phrase === null ? null : `**${escapeUserText(truncate(phrase.text, 200))}**`;
  }
}

// Why an answer comes from one story of several, and how to ask another.
const KEPT_TO_TALK = "from the story this channel is asking about (/ask story: picks another)";

// How long a follow-up's subject may run in the footer; the context keeps at most 40 characters.
const FOLLOWS_UP_CHARS = 40;

/** Why a question typed as /ask was answered in the context of the channel's last answer. */
function followingUp(subject: string): string {
  const about = subject === "" ? "" : ` (about ${truncate(subject, FOLLOWS_UP_CHARS)})`;
  return `read as following up this channel's last answer${about}`;
}

/** What ¶ means, said once, where the whole paragraph is, and why the answer keeps to one story; undefined when nothing is said. */
function footerOf(page: AnswerPage, best: AnswerResult): APIEmbedFooter | undefined {
  const parts: string[] = [];
  const cited = page.answer.results.find((r) => r.citation.paragraph > 0)?.citation.paragraph;
  if (cited !== undefined) parts.push(paragraphMeaning(cited));
  if (page.offset === 0 && best.citation.paragraph > 0)
    parts.push(`/passage ${paragraphLabel(best.citation.paragraph)} shows all of it`);
  if (page.keptToTalk === true) parts.push(KEPT_TO_TALK);
  if (page.followsUp !== undefined) parts.push(followingUp(page.followsUp));
  return parts.length > 0 ? { text: parts.join(" · ") } : undefined;
}

/**
 * An honest "the story doesn't say" in at most three lines: why, what the stories are about, and
 * questions they do answer as buttons to press.
 */
export function renderNoAnswer(
  page: Pick<AnswerPage, "answer" | "private" | "story" | "title" | "suggestions">,
  stories: readonly StoryInfo[],
): APIInteractionResponseCallbackData {
  const buttons = suggestionButtons(page.suggestions, {
    private: page.private,
    story: page.story,
  });
  const titles = stories.map((s) => `*${escapeUserText(truncate(s.title, 120))}*`);
  const about =
    stories.length === 1
      ? `It is about: ${titles[0] ?? ""}`
      : `They are about: ${truncate(titles.slice(0, 3).join("; "), 300)}${stories.length > 3 ? `; and ${stories.length - 3} more (/story)` : ""}`;
  return {
    embeds: [
      {
        color: COLORS.refused,
        ...(page.title === undefined ? {} : { title: questionTitle(page.title) }),
        description: [
          `${escapeUserText(refusalText(page.answer, stories.length))}${buttons.length > 0 ? " Try one of these:" : ""}`,
          about,
        ].join("\n"),
      },
    ],
    ...rowsOf(buttons),
    ...(page.private ? { flags: MessageFlags.Ephemeral } : {}),
  };
}

// A title longer than this (a long message searched by Find in story) is cut: a glance, not a reread.
const TITLE_CHARS = 150;

/** The question as an embed title, inert and within Discord's limit. */
export function questionTitle(question: string): string {
  return truncate(escapeUserText(question), Math.min(DISCORD_LIMITS.title, TITLE_CHARS));
}

/** A word typed in lower case as a name is written: "NSA", "Putin"; one typed otherwise as typed. */
function capitalise(word: string): string {
  if (word !== word.toLowerCase()) return word;
  return word.length <= 3 ? word.toUpperCase() : `${word.charAt(0).toUpperCase()}${word.slice(1)}`;
}
