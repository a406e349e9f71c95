import type { Wording } from "../language/wording.ts";
import { askedAsToCome, clausesOf, toComeAt } from "./yesNo.ts";

/** What `pendingOutcome` reads of a question. */
export type PendingQuestion = Pick<
  Wording,
  "words" | "termSet" | "yesNo" | "speakerWords" | "phraseKind" | "asksToCome"
>;

// Words asking what has happened: "What did the judge decide…?", "What was decided…?", "…end up".
const PAST = new Set(["did", "was", "were", "ended"]);
// How a yes/no question asking what happened begins; words that ask whether it has happened by
// now, which a "will" answers no.
const PAST_START = new Set(["did", "was", "were"]);
const STILL = new Set(["yet", "already", "still", "ever"]);
/**
 * True when the question asks what happened ("What did the judge decide on the motion to
 * dismiss?") and a clause of the sentence holding at least half of its words tells it as still to
 * happen ("A judge is scheduled to hear Lumenfold's motion to dismiss the case on Nov. 19."): the
 * story leaves it open. A yes/no question too when it asks in the past ("Did Judge Prewitt approve
 * the financing at the Wednesday hearing?" of "…who is expected to rule on access to the new
 * financing") and some of its words follow the word telling it as to come: not "Has Veridian
 * picked its contractor yet?", which such a clause answers no, nor "Did Keresi concede defeat?" of
 * "Keresi conceded defeat and said he would…". Not for what someone said, or why and how, whose
 * answer may well be a "would".
 */
export function pendingOutcome(question: PendingQuestion, sentence: string): boolean {
  if (question.speakerWords !== null) return false;
  if (question.yesNo) {
    if (!PAST_START.has(question.words[0] ?? "") || question.words.some((w) => STILL.has(w)))
      return false;
  } else if (question.phraseKind === null) return false;
  if (!question.words.some((w) => PAST.has(w)) || question.asksToCome) {
    return false;
  }
  return clausesOf(sentence).some((clause) => {
    const held = new Set(clause.terms.filter((t) => t !== null && question.termSet.has(t)));
    if (held.size * 2 < question.termSet.size) return false;
    return question.yesNo ? askedAsToCome(question.termSet, clause) : toComeAt(clause.words) >= 0;
  });
}
