import { TELLING } from "../search/analysis.ts";
import { CONFIDENCE_MODEL, confidenceOf } from "./confidence.ts";
import type { Examination } from "./examine.ts";
import type { Outcome, Refusal } from "./types.ts";
import { isRelated, RELATED_MODEL } from "./unrelated.ts";

/**
 * The answer confidence from which a yes or no shown answers the question: read from its sentence
 * with confidence enough to be shown, it settles the question when the passage is at least a fair
 * match, and "The story may not answer this" over a bold Yes says two things at once. Chosen on
 * the choose split (2026-12-06, worth each story alone / one corpus: without it 165 / 106, from 0
 * 168 / 86, 0.3 170 / 108, 0.4 166 / 104).
 */
export const SETTLED_FLOOR = 0.3;

/**
 * The answer confidence from which a question asking what someone said is answered when the first
 * passage shown reports them speaking: their words are the answer, and what keeps such questions
 * low is the extractor finding no phrase in them ("What did Catherine Vail say about the
 * decision?" at 0.48). Chosen on the choose split where the fit split and the shipped sets gain
 * too (2026-12-06; worth each story alone plus one corpus, choose / fit / shipped: 0.3 +1 / +18 /
 * +2, 0.2 +4 / +28 / +2, 0.1 +9 / +24 / −2). Blind, at 0.2: outside22 answered and right 64.4% →
 * 65.0% alone and 51.0% → 52.9% in one corpus, none more wrong or out of scope.
 */
export const QUOTED_FLOOR = 0.2;

/**
 * The confidence from which an uncertain answer says the story probably answers the question,
 * where no reason is known against it: the confidence is the calibrated chance that the passage
 * quoted first is right, so from 0.5 right is likelier than not. On the news test bed's choose
 * split (2026-12-07, answered from 0.75; `npm run eval -- news`, out-of-scope questions counted),
 * 71 of 100 such answers quoted a right passage first each story alone and 82 of 117 with every
 * story in one corpus, against 112 of 261 and 117 of 339 of the other uncertain answers.
 */
export const LIKELY = 0.5;

/**
 * How likely the unrelated model must find a question about the stories at all for it to be
 * answered, or its answer called likely: likelier than not, as `LIKELY` asks of the answer. Below
 * it, from the unrelated model's own threshold (0.154, which refuses few questions about a story),
 * a question is answered uncertain. Chosen on the fit split (2026-12-07), each story alone / one
 * corpus, questions of the unrelated sets called likely: at 0.154 30 / 42 of 1,900, at 0.3 16 /
 * 29, at 0.5 8 / 11, at 0.7 5 / 8 (likely answers right first 65.5% / 67.0% → 70.4% / 73.1%, their
 * share of in-scope questions 11.5% / 15.4% → 11.2% / 15.2%); answered at 0.5: 15 / 14 → 8 / 7,
 * and 1 / 0 fewer of 2,040 in scope answered right. On choose, read after: likely 8 / 9 → 4 / 3 of
 * 528, right first 71.0% / 70.1% → 73.7% / 73.9%; answered 7 / 5 → 3 / 4, in scope right 1 / 1
 * fewer. The shipped story's sets lose 6 of 240 right answers, typed keywords and vague chat
 * ("hegset directive", "i dont get it, is the administration trying to make peace or not").
 */
export const LIKELY_RELATED = 0.5;

/**
 * What settles a question in the reply, besides the confidence: a yes or no shown ("yes or no"),
 * or the words of the speaker asked about, quoted ("quoted"); null when neither.
 */
export type Settled = "yes or no" | "quoted" | null;

/**
 * The outcome of a question from the model's confidence, how likely it is about the stories at
 * all, and the kind of stated reason, if any: a name no story names is refused whatever the
 * confidence (on SQuAD tune, 46 of the 3,287 questions it refused were asked of their own
 * article), as are an answer the model gives little chance and a question the unrelated model
 * finds about something else; a stated reason, or a first passage holding no word of the question
 * that tells something (`telling` false: "who made you" was answered from a passage saying
 * "made"), or a question the unrelated model finds likelier about something else
 * (`likelyRelated`, at `LIKELY_RELATED`), makes an answer uncertain at most. A yes or no shown
 * answers from `SETTLED_FLOOR`, the words of the speaker asked about from `QUOTED_FLOOR`
 * (`settled`).
 */
export function decide(
  confidence: number,
  reason: Refusal["kind"] | null,
  related: () => boolean = () => true,
  settled: Settled = null,
  telling = true,
  likelyRelated: () => boolean = () => true,
): Outcome {
  const { answered, refused } = CONFIDENCE_MODEL.thresholds;
  // Relatedness last: a question refused already needs no subject or alignment worked out.
  if (reason === "unnamed" || confidence < refused || !related()) return "refused";
  const floor =
    settled === "yes or no" ? SETTLED_FLOOR : settled === "quoted" ? QUOTED_FLOOR : answered;
  const from = Math.min(answered, floor);
  return confidence >= from && reason === null && telling && likelyRelated()
    ? "answered"
    : "uncertain";
}

/**
 * The model's confidence in what was found, and the outcome it, relatedness, the stated reason
 * and what settles the question in the reply (`settled`) decide.
 */
export function judge(
  found: Pick<Examination, "evidence" | "shape" | "topic" | "alignment" | "reason">,
  settled: Settled = null,
): {
  confidence: number;
  outcome: Outcome;
  /** Uncertain, yet from `LIKELY`, with no reason stated, a telling word held and `LIKELY_RELATED` met. */
  likely: boolean;
} {
  const confidence = confidenceOf(found.evidence, found.shape);
  const related = () => isRelated(found.evidence, found.shape, found.topic, found.alignment);
  let likelyRelated: boolean | undefined;
  const relatedEnough = () => {
    likelyRelated ??= isRelated(
      found.evidence,
      found.shape,
      found.topic,
      found.alignment,
      RELATED_MODEL,
      LIKELY_RELATED,
    );
    return likelyRelated;
  };
  const telling = found.evidence.rarestHeld >= TELLING;
  const reason = found.reason?.kind ?? null;
  const outcome = decide(confidence, reason, related, settled, telling, relatedEnough);
  const likely =
    outcome === "uncertain" &&
    confidence >= LIKELY &&
    reason === null &&
    telling &&
    relatedEnough();
  return { confidence, outcome, likely };
}
