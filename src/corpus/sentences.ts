const segmenter = new Intl.Segmenter("en", { granularity: "sentence" });

/** A piece of a text, from `start` up to (not including) `end`. */
export type Span = readonly [start: number, end: number];

/** Splits text into trimmed sentences with Unicode sentence segmentation (Intl.Segmenter). */
export function splitSentences(text: string): string[] {
  return sentenceSpans(text).map(([start, end]) => text.slice(start, end));
}

/** Where each sentence of `text` lies, without the white space around it, in order. */
export function sentenceSpans(text: string): Span[] {
  const spans: Span[] = [];
  for (const { segment, index } of segmenter.segment(text)) {
    let start = index;
    let end = index + segment.length;
    while (start < end && isSpace(text.charAt(start))) start++;
    while (end > start && isSpace(text.charAt(end - 1))) end--;
    if (end > start) spans.push([start, end]);
  }
  return spans;
}

/** True for the characters `String.prototype.trim` removes. */
export function isSpace(char: string): boolean {
  return /\s/.test(char);
}
