import { escapeMarkdown } from "discord.js";
import { CappedCache } from "../language/cappedCache.ts";

/**
 * Makes text typed by a user inert in a Discord message: Markdown escaped (no masked links,
 * headings or code blocks), and mentions broken with a zero-width space so that `@everyone`,
 * `@here` and `<@id>` are shown, never resolved, even where allowed_mentions would not apply.
 */
export function escapeUserText(text: string): string {
  // Each of escapeMarkdown's rules needs a character of its own to act on, and some scan back
  // through the whole text at every position (the underscore rule's look-behind: 0.1 ms for one
  // 900-character paragraph), so rules whose character is absent are skipped: same output.
  const has = (character: string) => text.includes(character);
  const star = has("*");
  const underscore = has("_");
  const backtick = has("`");
  return escapeMarkdown(text, {
    escape: has("\\"),
    codeBlock: backtick,
    inlineCode: backtick,
    italic: star || underscore,
    bold: star,
    underline: underscore,
    strikethrough: has("~"),
    spoiler: has("|"),
    heading: has("#"),
    bulletedList: star || has("-"),
    numberedList: has("."),
    maskedLink: has("["),
  })
    .replace(/@/g, "@\u200b")
    .replace(/<(?=[@#:a])/g, "<\u200b");
}

/** Cuts text to at most `limit` characters, at a word boundary where one is near, ending in "…". */
export function truncate(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const cut = text.slice(0, limit - 1);
  const space = cut.lastIndexOf(" ");
  return `${space > limit * 0.6 ? cut.slice(0, space) : cut}…`;
}

const WORD = /[\p{L}\p{N}]+/gu;

/** Foldable form of a word, as the search matched it: lower-case without accents. */
function fold(word: string): string {
  return word.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
}

/**
 * A story text cut into the pieces `highlight` joins: each separator and word already escaped
 * (as `escapeUserText` would escape that piece alone), each word with its folded form.
 */
interface EscapedText {
  readonly separators: readonly string[];
  readonly words: readonly string[];
  readonly folded: readonly string[];
  /** The pieces joined with no word in bold, once asked for: what a quote without highlights shows. */
  joined?: string;
}

// escapeUserText runs about a dozen regular expressions per call; per word of every passage shown
// that was over half of an /ask (1.4 ms of respond() against 0.09 ms of answer()). Story texts
// repeat from answer to answer, so each is cut and escaped once. The bound keeps a corpus of
// millions of passages from holding all of them: past it the cache starts over.
const ESCAPED_CACHE_LIMIT = 20_000;
const escapedTexts = new CappedCache<string, EscapedText>(ESCAPED_CACHE_LIMIT);

/** The text cut into its words and the separators around them, each escaped. */
function escapePieces(text: string): EscapedText {
  const separators: string[] = [];
  const words: string[] = [];
  const folded: string[] = [];
  let last = 0;
  for (const match of text.matchAll(WORD)) {
    const at = match.index ?? 0;
    const word = match[0];
    separators.push(escapeUserText(text.slice(last, at)));
    words.push(escapeUserText(word));
    folded.push(fold(word));
    last = at + word.length;
  }
  separators.push(escapeUserText(text.slice(last)));
  return { separators, words, folded };
}

/**
 * Escapes story text for Discord and puts the words in `terms` in bold, staying within `limit`
 * characters (the text is shortened, never the Markdown cut in half).
 */
export function highlight(text: string, terms: readonly string[], limit: number): string {
  const wanted = new Set(terms.map(fold));
  let plain = text;
  for (;;) {
    const rendered = renderHighlighted(escapedTexts.getOrCompute(plain, escapePieces), wanted);
    if (rendered.length <= limit) return rendered;
    plain = truncate(plain, Math.max(1, plain.length - (rendered.length - limit) - 8));
  }
}

function renderHighlighted(text: EscapedText, wanted: ReadonlySet<string>): string {
  if (wanted.size === 0 && text.joined !== undefined) return text.joined;
  let out = "";
  for (let i = 0; i < text.words.length; i++) {
    const word = text.words[i] as string;
    out += text.separators[i] as string;
    out += wanted.has(text.folded[i] as string) ? `**${word}**` : word;
  }
  out += text.separators[text.words.length] as string;
  // Quotes are shown without highlights (the best sentence bold only where it says the answer), so
  // the same texts are joined again and again: kept with their pieces.
  if (wanted.size === 0) text.joined = out;
  return out;
}

/**
 * Escapes story text for Discord with one phrase of it in bold (the answer, where the sentence says
 * it), within `limit` characters; without the phrase, the text as it is.
 */
export function boldPhrase(text: string, phrase: string, limit: number): string {
  const at = phrase === "" ? -1 : text.indexOf(phrase);
  if (at < 0) return highlight(text, [], limit);
  const before = escapeUserText(text.slice(0, at));
  const bold = `**${escapeUserText(phrase)}**`;
  const after = escapeUserText(text.slice(at + phrase.length));
  const whole = `${before}${bold}${after}`;
  if (whole.length <= limit) return whole;
  // Too long: keep the bold phrase, cut what follows it, then what precedes it.
  const room = limit - before.length - bold.length;
  if (room > 1) return `${before}${bold}${truncate(after, room)}`;
  return highlight(text, [], limit);
}
