const segmenter = new Intl.Segmenter("en", { granularity: "sentence" });

/**
 * Longest piece of text given to the segmenter at once. Intl.Segmenter slows down with both the
 * length of its text and the number of sentences in it: 8,000 sentences in one 184 kB paragraph
 * took 24.6 s, and 20,000 "!a" 1.2 s; in windows of this size they take well under a second.
 */
const WINDOW_CHARS = 2000;

/** Texts up to this long (any real paragraph: SQuAD's longest is under 4,000) are segmented whole. */
const WHOLE_CHARS = 10_000;

/** A piece of a text, from `start` up to (not including) `end`. */
export type Span = readonly [start: number, end: number];

/** Splits text into trimmed sentences with Unicode sentence segmentation (Intl.Segmenter). */
export function splitSentences(text: string): string[] {
  return sentenceSpans(text).map(([start, end]) => text.slice(start, end));
}

/**
 * Where each sentence of `text` lies, without the white space around it, in order. A text longer
 * than 10,000 characters is segmented in windows of 2,000 that end after a sentence's final punctuation
 * where one is near, else at a space (and the sentence is then joined across the two windows).
 */
export function sentenceSpans(text: string): Span[] {
  const spans: Span[] = [];
  let continues = false;
  for (let from = 0; from < text.length; ) {
    const { end: to, atSentence } = windowEnd(text, from);
    for (const { segment, index } of segmenter.segment(text.slice(from, to))) {
      let start = from + index;
      let end = start + segment.length;
      while (start < end && isSpace(text.charAt(start))) start++;
      while (end > start && isSpace(text.charAt(end - 1))) end--;
      if (end === start) continue;
      const last = spans.at(-1);
      // The window before ended inside this sentence: the two pieces are one sentence.
      if (continues && last !== undefined) spans[spans.length - 1] = [last[0], end];
      else spans.push([start, end]);
      continues = false;
    }
    continues = !atSentence;
    from = to;
  }
  return spans;
}

/** True for the characters `String.prototype.trim` removes. */
export function isSpace(char: string): boolean {
  return /\s/.test(char);
}

function windowEnd(text: string, from: number): { end: number; atSentence: boolean } {
  const limit = from + WINDOW_CHARS;
  if (limit >= text.length || text.length <= WHOLE_CHARS) {
    return { end: text.length, atSentence: true };
  }
  const half = from + WINDOW_CHARS / 2;
  for (let at = limit - 1; at > half; at--) {
    if (!isSpace(text.charAt(at))) continue;
    let before = at - 1;
    while (before > half && CLOSERS.includes(text.charAt(before))) before--;
    if (TERMINATORS.includes(text.charAt(before))) return { end: at, atSentence: true };
  }
  const space = text.lastIndexOf(" ", limit);
  if (space > half) return { end: space, atSentence: false };
  // No space at all: cut anywhere but inside a surrogate pair.
  const code = text.charCodeAt(limit);
  return { end: code >= 0xdc00 && code <= 0xdfff ? limit - 1 : limit, atSentence: false };
}

const TERMINATORS = ".!?…";
const CLOSERS = `"')]”’`;
