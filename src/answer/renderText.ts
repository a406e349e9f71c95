import type { AnswerType } from "../language/answerType.ts";
import { writtenRuns } from "../language/text.ts";
import { alsoRelevant, paragraphLabel, paragraphMeaning } from "./layout.ts";
import type { Answer, AnswerPhrase, AnswerResult } from "./types.ts";

// What a refusal says the story lacks, for each kind of answer a question can ask for.
const ANSWER_TYPE_NOUNS: Readonly<Record<AnswerType, string>> = {
  number: "number",
  figure: "exact figure",
  time: "time",
  duration: "length of time",
  year: "year",
  date: "date",
  age: "age",
  name: "name",
};

/**
 * Renders an answer as plain text for a terminal, in the layout /ask uses: an uncertain answer says
 * so first; then the answer phrase (when confident), the best sentence quoted with its citation,
 * and the other passages that add something, each by its best sentence. A refusal says why and
 * what to ask instead.
 */
export function renderAnswerText(
  answer: Answer,
  storyTitles: readonly string[] = [],
  phrase: AnswerPhrase | null = null,
): string {
  const best = answer.results[0];
  if (answer.outcome === "refused" || best === undefined) {
    const about =
      storyTitles.length > 0
        ? `\n${storyTitles.length > 1 ? "The stories here are about" : "The story here is about"}: ${storyTitles.join("; ")}`
        : "";
    const instead =
      (answer.suggestions ?? []).length > 0
        ? `\nTry: ${(answer.suggestions ?? []).map((q) => `"${q}"`).join(" · ")}`
        : "";
    return `Q: ${answer.question}\n${refusalText(answer, storyTitles.length)}${about}${instead}\n`;
  }
  const lines = [`Q: ${answer.question}`];
  const others = alsoRelevant(answer.results);
  // The label counts the passages shown ("the closest passage:"), not those left out.
  if (answer.outcome === "uncertain")
    lines.push(uncertainText({ ...answer, results: [best, ...others] }, storyTitles.length));
  const quote = `${quoted(best.bestSentence)} (${citationText(best, true)})`;
  if (best.missing.length > 0) {
    lines.push(
      `A: (the closest passage: it does not name ${namesAsTyped(answer.question, best.missing).join(", ")})`,
      `   ${quote}`,
    );
  } else if (phrase !== null) {
    lines.push(`A: ${phrase.text}`, `   ${quote}`);
  } else {
    lines.push(`A: ${quote}`);
  }
  if (others.length > 0) {
    lines.push("Also:");
    const manyStories = new Set(answer.results.map((r) => r.citation.story)).size > 1;
    for (const result of others) {
      const cited = manyStories ? citationText(result) : paragraphLabel(result.citation.paragraph);
      lines.push(`   ${cited}: ${result.bestSentence}`);
    }
  }
  lines.push("");
  return lines.join("\n");
}

/**
 * The label of an uncertain answer, with the reason when one is known: "The story may not answer
 * this (it gives no date for it); the closest passages:", or, when its first passage more likely
 * answers it than not (`Answer.likely`), "The story probably answers this, though not for certain:".
 */
export function uncertainText(answer: Answer, stories: number): string {
  const theStory = stories > 1 ? "The stories" : "The story";
  if (answer.likely === true)
    return `${theStory} probably ${stories > 1 ? "answer" : "answers"} this, though not for certain:`;
  const kind = answer.refusal?.kind;
  // The reason as a clause about the story already named: "it gives no date for this".
  const reason =
    kind !== undefined && kind !== "unnamed" && kind !== "off-topic"
      ? ` (${refusalText(answer, stories)
          .replace(/^The stor(?:y|ies) /u, stories > 1 ? "they " : "it ")
          .replace(/\.$/u, "")})`
      : "";
  return `${theStory} may not answer this${reason}; the closest ${answer.results.length > 1 ? "passages" : "passage"}:`;
}

/**
 * A sentence in quotation marks other than those at its own ends: "…" around most, “…” around one
 * that opens or closes a quotation of its own ("\"Tonight the people chose change,\" she said."),
 * which straight marks would double.
 */
function quoted(sentence: string): string {
  return /^["“]|["”]$/u.test(sentence) && !/^“|”$/u.test(sentence)
    ? `“${sentence}”`
    : `"${sentence}"`;
}

/**
 * The citation of a result as text: "¶3, Story title", or "¶3 = paragraph 3, Story title" when
 * `explain`; a headline is cited as such, its text being the title.
 */
export function citationText(result: AnswerResult, explain = false): string {
  const { paragraph, title } = result.citation;
  if (paragraph === 0) return paragraphLabel(paragraph);
  const label = explain ? paragraphMeaning(paragraph) : paragraphLabel(paragraph);
  return `${label}, ${title}`;
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
      return `${stories > 1 ? "No story here mentions" : "The story does not mention"} ${listed(namesAsTyped(answer.question, refusal.names))}.`;
    case "no-answer-type":
      return `${theStory} ${stories > 1 ? "give" : "gives"} no ${ANSWER_TYPE_NOUNS[refusal.type]} for this.`;
    case "unreported": {
      const who = namesAsTyped(answer.question, refusal.names).join(" ");
      return `${theStory} ${stories > 1 ? "do" : "does"} not report anything ${who} said.`;
    }
    case "left-open":
      return `${theStory} ${stories > 1 ? "say" : "says"} only that this is still open.`;
    case "no-amount":
      return `${theStory} ${stories > 1 ? "give" : "gives"} no amount for this.`;
    case "unidentified":
      return `${theStory} ${stories > 1 ? "do" : "does"} not say which ${refusal.words}.`;
    case "off-topic":
      return `${theStory} ${stories > 1 ? "don't" : "doesn't"} say.`;
  }
}

/**
 * Words of the question as the asker typed them ("China" for "china"), those side by side as one
 * name ("World Cup"), each with its "the" ("the UK").
 */
function namesAsTyped(question: string, words: readonly string[]): string[] {
  return writtenRuns(question, words).map((run) => (run.the ? `the ${run.text}` : run.text));
}

function listed(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}
