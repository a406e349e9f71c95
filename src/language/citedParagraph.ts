import { tokenize } from "./text.ts";

/** A paragraph a message asks for by its number, as answers cite it, and the message's other words. */
export interface CitedParagraph {
  /**
   * The paragraph's number (1 for the first), "last" for the story's last one, or "cited" for the
   * one a reply just cited ("full paragraph?", "what does the paragraph say").
   */
  readonly paragraph: number | "last" | "cited";
  /** The last paragraph of a run asked for ("¶3 and ¶4", "paragraphs 2-4"), or null for one. */
  readonly through: number | null;
  /** The message's words other than those citing the paragraph, in order. */
  readonly rest: readonly string[];
}

// The names members give a paragraph, newsrooms' "graf" among them; not "par", a golf score ("the
// par 3 hole").
const NOUN = "(?:paragraph|para|graf)";
// A run of paragraphs: "¶3-5", "¶3 and ¶4", "paragraphs 2 to 4", "paras 1 & 2".
const JOINED = String.raw`\s*(?:-|–|to|through|thru|and|&)\s*¶?\s*`;
// The most paragraphs a run may span; a story has at most a few dozen.
const LONGEST_RUN = 40;
const RUN = new RegExp(String.raw`(?:¶|\b${NOUN}s?\.?)\s*(\d{1,4})${JOINED}(\d{1,4})\b`, "iu");
const ORDINALS = [
  ...["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"],
  ...["tenth", "eleventh", "twelfth"],
];
const CARDINALS = [
  ...["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven"],
  "twelve",
];
// "last" and "final" name the story's last paragraph; "opening", its first.
const LAST = new Set(["last", "final"]);
// The ways a message cites a paragraph: "¶3", "paragraph 3", "para #3", "the 3rd paragraph", "the
// third graf", "paragraph three", "the last paragraph"; or the one just cited: "the full paragraph". The number stops at four digits: no story
// has more paragraphs, and "paragraph 20250301" is no citation.
const CITATION = new RegExp(
  [
    String.raw`¶\s*(\d{1,4})\b`,
    String.raw`\b${NOUN}\.?\s*(?:#|no\.?\s*|number\s*)?(\d{1,4})\b`,
    String.raw`\b(\d{1,4})(?:st|nd|rd|th)\s+${NOUN}\b`,
    String.raw`\b(${[...ORDINALS, ...LAST, "opening"].join("|")})\s+${NOUN}\b`,
    String.raw`\b${NOUN}\s+(${CARDINALS.join("|")})\b`,
    String.raw`\b(?:the|that|this|full|whole|entire)\s+(?:(?:full|whole|entire)\s+)?${NOUN}\b`,
  ].join("|"),
  "iu",
);

/**
 * The paragraph a message cites by its number ("what does ¶3 say", "show me para 5", "the third
 * paragraph", "the last graf"), several in a run ("paragraphs 2-4"), or as the one just cited
 * ("full paragraph?"), with its other words; null when it cites none. Whether the other
 * words ask for that paragraph or about something in it is for the caller to judge.
 *
 * @example citedParagraph("what does ¶3 say")?.paragraph // 3
 */
export function citedParagraph(text: string): CitedParagraph | null {
  const run = RUN.exec(text);
  const from = Number(run?.[1] ?? 0);
  const to = Number(run?.[2] ?? 0);
  // "paragraph 3 and 2024 budget" runs to no paragraph: a year follows.
  if (run !== null && from > 0 && to > 0 && Math.abs(to - from) < LONGEST_RUN) {
    return { paragraph: Math.min(from, to), through: Math.max(from, to), rest: restOf(text, run) };
  }
  const match = CITATION.exec(text);
  if (match === null) return null;
  const [, sign, noun, numbered, ordinal, cardinal] = match;
  const digits = sign ?? noun ?? numbered;
  const word = (ordinal ?? cardinal)?.toLowerCase();
  const paragraph =
    digits !== undefined
      ? Number(digits)
      : word === undefined
        ? "cited"
        : LAST.has(word)
          ? "last"
          : word === "opening"
            ? 1
            : ORDINALS.indexOf(word) + 1 || CARDINALS.indexOf(word) + 1;
  if (paragraph === 0) return null;
  return { paragraph, through: null, rest: restOf(text, match) };
}

/** The words of a text around a match. */
function restOf(text: string, match: RegExpExecArray): string[] {
  return tokenize(`${text.slice(0, match.index)} ${text.slice(match.index + match[0].length)}`);
}
