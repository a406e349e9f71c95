import { type APIInteractionResponseCallbackData, MessageFlags } from "discord.js";
import { wholeParagraphs } from "../answer/layout.ts";
import { readerSource } from "../answer/metaQuestion.ts";
import type { Passage } from "../corpus/types.ts";
import type { StoryInfo } from "../search/types.ts";
import { escapeUserText, truncate } from "./format.ts";
import { DISCORD_LIMITS } from "./limits.ts";
import { COLORS } from "./renderAnswer.ts";

const COLOR_ANSWER = COLORS.answered;
const COLOR_ERROR = 0xc53030;

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

/** How to ask: one line and one example per command, then the stories, and the cooldown when there is one. */
export function renderHelp(
  stories: readonly StoryInfo[],
  cooldown: { readonly limit: number; readonly windowMs: number } | null = null,
): APIInteractionResponseCallbackData {
  const passage =
    stories.length === 1
      ? "• `/passage id: ¶3`, or *what does ¶3 say?* asked with `/ask`, shows a whole paragraph (¶3 = paragraph 3)."
      : "• `/passage id:` shows a whole paragraph: type a few of its words and pick it from the list; *what does ¶3 say?* asked with `/ask` shows that of the story asked of, or the one the channel is talking about.";
  return {
    embeds: [
      {
        color: COLOR_ANSWER,
        title: "How to ask",
        description: [
          `• \`/ask question: Who issued the directive?\` answers in the story's own words; *What happened?* gives ${stories.length === 1 ? "a summary" : "each story's headline, *tl;dr on the … story* one story's opening"}; *source?* where it comes from.`,
          "• **Follow up** under an answer asks more about it: *Why?*, *What did he say?* Typed as `/ask` right after a public answer, such a question follows it up too.",
          "• `private: True` shows the answer only to you, with **Share**; `mention:` addresses it to a member.",
          passage,
          "• `/story` lists the stories I answer from.",
          "• **Find in story**: right-click or long-press a message → **Apps** → **Find in story** looks up what it says, privately.",
          "• `/reload` reads the stories again after a change (Manage Server only).",
          ...(cooldown === null ? [] : ["", cooldownLimit(cooldown)]),
          "",
          `${stories.length === 1 ? "**The story:**" : "**The stories:**"}\n${storyLines(stories)}`,
        ].join("\n"),
      },
    ],
    flags: MessageFlags.Ephemeral,
  };
}

/** One whole paragraph (all its parts), or a run of them, cited as a reader cites it. */
export function renderPassage(
  parts: readonly Passage[],
  story: StoryInfo,
  ephemeral: boolean,
): APIInteractionResponseCallbackData {
  const { label, meaning, paragraphs } = wholeParagraphs(parts);
  // A run shows each paragraph under its ¶, bold; one paragraph is its text alone.
  const text =
    paragraphs.length === 1
      ? escapeUserText(paragraphs[0]?.text ?? "")
      : paragraphs.map((p) => `**¶${p.paragraph}** ${escapeUserText(p.text)}`).join("\n\n");
  return {
    embeds: [
      {
        color: COLOR_ANSWER,
        title: truncate(`${label} · ${story.title}`, DISCORD_LIMITS.title),
        ...(story.url ? { url: story.url } : {}),
        description: truncate(text, DISCORD_LIMITS.description),
        ...(meaning === "" ? {} : { footer: { text: meaning } }),
      },
    ],
    ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
  };
}

/** How often a member may ask: "Each member can ask 5 times every 30 s (…count too)." */
export function cooldownLimit(cooldown: {
  readonly limit: number;
  readonly windowMs: number;
}): string {
  return `Each member can ask ${cooldown.limit} ${cooldown.limit === 1 ? "time" : "times"} every ${windowText(cooldown.windowMs)} (follow-ups, suggestions, More passages and Find in story count too).`;
}

/** A window as a member reads it: "30 s", "2 min". */
function windowText(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return seconds % 60 === 0 && seconds >= 60 ? `${seconds / 60} min` : `${seconds} s`;
}

/** A short private message that is news, not a problem (a cooldown, small talk): no error stripe. */
export function renderInfo(text: string): APIInteractionResponseCallbackData {
  return { content: text, flags: MessageFlags.Ephemeral };
}

/** A short ephemeral message for a problem the user can fix or should know about. */
export function renderNotice(text: string): APIInteractionResponseCallbackData {
  return { embeds: [{ color: COLOR_ERROR, description: text }], flags: MessageFlags.Ephemeral };
}

function storyLines(stories: readonly StoryInfo[]): string {
  const lines = stories.slice(0, 10).map((s) => `• ${escapeUserText(truncate(s.title, 150))}`);
  if (stories.length > 10) lines.push(`…and ${stories.length - 10} more (/story)`);
  return lines.join("\n");
}
