import {
  type APIButtonComponent,
  type APIEmbed,
  type APIInteractionResponseCallbackData,
  ButtonStyle,
  ComponentType,
  MessageFlags,
} from "discord.js";
import type { Answer, AnswerResult } from "../answer/answer.ts";
import { MAX_QUESTION_CHARS } from "../answer/question.ts";
import { paragraphLabel, refusalText, uncertainText } from "../answer/renderText.ts";
import type { Passage } from "../corpus/types.ts";
import type { StoryInfo } from "../search/types.ts";
import { encodeMore, SHARE_ID } from "./customId.ts";
import { escapeUserText, highlight, truncate } from "./format.ts";
import { DISCORD_LIMITS } from "./limits.ts";

const COLOR_ANSWER = 0x2b6cb0;
const COLOR_UNCERTAIN = 0xb7791f;
const COLOR_NO_ANSWER = 0x718096;
const COLOR_ERROR = 0xc53030;

/** What a page of an answer shows, and what its buttons need. */
export interface AnswerPage {
  readonly answer: Answer;
  /** How many passages earlier pages showed. */
  readonly offset: number;
  /** Whether a further page exists. */
  readonly hasMore: boolean;
  readonly private: boolean;
  readonly story: string | null;
  /** The question's search words, for a "More passages" button when the question is too long to carry. */
  readonly words: readonly string[];
  /** The embed title to keep when paging (the question as first shown). */
  readonly title?: string;
}

/** Renders a page of an answer: the best sentence first, then each passage cited as ¶N with its story. */
export function renderAnswer(
  page: AnswerPage,
  stories: readonly StoryInfo[],
): APIInteractionResponseCallbackData {
  const { answer } = page;
  const best = answer.results[0];
  if (answer.outcome === "refused" || best === undefined)
    return renderNoAnswer(answer, stories, page.private);
  // One story in the results: cite it once, in the best answer; several: name each passage's story.
  const manyStories = new Set(answer.results.map((r) => r.citation.story)).size > 1;
  const embed: APIEmbed = {
    color: answer.outcome === "uncertain" ? COLOR_UNCERTAIN : COLOR_ANSWER,
    title: page.title ?? questionTitle(answer.question),
    description: `${page.offset === 0 ? `${bestLabel(answer, best, stories.length)}\n` : ""}> ${highlight(best.bestSentence, best.terms, 1500)}\n— ${citationMarkdown(best)}`,
    fields: answer.results.map((result) => ({
      name: manyStories
        ? `${paragraphLabel(result.citation.paragraph)} · ${truncate(result.citation.title, 200)}`
        : paragraphLabel(result.citation.paragraph),
      value: highlight(result.text, result.terms, DISCORD_LIMITS.fieldValue),
    })),
    footer: {
      text: `Passages ${page.offset + 1}–${page.offset + answer.results.length} · /passage shows a whole paragraph`,
    },
  };
  const buttons: APIButtonComponent[] = [
    {
      type: ComponentType.Button,
      style: ButtonStyle.Secondary,
      label: "More passages",
      custom_id: encodeMore({
        offset: page.offset + answer.results.length,
        private: page.private,
        story: page.story,
        question: answer.question,
        words: page.words,
      }),
      disabled: !page.hasMore,
    },
  ];
  if (page.private) {
    buttons.push({
      type: ComponentType.Button,
      style: ButtonStyle.Primary,
      label: "Share",
      custom_id: SHARE_ID,
    });
  }
  return {
    embeds: [embed],
    components: [{ type: ComponentType.ActionRow, components: buttons }],
    ...(page.private ? { flags: MessageFlags.Ephemeral } : {}),
  };
}

/** An honest "the story doesn't say", with why, and questions the stories do answer instead of unrelated passages. */
export function renderNoAnswer(
  answer: Answer,
  stories: readonly StoryInfo[],
  ephemeral: boolean,
): APIInteractionResponseCallbackData {
  const suggestions = (answer.suggestions ?? []).map((q) => `• ${escapeUserText(q)}`);
  const about =
    stories.length > 1 ? "**What the stories are about:**" : "**What the story is about:**";
  return {
    embeds: [
      {
        color: COLOR_NO_ANSWER,
        title: questionTitle(answer.question),
        description: [
          `${escapeUserText(refusalText(answer, stories.length))} I only quote the ${stories.length > 1 ? "stories" : "story"} I have.`,
          "",
          ...(suggestions.length > 0 ? ["**Questions it answers:**", ...suggestions, ""] : []),
          about,
          storyLines(stories),
        ].join("\n"),
        footer: { text: "Try other words, or /story to see what I can answer from." },
      },
    ],
    ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
  };
}

/** The list of stories with their source, date and size. */
export function renderStories(stories: readonly StoryInfo[]): APIInteractionResponseCallbackData {
  const shown = stories.slice(0, DISCORD_LIMITS.fields);
  const hidden = stories.length - shown.length;
  return {
    embeds: [
      {
        color: COLOR_ANSWER,
        title: `${stories.length} ${stories.length === 1 ? "story" : "stories"} I can answer from`,
        fields: shown.map((story) => ({
          name: truncate(story.title, DISCORD_LIMITS.fieldName),
          value: [
            story.url
              ? `[${escapeUserText(story.source ?? "Read it")}](${story.url})`
              : escapeUserText(story.source ?? "Source not given"),
            story.date ? `Date: ${escapeUserText(story.date)}` : null,
            `${story.paragraphs} paragraphs · id \`${story.slug}\``,
          ]
            .filter((line) => line !== null)
            .join("\n"),
        })),
        ...(hidden > 0 ? { footer: { text: `…and ${hidden} more` } } : {}),
      },
    ],
    flags: MessageFlags.Ephemeral,
  };
}

/** How to ask, with the stories available, and the cooldown when there is one. */
export function renderHelp(
  stories: readonly StoryInfo[],
  cooldown: { readonly limit: number; readonly windowMs: number } | null = null,
): APIInteractionResponseCallbackData {
  return {
    embeds: [
      {
        color: COLOR_ANSWER,
        title: "How to ask",
        description: [
          "`/ask question:` a question about the news, e.g. *Who issued the directive?* I answer with the story's own words: the best sentence first, then the passages, each cited by paragraph (¶).",
          "Ask *What happened?* or *tl;dr* for the headline and first paragraphs.",
          "`private: True` shows the answer only to you; **Share** then posts it to the channel.",
          "**More passages** pages through further results. `/passage id:` shows a whole paragraph; `/story` lists the stories.",
          "`mention:` addresses a public answer to a member, who is pinged (only them).",
          "**Find in story**: right-click or long-press a message → **Apps** → **Find in story** to look up what it says in the stories, privately, with **Share**.",
          ...(cooldown === null
            ? []
            : [
                `Each member can ask ${cooldown.limit} ${cooldown.limit === 1 ? "time" : "times"} every ${cooldown.windowMs / 1000} s (More passages and Find in story count).`,
              ]),
          `Questions are at most ${MAX_QUESTION_CHARS} characters. If the stories don't say, I say so rather than guess.`,
          "",
          `**Stories:**\n${storyLines(stories)}`,
        ].join("\n"),
      },
    ],
    flags: MessageFlags.Ephemeral,
  };
}

/** One whole paragraph (all its parts), cited. */
export function renderPassage(
  parts: readonly Passage[],
  story: StoryInfo,
  ephemeral: boolean,
): APIInteractionResponseCallbackData {
  const first = parts[0];
  const label = first ? paragraphLabel(first.paragraph) : "";
  return {
    embeds: [
      {
        color: COLOR_ANSWER,
        title: truncate(`${label} · ${story.title}`, DISCORD_LIMITS.title),
        ...(story.url ? { url: story.url } : {}),
        description: truncate(
          escapeUserText(parts.map((p) => p.text).join(" ")),
          DISCORD_LIMITS.description,
        ),
        footer: { text: `${first?.id ?? story.slug} · line ${first?.line ?? 1} of ${story.slug}` },
      },
    ],
    ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
  };
}

/** A short ephemeral message for a problem the user can fix or should know about. */
export function renderNotice(text: string): APIInteractionResponseCallbackData {
  return { embeds: [{ color: COLOR_ERROR, description: text }], flags: MessageFlags.Ephemeral };
}

function questionTitle(question: string): string {
  return truncate(escapeUserText(question), Math.min(DISCORD_LIMITS.title, MAX_QUESTION_CHARS));
}

/**
 * "Best answer"; "Closest passage" and whom it does not name, when it does not name whom or what
 * the question names; and, when the bot is not sure, that the story may not answer this and why.
 */
function bestLabel(answer: Answer, best: AnswerResult, stories: number): string {
  const missing = best.missing.slice(0, 5).map((w) => escapeUserText(truncate(capitalise(w), 40)));
  const unnamed = missing.length > 0 ? ` (it does not name ${missing.join(", ")})` : "";
  if (answer.outcome === "uncertain")
    return `**${escapeUserText(uncertainText(answer, stories))}**${unnamed}`;
  return missing.length === 0 ? "**Best answer**" : `**Closest passage**${unnamed}`;
}

function capitalise(word: string): string {
  return word.length <= 3 ? word.toUpperCase() : `${word.charAt(0).toUpperCase()}${word.slice(1)}`;
}

function citationMarkdown(result: AnswerResult): string {
  const label = paragraphLabel(result.citation.paragraph);
  const title = escapeUserText(truncate(result.citation.title, 150));
  const story = result.citation.url ? `[${title}](${result.citation.url})` : `*${title}*`;
  return `${label}, ${story}`;
}

function storyLines(stories: readonly StoryInfo[]): string {
  const lines = stories.slice(0, 10).map((s) => `• ${escapeUserText(truncate(s.title, 150))}`);
  if (stories.length > 10) lines.push(`…and ${stories.length - 10} more (/story)`);
  return lines.join("\n");
}
