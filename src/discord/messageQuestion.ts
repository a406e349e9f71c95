import type { APIMessage } from "discord.js";
import { MAX_QUESTION_CHARS } from "../answer/question.ts";
import { stripMarkdown } from "../corpus/markdown.ts";
import { splitSentences } from "../corpus/sentences.ts";

/**
 * A message's words as a question, or why it has none. `cut` is set when the message was longer
 * than a question may be and only its opening was taken.
 */
export type MessageQuestion =
  | {
      readonly ok: true;
      readonly text: string;
      readonly cut?: { readonly sentences: number; readonly total: number };
    }
  | { readonly ok: false; readonly message: string };

// Discord's own syntax that carries no words of the message: user, role and channel mentions,
// slash-command mentions, custom emoji, timestamps, guild navigation, and bare or <> links.
const DISCORD_TOKENS =
  /<@[!&]?\d+>|<#\d+>|<\/[^:>]+:\d+>|<a?:\w+:\d+>|<t:-?\d+(?::\w)?>|<id:\w+>|<?https?:\/\/[^\s>]+>?|@(?:everyone|here)\b/gi;
const CODE_FENCE = /```[\w+-]*\n?/g;
const MASKED_LINK = /\[([^\]]+)\]\(<?https?:\/\/[^)\s]*>?\)/g;
// Per line: headings, subtext (-#), block quotes (> and >>>), bullets and numbered items.
const LINE_PREFIX = /^\s*(?:#{1,3}\s+|-#\s+|>>>\s?|>\s?|[-*+]\s+|\d{1,3}[.)]\s+)+/;
const WORD = /[\p{L}\p{N}]/u;

/**
 * Takes a Discord message's text as a question for "Find in story": Discord mentions, emoji,
 * links and Markdown are dropped, so only what a reader sees as words is searched. A message
 * longer than a question may be is not refused: its opening sentences are taken, up to
 * {@link MAX_QUESTION_CHARS} characters, since a long message usually states its point first.
 */
export function questionFromMessage(message: APIMessage): MessageQuestion {
  const forwarded = message.message_snapshots?.[0]?.message;
  const raw = message.content.trim() !== "" ? message.content : (forwarded?.content ?? "");
  const text = cleanMessageText(raw);
  if (!WORD.test(text)) return { ok: false, message: noTextMessage(message, raw) };
  if (text.length <= MAX_QUESTION_CHARS) return { ok: true, text };
  const sentences = splitSentences(text);
  let taken = "";
  let count = 0;
  for (const sentence of sentences) {
    const next = taken === "" ? sentence : `${taken} ${sentence}`;
    if (next.length > MAX_QUESTION_CHARS) break;
    taken = next;
    count += 1;
  }
  if (count === 0) {
    // One sentence longer than a question: its first words, cut at a space.
    const head = text.slice(0, MAX_QUESTION_CHARS + 1);
    const space = head.lastIndexOf(" ");
    taken =
      space > MAX_QUESTION_CHARS / 2 ? head.slice(0, space) : head.slice(0, MAX_QUESTION_CHARS);
    count = 1;
  }
  return { ok: true, text: taken, cut: { sentences: count, total: text.length } };
}

/** A message's text without Discord's syntax or Markdown, on one line. */
export function cleanMessageText(raw: string): string {
  const lines = raw
    .normalize("NFKC")
    .replace(CODE_FENCE, "\n")
    .replace(MASKED_LINK, "$1")
    .replace(DISCORD_TOKENS, " ")
    .replace(/\|\|(.+?)\|\|/gs, "$1")
    .replace(/~~(.+?)~~/gs, "$1")
    .split("\n")
    .map((line) => stripMarkdown(line.replace(LINE_PREFIX, "")))
    .filter((line) => line !== "");
  return lines.join(" ").replace(/\s+/g, " ").trim();
}

function noTextMessage(message: APIMessage, raw: string): string {
  const attachments = message.attachments ?? [];
  const what =
    (message.sticker_items?.length ?? 0) > 0
      ? "only a sticker"
      : attachments.length > 0
        ? attachments.every((a) => a.content_type?.startsWith("image/"))
          ? `only ${attachments.length === 1 ? "an image" : "images"}`
          : "only attachments"
        : message.poll !== undefined
          ? "only a poll"
          : message.embeds.length > 0 && raw.trim() === ""
            ? "only an embed"
            : raw.trim() === ""
              ? "no text"
              : "no words, only mentions, emoji or links";
  return `That message has ${what}, so there is nothing to look up in the story. Find in story reads a message's words; to ask in your own, use \`/ask question:\`.`;
}
