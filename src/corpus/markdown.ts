/** A line of story text, classified. */
export interface Line {
  readonly text: string;
  readonly heading: boolean;
}

// Every pattern here runs in time linear in the line: content is never allowed to span the
// delimiter that would close it, so a failed match stops at the next delimiter instead of
// scanning to the end of the line for each opener. The patterns they replace took 9 s for a
// line of 20,000 unclosed "**a " and 33 s for "# a", 4,000 spaces, "b" (cubic).
const ATX_OPENING = /^\s{0,3}#{1,6}\s+/;
const BOLD_LINE = /^\s*(\*\*|__)(.+)\1\s*$/;
const IMAGE = /!\[([^[\]]*)\]\((?:[^()]|\([^()]*\))*\)/g;
const LINK = /\[([^[\]]+)\]\((?:[^()]|\([^()]*\))*\)/g;
const CODE = /`([^`]*)`/g;
const STRONG = /(\*\*|__)(?=\S)((?:(?!\1).)+?)(?<=\S)\1/g;
const EMPHASIS_STAR = /(^|[^\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?!\w)/g;
const EMPHASIS_UNDERSCORE = /(^|[^\w])_(?=\S)([^_]+?)(?<=\S)_(?!\w)/g;

/** Reads one raw line as a heading (`# x`, or a line that is bold from end to end) or plain text, without Markdown syntax. */
export function classifyLine(raw: string): Line {
  const atx = ATX_OPENING.exec(raw);
  if (atx)
    return { text: stripMarkdown(withoutClosingHashes(raw.slice(atx[0].length))), heading: true };
  const bold = BOLD_LINE.exec(raw);
  if (bold && !(bold[2] ?? "").includes(bold[1] ?? "**")) {
    return { text: stripMarkdown(bold[2] ?? ""), heading: true };
  }
  return { text: stripMarkdown(raw), heading: false };
}

/**
 * Longest line whose inline Markdown is removed; a longer one is no hand-written Markdown. Past
 * about 2 million characters the patterns' backtracking overflowed the stack ("> " repeated).
 */
export const MAX_MARKDOWN_LINE_CHARS = 20_000;

/** Removes inline Markdown (emphasis, links, images, code, block quotes, list bullets) and folds white space. */
export function stripMarkdown(text: string): string {
  const inline =
    text.length > MAX_MARKDOWN_LINE_CHARS
      ? text
      : text
          .replace(IMAGE, "$1")
          .replace(LINK, "$1")
          .replace(CODE, "$1")
          .replace(STRONG, "$2")
          .replace(EMPHASIS_STAR, "$1$2")
          .replace(EMPHASIS_UNDERSCORE, "$1$2");
  return inline
    .replace(/^\s*>[\s>]*/, "")
    .replace(/^\s*[-*+]\s+/, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** A heading's text without its optional closing `#`s, which must follow white space (`# C#` keeps its `#`). */
function withoutClosingHashes(text: string): string {
  const trimmed = text.trimEnd();
  let end = trimmed.length;
  while (end > 0 && trimmed.charAt(end - 1) === "#") end--;
  if (end === trimmed.length || (end > 0 && !/\s/.test(trimmed.charAt(end - 1)))) return trimmed;
  return trimmed.slice(0, end);
}
