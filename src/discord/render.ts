import {
  type APIButtonComponent,
  type APIEmbed,
  type APIInteractionResponseCallbackData,
  ButtonStyle,
  ComponentType,
  MessageFlags,
} from "discord.js";
import { alsoRelevant, paragraphMeaning } from "../answer/layout.ts";
import { MAX_QUESTION_CHARS } from "../answer/question.ts";
import { paragraphLabel, refusalText, uncertainText } from "../answer/renderText.ts";
import type { Answer, AnswerPhrase, AnswerResult } from "../answer/types.ts";
import type { Passage } from "../corpus/types.ts";
import type { StoryInfo } from "../search/types.ts";
import { encodeMore, SHARE_ID } from "./customId.ts";
import { boldPhrase, escapeUserText, highlight, truncate } from "./format.ts";
import { DISCORD_LIMITS } from "./limits.ts";

const COLOR_ANSWER = 0x2b6cb0;
const COLOR_UNCERTAIN = 0xb7791f;
const COLOR_NO_ANSWER = 0x718096;
const COLOR_ERROR = 0xc53030;

/** What a page of an answer shows, and what its buttons need. */
export interface AnswerPage {
  readonly answer: Answer;
  /** The phrase that answers the question, when the extractor is confident of it (first page only). */
  readonly phrase?: AnswerPhrase | null;
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

/**
 * Renders a page of an answer, compactly: the answer phrase in bold (when confident), the best
 * sentence quoted with its citation, then only the other passages that add something, each by its
 * best sentence.
 */
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
  const phrase = page.offset === 0 ? (page.phrase ?? null) : null;
  const others = alsoRelevant(answer.results);
  // The label counts the passages shown ("the closest passage:"), not those left out.
  const shown = { ...answer, results: [best, ...others] };
  const lead = page.offset === 0 ? leadLine(shown, best, phrase, stories.length) : null;
  // The phrase in bold where the sentence says it: the evidence for the answer above.
  // A "Yes" or "No" is not words of the sentence that settles it: nothing in it is bold.
  const quote = boldPhrase(best.bestSentence, phrase?.kind === "span" ? phrase.text : "", 1500);
  const embed: APIEmbed = {
    color: answer.outcome === "uncertain" ? COLOR_UNCERTAIN : COLOR_ANSWER,
    title: page.title ?? questionTitle(answer.question),
    description: [
      ...(lead === null ? [] : [lead]),
      `> ${quote}`,
      `— ${citationMarkdown(best, best.bestSentence === best.citation.title)}`,
    ].join("\n"),
    ...(others.length > 0
      ? {
          fields: others.map((result) => ({
            name: manyStories
              ? `${paragraphLabel(result.citation.paragraph)} · ${truncate(result.citation.title, 200)}`
              : paragraphLabel(result.citation.paragraph),
            value: highlight(result.bestSentence, [], OTHER_SENTENCE_CHARS),
          })),
        }
      : {}),
    ...footerOf(page, best, manyStories),
  };
  const buttons: APIButtonComponent[] = [];
  if (page.hasMore) {
    buttons.push({
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
    });
  }
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
    ...(buttons.length > 0
      ? { components: [{ type: ComponentType.ActionRow, components: buttons }] }
      : {}),
    ...(page.private ? { flags: MessageFlags.Ephemeral } : {}),
  };
}

// A further passage is shown by its best sentence, cut to this length: /passage has the rest.
const OTHER_SENTENCE_CHARS = 400;

/**
 * The one line above the quote, by outcome: when uncertain, that the story may not answer this;
 * when the best passage does not name whom the question names, that it is the closest passage;
 * otherwise the answer phrase in bold, or nothing when the quote says it all.
 */
function leadLine(
  answer: Answer,
  best: AnswerResult,
  phrase: AnswerPhrase | null,
  stories: number,
): string | null {
  const missing = best.missing.slice(0, 5).map((w) => escapeUserText(truncate(capitalise(w), 40)));
  const unnamed = missing.length > 0 ? ` (it does not name ${missing.join(", ")})` : "";
  switch (answer.outcome) {
    case "uncertain":
      return `**${escapeUserText(uncertainText(answer, stories))}**${unnamed}`;
    case "answered":
    case "refused":
      if (missing.length > 0) return `**Closest passage**${unnamed}`;
      return phrase === null ? null : `**${escapeUserText(truncate(phrase.text, 200))}**`;
  }
}

/**
 * A footer only where it tells something the reply does not: which passages a later page shows,
 * what ¶ means, and where the whole paragraph is.
 */
function footerOf(
  page: AnswerPage,
  best: AnswerResult,
  manyStories: boolean,
): Pick<APIEmbed, "footer"> {
  const parts: string[] = [];
  const shown = page.answer.results.length;
  if (page.offset > 0) parts.push(`Passages ${page.offset + 1}–${page.offset + shown}`);
  const cited = page.answer.results.find((r) => r.citation.paragraph > 0)?.citation.paragraph;
  if (cited !== undefined) parts.push(paragraphMeaning(cited));
  if (page.offset === 0 && !manyStories && best.citation.paragraph > 0)
    parts.push(`/passage ${paragraphLabel(best.citation.paragraph)} shows all of it`);
  return parts.length > 0 ? { footer: { text: parts.join(" · ") } } : {};
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
        fields: shown.map((story) => {
          const source = readerSource(story.source);
          return {
            name: truncate(story.title, DISCORD_LIMITS.fieldName),
            value: [
              story.url
                ? `[${escapeUserText(source ?? "Read it")}](${story.url})`
                : source === null
                  ? null
                  : escapeUserText(source),
              story.date ? `Date: ${escapeUserText(story.date)}` : null,
              `${story.paragraphs} ${story.paragraphs === 1 ? "paragraph" : "paragraphs"}`,
            ]
              .filter((line) => line !== null)
              .join("\n"),
          };
        }),
        ...(hidden > 0 ? { footer: { text: `…and ${hidden} more` } } : {}),
      },
    ],
    flags: MessageFlags.Ephemeral,
  };
}

// A source that only names the file a story came in ("delivered as 000_4edb1f.txt") tells a reader nothing.
const FILE_NAME = /\.(?:txt|md|markdown)\b/iu;

/** The story's source as a reader should see it, or null when it is only a file name. */
function readerSource(source: string | null): string | null {
  return source === null || FILE_NAME.test(source) ? null : source;
}

/** How to ask: one line and one example per command, then the stories, and the cooldown when there is one. */
export function renderHelp(
  stories: readonly StoryInfo[],
  cooldown: { readonly limit: number; readonly windowMs: number } | null = null,
): APIInteractionResponseCallbackData {
  const passage =
    stories.length === 1
      ? "• `/passage id: ¶3` shows a whole paragraph (¶3 = paragraph 3)."
      : "• `/passage id:` shows a whole paragraph: type a few of its words and pick it from the list.";
  return {
    embeds: [
      {
        color: COLOR_ANSWER,
        title: "How to ask",
        description: [
          "• `/ask question: Who issued the directive?` answers in the story's own words; *What happened?* gives a summary. Add `private: True` to see the answer alone, then **Share** it, or `mention:` a member to address it to them.",
          passage,
          "• `/story` lists the stories I answer from.",
          "• **Find in story**: right-click or long-press a message → **Apps** → **Find in story** looks up what it says, privately.",
          "• `/reload` reads the stories again after a change (Manage Server only).",
          ...(cooldown === null
            ? []
            : [
                `Each member can ask ${cooldown.limit} ${cooldown.limit === 1 ? "time" : "times"} every ${cooldown.windowMs / 1000} s (More passages and Find in story count).`,
              ]),
          "",
          `${stories.length === 1 ? "**The story:**" : "**The stories:**"}\n${storyLines(stories)}`,
        ].join("\n"),
      },
    ],
    flags: MessageFlags.Ephemeral,
  };
}

/** One whole paragraph (all its parts), cited as a reader cites it. */
export function renderPassage(
  parts: readonly Passage[],
  story: StoryInfo,
  ephemeral: boolean,
): APIInteractionResponseCallbackData {
  const first = parts[0];
  const paragraph = first?.paragraph ?? 0;
  const label = paragraphLabel(paragraph);
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
        ...(paragraph > 0 ? { footer: { text: paragraphMeaning(paragraph) } } : {}),
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

function capitalise(word: string): string {
  return word.length <= 3 ? word.toUpperCase() : `${word.charAt(0).toUpperCase()}${word.slice(1)}`;
}

/** "¶3, *Story*", explaining the sign ("¶3 = paragraph 3") where it is first used in a reply. */
/** "¶3, *Story*", the story linked when it has a url; only "headline" when the quote is the title itself. */
function citationMarkdown(result: AnswerResult, quotesTitle = false): string {
  const label = paragraphLabel(result.citation.paragraph);
  if (quotesTitle) return result.citation.url ? `[${label}](${result.citation.url})` : label;
  const title = escapeUserText(truncate(result.citation.title, 150));
  const story = result.citation.url ? `[${title}](${result.citation.url})` : `*${title}*`;
  return `${label}, ${story}`;
}

function storyLines(stories: readonly StoryInfo[]): string {
  const lines = stories.slice(0, 10).map((s) => `• ${escapeUserText(truncate(s.title, 150))}`);
  if (stories.length > 10) lines.push(`…and ${stories.length - 10} more (/story)`);
  return lines.join("\n");
}
