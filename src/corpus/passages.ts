import { classifyLine } from "./markdown.ts";
import { isSpace, type Span, sentenceSpans } from "./sentences.ts";
import type { Passage } from "./types.ts";

/** Longest passage, in characters, before a paragraph is split at sentence boundaries. */
export const MAX_PASSAGE_CHARS = 900;

/**
 * Most paragraphs kept from one story; the rest are dropped with a warning. A long news story has
 * under a hundred; the bound keeps a hostile file of a million one-word lines out of the index.
 */
export const MAX_PARAGRAPHS = 5000;

/** A story's body cut into passages, with the headline it found and what it dropped. */
export interface SplitStory {
  readonly headline: string | null;
  readonly firstLine: string | null;
  readonly passages: readonly Passage[];
  readonly duplicatesRemoved: number;
  /** Paragraphs past `MAX_PARAGRAPHS`, not kept. */
  readonly paragraphsDropped: number;
}

interface Block {
  readonly text: string;
  readonly heading: boolean;
  readonly line: number;
}

/**
 * Cuts a story body into citable passages: the headline, then each paragraph once.
 *
 * Paragraphs end at a blank line or a line break, except where a line was visibly hard-wrapped
 * (it stops mid-sentence and the next line starts in lower case). Repeats of a headline or
 * paragraph are dropped, so a story delivered twice over is cited as one.
 *
 * @example splitPassages("news", "# Title\nOne.\nTwo.").passages.map((p) => p.id) // ["news#0", "news#1", "news#2"]
 */
export function splitPassages(slug: string, body: string, firstLineNumber = 1): SplitStory {
  const blocks = readBlocks(body, firstLineNumber);
  const seen = new Set<string>();
  const passages: Passage[] = [];
  let headline: string | null = null;
  let duplicatesRemoved = 0;
  let paragraphsDropped = 0;
  let paragraph = 0;
  for (const block of blocks) {
    const key = dedupeKey(block.text);
    if (key === "") continue;
    if (seen.has(key)) {
      duplicatesRemoved++;
      continue;
    }
    seen.add(key);
    // A "heading" longer than a passage is a paragraph in bold, and is split like one.
    if (block.heading && block.text.length <= MAX_PASSAGE_CHARS) {
      // Only the first heading is the headline; later subheadings are signposts, not citations.
      if (headline !== null) continue;
      headline = block.text;
      passages.push(makePassage(slug, "headline", 0, null, block.text, block.line));
      continue;
    }
    if (paragraph === MAX_PARAGRAPHS) {
      paragraphsDropped++;
      continue;
    }
    paragraph++;
    const parts = splitLongText(block.text, MAX_PASSAGE_CHARS);
    parts.forEach((text, i) => {
      const part = parts.length > 1 ? i + 1 : null;
      passages.push(makePassage(slug, "paragraph", paragraph, part, text, block.line));
    });
  }
  return {
    headline,
    firstLine: blocks[0]?.text ?? null,
    passages,
    duplicatesRemoved,
    paragraphsDropped,
  };
}

function makePassage(
  story: string,
  kind: Passage["kind"],
  paragraph: number,
  part: number | null,
  text: string,
  line: number,
): Passage {
  const id = part === null ? `${story}#${paragraph}` : `${story}#${paragraph}.${part}`;
  return { id, story, kind, paragraph, part, text, line };
}

function readBlocks(body: string, firstLineNumber: number): Block[] {
  // A block's lines are joined once it is complete: testing and extending the joined text line by
  // line took 54 s for a 400 kB paragraph hard-wrapped into 20,000 lines.
  const blocks: { lines: string[]; heading: boolean; line: number }[] = [];
  let open: (typeof blocks)[number] | null = null;
  body.split("\n").forEach((raw, i) => {
    if (raw.trim() === "") {
      open = null;
      return;
    }
    const line = classifyLine(raw);
    if (line.text === "") return;
    const last = open?.lines.at(-1);
    if (!line.heading && open?.heading === false && last !== undefined) {
      if (looksHardWrapped(last, line.text)) {
        open.lines.push(line.text);
        return;
      }
    }
    open = { lines: [line.text], heading: line.heading, line: firstLineNumber + i };
    blocks.push(open);
  });
  return blocks.map(({ lines, heading, line }) => ({ text: lines.join(" "), heading, line }));
}

function looksHardWrapped(previous: string, next: string): boolean {
  return !/[.!?:;"'”’)\]…]$/.test(previous) && /^\p{Ll}/u.test(next);
}

/** Two passages are the same when their letters and digits are, ignoring case and punctuation. */
function dedupeKey(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/**
 * Splits text longer than `limit` at sentence boundaries (or, for one huge sentence, at spaces).
 * Each part is a piece of the text as it stands, so a quote never gains a space the story lacks
 * ("U.S.Army", "你好。世界。" have sentence boundaries without one).
 */
export function splitLongText(text: string, limit: number): string[] {
  if (text.length <= limit) return [text];
  const pieces = sentenceSpans(text).flatMap(([start, end]) =>
    cutAtSpaces(text, start, end, limit),
  );
  const parts: string[] = [];
  let start = -1;
  let end = -1;
  for (const [pieceStart, pieceEnd] of pieces) {
    if (start !== -1 && pieceEnd - start > limit) {
      parts.push(text.slice(start, end));
      start = pieceStart;
    } else if (start === -1) {
      start = pieceStart;
    }
    end = pieceEnd;
  }
  if (start !== -1) parts.push(text.slice(start, end));
  return parts;
}

/** Cuts the sentence at `start`–`end` into pieces of at most `limit`, at the last space in each where there is one. */
function cutAtSpaces(text: string, start: number, end: number, limit: number): Span[] {
  const pieces: Span[] = [];
  // Cut by index: slicing and trimming the rest at every cut copied it each time, quadratic in
  // a sentence of megabytes.
  while (end - start > limit) {
    const space = text.slice(start, start + limit + 1).lastIndexOf(" ");
    let at = space > limit / 2 ? start + space : start + limit;
    // Never between the two halves of a surrogate pair (an emoji, a rare CJK character).
    if (isLowSurrogate(text.charCodeAt(at))) at--;
    let pieceEnd = at;
    while (pieceEnd > start && isSpace(text.charAt(pieceEnd - 1))) pieceEnd--;
    pieces.push([start, pieceEnd]);
    start = at;
    while (start < end && isSpace(text.charAt(start))) start++;
  }
  if (start < end) pieces.push([start, end]);
  return pieces;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
