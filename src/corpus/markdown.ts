/** A line of story text, classified. */
export interface Line {
  readonly text: string;
  readonly heading: boolean;
}

const ATX_HEADING = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/;
const BOLD_LINE = /^\s*(\*\*|__)(.+)\1\s*$/;

/** Reads one raw line as a heading (`# x`, or a line that is bold from end to end) or plain text, without Markdown syntax. */
export function classifyLine(raw: string): Line {
  const atx = ATX_HEADING.exec(raw);
  if (atx) return { text: stripMarkdown(atx[1] ?? ""), heading: true };
  const bold = BOLD_LINE.exec(raw);
  if (bold && !(bold[2] ?? "").includes(bold[1] ?? "**")) {
    return { text: stripMarkdown(bold[2] ?? ""), heading: true };
  }
  return { text: stripMarkdown(raw), heading: false };
}

/** Removes inline Markdown (emphasis, links, images, code, block quotes, list bullets) and folds white space. */
export function stripMarkdown(text: string): string {
  return text
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1")
    .replace(/`([^`]*)`/g, "$1")
    .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, "$2")
    .replace(/(^|[^\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?!\w)/g, "$1$2")
    .replace(/(^|[^\w])_(?=\S)([^_]+?)(?<=\S)_(?!\w)/g, "$1$2")
    .replace(/^\s*(>\s*)+/, "")
    .replace(/^\s*[-*+]\s+/, "")
    .replace(/\s+/g, " ")
    .trim();
}
