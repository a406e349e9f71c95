import type { APIMessage } from "discord.js";
import { checkQuestion, MAX_QUESTION_CHARS, type QuestionCheck } from "../answer/question.ts";
import { stripMarkdown } from "../corpus/markdown.ts";
import { splitSentences } from "../corpus/sentences.ts";
import { STOP_WORDS, tokenize } from "../language/text.ts";

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
 * longer than a question may be is not refused: the sentences that say the most are taken, in
 * its order, up to {@link MAX_QUESTION_CHARS} characters, from anywhere in it.
 */
export function questionFromMessage(message: APIMessage): MessageQuestion {
  const forwarded = message.message_snapshots?.[0]?.message;
  const raw = message.content.trim() !== "" ? message.content : (forwarded?.content ?? "");
  const text = cleanMessageText(raw);
  if (!WORD.test(text)) return { ok: false, message: noTextMessage(message, raw) };
  if (text.length <= MAX_QUESTION_CHARS) return { ok: true, text };
  const { taken, count } = mainSentences(splitSentences(text));
  if (count === 0) {
    // One sentence longer than a question: its first words, cut at a space.
    const head = text.slice(0, MAX_QUESTION_CHARS + 1);
    const space = head.lastIndexOf(" ");
    const cut =
      space > MAX_QUESTION_CHARS / 2 ? head.slice(0, space) : head.slice(0, MAX_QUESTION_CHARS);
    return { ok: true, text: cut, cut: { sentences: 1, total: text.length } };
  }
  return { ok: true, text: taken, cut: { sentences: count, total: text.length } };
}

/**
 * The sentences of a long message that say the most, in its order, within a question's length:
 * each scored by its words of substance, names counting three times and a question's words twice,
 * a sentence said twice taken once. "Big news today." and "Honestly it's confusing." say little;
 * the question and the claims in between are what to search for.
 */
function mainSentences(sentences: readonly string[]): { taken: string; count: number } {
  const unique = [...new Set(sentences.map((s) => s.trim()).filter((s) => s !== ""))];
  const scored = unique.map((sentence, at) => {
    const words = new Set(tokenize(sentence).filter((w) => !STOP_WORDS.has(w)));
    const names = (sentence.slice(1).match(/(?<=\s)\p{Lu}\p{Ll}+/gu) ?? []).length;
    const asks = sentence.endsWith("?") ? 2 : 1;
    return { sentence, at, score: (words.size + 2 * names) * asks };
  });
  const chosen: typeof scored = [];
  let length = -1;
  for (const item of [...scored].sort((a, b) => b.score - a.score || a.at - b.at)) {
    if (item.score === 0 || length + 1 + item.sentence.length > MAX_QUESTION_CHARS) continue;
    chosen.push(item);
    length += 1 + item.sentence.length;
  }
  const inOrder = chosen.sort((a, b) => a.at - b.at).map((c) => c.sentence);
  return { taken: inOrder.join(" "), count: inOrder.length };
}

/**
 * A question typed to the bot without Discord's syntax that carries no words (mentions, custom
 * emoji, timestamps) or the links pasted beside it, a masked link keeping its words: "who wrote
 * this https://apnews.com/…" is asked as "who wrote this", whose link's words ("apnews") would be
 * names no story names. Markdown is kept: the question is shown as it was typed.
 *
 * @example questionWords("<@1300000000000000302> who is Rubio? https://example.com/x") // "who is Rubio?"
 */
export function questionWords(raw: string): string {
  return raw.replace(MASKED_LINK, "$1").replace(DISCORD_TOKENS, " ").replace(/\s+/g, " ").trim();
}

/** What a question of only links, mentions or emoji is told. */
const ONLY_LINKS =
  "That question has no words, only links, mentions or emoji: ask in words what you want to know about the story.";

/**
 * `checkQuestion` of a question typed to the bot, read without its links and Discord syntax
 * (`questionWords`): one of nothing else is told to ask in words.
 */
export function checkTypedQuestion(raw: string, limit?: number): QuestionCheck {
  const check = checkQuestion(questionWords(raw), limit);
  if (check.ok || check.problem !== "empty" || raw.trim() === "") return check;
  return { ok: false, problem: "empty", message: ONLY_LINKS };
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
