const segmenter = new Intl.Segmenter("en", { granularity: "sentence" });

/** Splits text into trimmed sentences with Unicode sentence segmentation (Intl.Segmenter). */
export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  for (const { segment } of segmenter.segment(text)) {
    const sentence = segment.trim();
    if (sentence !== "") sentences.push(sentence);
  }
  return sentences;
}
