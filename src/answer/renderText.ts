import type { Answer, AnswerResult } from "./answer.ts";

/** The label a reader cites a passage by: "¶3", or "headline" for paragraph 0. */
export function paragraphLabel(paragraph: number): string {
  return paragraph === 0 ? "headline" : `¶${paragraph}`;
}

/** Renders an answer as plain text for a terminal: the best sentence, then each passage with its citation. */
export function renderAnswerText(answer: Answer, storyTitles: readonly string[] = []): string {
  const best = answer.results[0];
  if (!answer.answered || best === undefined) {
    const about =
      storyTitles.length > 0 ? `\nThe stories here are about: ${storyTitles.join("; ")}` : "";
    return `Q: ${answer.question}\nThe story doesn't say.${about}\n`;
  }
  const lines = [`Q: ${answer.question}`, `A: ${best.bestSentence} (${citationText(best)})`];
  if (best.missing.length > 0)
    lines.push(`   (the closest passage: it does not name ${best.missing.join(", ")})`);
  lines.push("");
  answer.results.forEach((result, i) => {
    lines.push(`${i + 1}. ${citationText(result)} [${result.id}]`, `   ${result.text}`, "");
  });
  return lines.join("\n");
}

/** The citation of a result as text: "¶3, Story title". */
export function citationText(result: AnswerResult): string {
  return `${paragraphLabel(result.citation.paragraph)}, ${result.citation.title}`;
}
