import type { Passage } from "../corpus/types.ts";
import type { AnswerResult } from "./types.ts";

// A further passage is shown when it scores at least this share of the best one. On the shipped
// story's common questions the passages that also answer score 0.7–1.0 of the best; a passage
// matched on one shared word (¶7, "directive", for "Who issued the directive?") 0.4 or less.
const RELATED_SHARE = 0.6;

/**
 * The passages after the best that add something to it, in order: not the best's paragraph again,
 * not the headline of the story the best one cites (its title is in that citation), and not far
 * below its score.
 */
export function alsoRelevant(results: readonly AnswerResult[]): AnswerResult[] {
  const [best, ...rest] = results;
  if (best === undefined) return [];
  return rest.filter(
    (r) =>
      r.score >= RELATED_SHARE * best.score &&
      !(
        r.citation.story === best.citation.story &&
        (r.citation.paragraph === best.citation.paragraph || r.citation.paragraph === 0)
      ),
  );
}

/**
 * The passages a reply's first page quotes: the best, then those that add something to it
 * (`alsoRelevant`); the others wait behind More passages. The evals count what is shown by it.
 */
export function quotedFirst(results: readonly AnswerResult[]): AnswerResult[] {
  const [best] = results;
  return best === undefined ? [] : [best, ...alsoRelevant(results)];
}

/** The label a reader cites a passage by: "¶3", or "headline" for paragraph 0. */
export function paragraphLabel(paragraph: number): string {
  return paragraph === 0 ? "headline" : `¶${paragraph}`;
}

/** The label a reader cites a run of paragraphs by: "¶2–¶4". */
export function paragraphRunLabel(first: number, last: number): string {
  return `¶${first}–¶${last}`;
}

/** What "¶3" means, said where a reader first meets it: "¶3 = paragraph 3"; nothing for the headline. */
export function paragraphMeaning(paragraph: number): string {
  return paragraph > 0 ? `¶${paragraph} = paragraph ${paragraph}` : "";
}

/** Whole paragraphs as a reader cites them: "¶3" or "¶2–¶4", what that means, and each one's text. */
export interface WholeParagraphs {
  readonly label: string;
  readonly meaning: string;
  readonly paragraphs: readonly { readonly paragraph: number; readonly text: string }[];
}

/** The whole paragraphs a story's passages make, in order, each split paragraph's parts joined. */
export function wholeParagraphs(parts: readonly Passage[]): WholeParagraphs {
  const paragraphs: { paragraph: number; text: string }[] = [];
  for (const part of parts) {
    const last = paragraphs.at(-1);
    if (last?.paragraph === part.paragraph) last.text = `${last.text} ${part.text}`;
    else paragraphs.push({ paragraph: part.paragraph, text: part.text });
  }
  const first = paragraphs[0]?.paragraph ?? 0;
  const final = paragraphs.at(-1)?.paragraph ?? first;
  if (first === final) {
    return { label: paragraphLabel(first), meaning: paragraphMeaning(first), paragraphs };
  }
  const label = paragraphRunLabel(first, final);
  return { label, meaning: `${label} = paragraphs ${first} to ${final}`, paragraphs };
}
