import type { Wording } from "../language/wording.ts";
import { askedAsToCome, BEING, clausesOf, type SentenceWords, toComeAt } from "./yesNo.ts";

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
// Words telling, after a form of "be" or "have", that what leads to an outcome is under way: "an
// investigation had begun", "a separate review … was continuing"; not "the ongoing conflict".
const UNDER_WAY = new Set(["continuing", "ongoing", "underway", "begun"]);
const AUXILIARY = new Set([...BEING, "has", "have", "had"]);
/**
 * True when the question asks what happened ("What did the judge decide on the motion to
 * dismiss?") and a clause of the sentence holding at least half of its words tells it as still to
 * happen ("A judge is scheduled to hear Lumenfold's motion to dismiss the case on Nov. 19."): the
 * story leaves it open. A yes/no question too when it asks in the past ("Did Judge Prewitt approve
 * the financing at the Wednesday hearing?" of "…who is expected to rule on access to the new
 * financing") and some of its words follow the word telling it as to come: not "Has Veridian
 * picked its contractor yet?", which such a clause answers no, nor "Did Keresi concede defeat?" of
 * "Keresi conceded defeat and said he would…". Not for what someone said, or why and how, whose
 * answer may well be a "would". A question asking what was done ("What did the 2nd Circuit end up
 * ruling?") is left open by any clause holding one of its words that tells it as to come or under
 * way ("…gave no indication of when it would rule", "…saying an investigation had begun").
 */
export function pendingOutcome(question: PendingQuestion, sentence: string): boolean {
  if (question.speakerWords !== null) return false;
  if (
    asksWhatWasDone(question) &&
    clausesOf(sentence).some((clause, i, all) =>
      toComeOrUnderWay(question, clause, i > 0 && opensWithVerb(clause) ? all[0] : undefined),
    )
  )
    return true;
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

/** True for a question asking what was done: "What did the court decide…?", "What did it find?". */
function asksWhatWasDone(question: PendingQuestion): boolean {
  return !question.yesNo && question.words[0] === "what" && question.words.includes("did");
}

/**
 * True when a clause tells of something to come or under way and it, or the subject it goes on
 * from, holds one of the question's words.
 */
function toComeOrUnderWay(
  question: PendingQuestion,
  clause: SentenceWords,
  subject: SentenceWords | undefined,
): boolean {
  const told =
    toComeAt(clause.words) >= 0 ||
    clause.words.some((w, i) => UNDER_WAY.has(w) && AUXILIARY.has(clause.words[i - 1] ?? ""));
  const holds = (c: SentenceWords) => c.terms.some((t) => t !== null && question.termSet.has(t));
  return told && (holds(clause) || (subject !== undefined && holds(subject)));
}

/**
 * True when a clause opens with a form of "be" or "have": the sentence's own verb after an aside
 * ("An independent review of the late cellphone alert, which Runyon requested in July, is expected
 * by the end of October"), whose subject is the sentence's first clause.
 */
function opensWithVerb(clause: SentenceWords): boolean {
  return AUXILIARY.has(clause.words[0] ?? "");
}
