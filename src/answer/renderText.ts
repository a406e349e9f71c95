import type { AnswerType } from "../language/answerType.ts";
import { writtenForms } from "../language/text.ts";
import type { Answer, AnswerResult } from "./answer.ts";

// What a refusal says the story lacks, for each kind of answer a question can ask for.
const ANSWER_TYPE_NOUNS: Readonly<Record<AnswerType, string>> = {
  number: "number",
  figure: "exact figure",
  time: "time",
  duration: "length of time",
  year: "year",
  date: "date",
};

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
    return `Q: ${answer.question}\n${refusalText(answer, storyTitles.length)}${about}\n`;
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

/**
 * One sentence on why the question was refused, naming what it named as it was typed: "No story
 * here mentions China.", "The story gives no date for this."
 */
export function refusalText(answer: Answer, stories: number): string {
  const refusal = answer.refusal ?? { kind: "off-topic" };
  const theStory = stories > 1 ? "The stories" : "The story";
  switch (refusal.kind) {
    case "unnamed":
      return `No story here mentions ${listed(refusal.names.map((w) => asTyped(answer.question, w)))}.`;
    case "no-answer-type":
      return `${theStory} ${stories > 1 ? "give" : "gives"} no ${ANSWER_TYPE_NOUNS[refusal.type]} for this.`;
    case "unreported": {
      const who = refusal.names.map((w) => asTyped(answer.question, w)).join(" ");
      return `${theStory} ${stories > 1 ? "do" : "does"} not report anything ${who} said.`;
    }
    case "off-topic":
      return `${theStory} ${stories > 1 ? "don't" : "doesn't"} say.`;
  }
}

/** A word of the question as the asker typed it ("China" for "china"). */
function asTyped(question: string, word: string): string {
  return writtenForms(question, word)[0] ?? word;
}

function listed(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}
