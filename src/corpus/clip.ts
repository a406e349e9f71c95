/** Longest story title (and source, and date) kept, in UTF-16 code units; a headline is a line, not a paragraph. */
export const MAX_TITLE_CHARS = 200;

/**
 * Longest front-matter url accepted, in UTF-16 code units. A url cannot be cut short like a title
 * (it would lead elsewhere), and each citation carries it, so a longer one is refused with its
 * story; news links are well under this.
 */
export const MAX_URL_CHARS = 500;

/**
 * Text of at most `limit` characters: itself when it fits, else cut at the last white space in
 * the second half of the limit (or, in one long word, at the limit) and ended with "…". A surrogate
 * pair (an emoji) is never cut in two.
 *
 * @example clipAtWord("The quick brown fox", 12) // "The quick…"
 */
export function clipAtWord(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const room = limit - 1;
  let cut = room;
  for (let at = room; at > room / 2; at--) {
    if (/\s/.test(text.charAt(at))) {
      cut = at;
      break;
    }
  }
  const code = text.charCodeAt(cut);
  if (code >= 0xdc00 && code <= 0xdfff) cut--;
  return `${text.slice(0, cut).trimEnd()}…`;
}
