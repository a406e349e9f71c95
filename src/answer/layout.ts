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

/** What "¶3" means, said where a reader first meets it: "¶3 = paragraph 3"; nothing for the headline. */
export function paragraphMeaning(paragraph: number): string {
  return paragraph > 0 ? `¶${paragraph} = paragraph ${paragraph}` : "";
}
