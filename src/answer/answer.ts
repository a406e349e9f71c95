import { holdsAnswerType } from "../language/answerType.ts";
import type { GistNamed } from "../language/wording.ts";
import { TELLING } from "../search/analysis.ts";
import type { SearchIndex } from "../search/index.ts";
import { type Examination, searchOptions, weighRating } from "./examine.ts";
import { namedInStory } from "./namedInStory.ts";
import { judge } from "./outcome.ts";
import { findPhrases } from "./phrases.ts";
import { checkQuestion, type Question, readQuestion } from "./question.ts";
import { rateHits } from "./rate.ts";
import { shownOrder, WEIGHED_FOR_SHOWING } from "./reorder.ts";
import { toResult } from "./results.ts";
import { storiesNamed } from "./storyNamed.ts";
import { suggestedStory, suggestQuestions } from "./suggest.ts";
import { summarize } from "./summary.ts";
import {
  type Answer,
  type AnswerOptions,
  type AnswerPhrase,
  type AnswerResult,
  QuestionError,
  type Refusal,
} from "./types.ts";
import { leftOpen } from "./yesNo.ts";

/**
 * Answers a question from the index: the best passages, each with its best sentence and citation,
 * with how confident the bot is that they answer it and, from that, the outcome. The question is
 * its text, or one read already with `readQuestion`.
 *
 * @throws QuestionError when the question is empty or too long.
 */
export function answer(
  index: SearchIndex,
  question: string | Question,
  options: AnswerOptions = {},
): Answer {
  const asked = typeof question === "string" ? readChecked(index, question) : question;
  const top = options.top ?? 3;
  const offset = options.offset ?? 0;
  if (asked.summary) return summarize(index, asked.text, top, offset, options.story);
  // "recap the corvane story" asks for the gist of the story it names.
  const gistOf =
    asked.gistOf === null ? [] : options.story ? [options.story] : namedGist(index, asked.gistOf);
  if (gistOf.length > 0) return summarize(index, asked.text, top, offset, gistOf);
  // The stages in turn, each handed the question read once: search, rate, show, find the phrases,
  // weigh and judge. What is shown is worked out before the outcome, since the evidence weighs the
  // phrase the first hit offers, except when a refusal is certain already.
  // Object.assign and each field named below, not spreads followed by more properties: see
  // `readQuestion` (question.ts).
  // The evidence weighs the hits it was fitted on; the shown order chooses among a few more.
  const searchFor = searchOptions(Object.assign({}, options, { top: top + offset }));
  const searched = index.search(
    asked,
    Object.assign({}, searchFor, { limit: Math.max(searchFor.limit, WEIGHED_FOR_SHOWING) }),
  );
  const { margins } = searched;
  const hits = searched.hits.slice(0, searchFor.limit);
  const order = shownOrder(asked, searched);
  const rating = rateHits(asked, hits, order.hits, WEIGHED_FOR_SHOWING);
  const shown = rating.shown.slice(offset, offset + top).filter((r) => r.coverage > 0);
  // Passages that share nothing with the question (found by meaning alone) are no answer to show,
  // and a name no story names is refused whatever the confidence (see `decide`).
  const nothingShown = shown.length === 0 && offset === 0;
  const refused = nothingShown || rating.unnamed.length > 0;
  // A name the passage lacks but its story names elsewhere is no name the story lacks: a member
  // reads on (the next passage shown, or /passage).
  const results = refused
    ? []
    : shown.map((r) =>
        toResult(asked.terms, {
          hit: r.hit,
          missing: r.missing.filter((word) => !namedInStory(index, r.hit.story.slug, word)),
        }),
      );
  const phrases = findPhrases(asked, rating.rated[0]?.hit.passage, results[0], margins);
  // The stated reason reads the sentence the reply will quote first, which its span may move, and
  // the one it would quote without it.
  const quoted = quotingPhrase(results, phrases.shown ?? quotableSpan(asked, phrases.read));
  const weighed = weighRating(asked, rating, phrases.first, quoted, results[0]?.bestSentence);
  // The phrase is shown on its answer confidence (`answerConfidence`, extract.ts), whatever the
  // outcome's label (never when refused).
  // No yes or no is shown where the story leaves the question open, by the sentence quoted first
  // (the stated reason) or by the one the yes/no reader settled on, which need not be the sentence
  // quoted, nor from a passage only the extractor's confidence put first (`ShownOrder.readFirst`);
  // no phrase either where it tells what was asked as still to happen (`pendingOutcome`) or leaves
  // what a "which" question asks about unidentified.
  // The evidence still weighs the reading (`phrases.first`), as the confidence was fitted on it.
  const offered = phrases.shown;
  const open =
    offered !== null &&
    (PHRASE_HIDDEN_BY.has(weighed.reason?.kind ?? "off-topic") ||
      (asked.yesNo && leftOpen(asked, offered.sentence)));
  const readFirst = order.readFirst !== null && results[0]?.id === order.readFirst.id;
  // What someone said is the quote, not a span of it: of the news test bed's fit and choose
  // questions asking it (131), the six whose span was shown were all wrong ("What did Vandrell say
  // in his resignation letter?" → "Prime Minister Katrin Aslund"). Asked of someone no name says
  // ("What did the mayor say about the plan?" showed the mayor's name), the same holds unless a
  // number or a time of it is asked.
  const quoteAsked =
    offered?.kind === "span" &&
    asked.speakerWords !== null &&
    (asked.speaker !== null || asked.expected === null);
  const phrase = open || readFirst || quoteAsked ? null : offered;
  const found = withoutContradiction(weighed, phrase);
  // What someone said is settled by a first passage reporting them speaking, unless it is asked
  // yes or no ("Did the Kremlin comment on…?"), which its yes or no settles.
  const speakerQuoted = asked.speaker !== null && !asked.yesNo && rating.shown[0]?.reports === true;
  const {
    confidence,
    outcome: judged,
    likely,
  } = judge(
    found,
    phrase?.kind === "yes" || phrase?.kind === "no" ? "yes or no" : speakerQuoted ? "quoted" : null,
  );
  const outcome = nothingShown ? "refused" : judged;
  const answered = outcome === "answered";
  if (outcome === "refused") {
    return {
      question: asked.text,
      outcome,
      answered,
      confidence,
      results: [],
      refusal: found.reason ?? { kind: "off-topic" },
      suggestions: suggestQuestions(
        index,
        suggestedStory(index, found, options.story),
        options.story !== undefined,
      ),
    };
  }
  return {
    question: asked.text,
    outcome,
    answered,
    confidence,
    results: quotingPhrase(results, phrase ?? quotableSpan(asked, phrases.read)),
    ...(found.reason === null ? {} : { refusal: found.reason }),
    ...(phrase === null ? {} : { phrase }),
    // A passage that lacks a name the question asks about is the closest one, not a likely answer.
    ...(likely && results[0]?.missing.length === 0 ? { likely: true } : {}),
  };
}

// Reasons that say the passage shown does not hold what was asked, so a phrase read from it would
// answer something else: an outcome still to come, a thing it does not identify, a sum it does not give.
const PHRASE_HIDDEN_BY: ReadonlySet<Refusal["kind"]> = new Set([
  "left-open",
  "unidentified",
  "no-amount",
]);

/**
 * The examination without a stated reason that the phrase shown contradicts: "it gives no number
 * for this" is read on the passages covering the question, and the first passage, covering less,
 * may still give the number its bold phrase shows ("1,842" for "How many patients were in the
 * clinical trial?"). The reason then decides nothing: the confidence does.
 */
function withoutContradiction(found: Examination, phrase: AnswerPhrase | null): Examination {
  const reason = found.reason;
  if (reason?.kind !== "no-answer-type" || phrase?.kind !== "span") return found;
  if (!holdsAnswerType(phrase.text, reason.type)) return found;
  return Object.assign({}, found, { reason: null });
}

/**
 * The span read of the best passage shown, too unsure to show in bold, when its sentence may be
 * quoted instead of the best one (`quotingPhrase`): not for a question asking what someone said,
 * named or not ("What did the fire investigator say about possible causes?"), whose quote is the
 * words said.
 */
function quotableSpan(asked: Question, read: AnswerPhrase | null): AnswerPhrase | null {
  return read?.kind === "span" && asked.speakerWords === null ? read : null;
}

/**
 * The results with the first quoting the sentence its span was read from, when its best sentence
 * lacks the span ("Sgt. Curtis Bell", read from the sentence after the one that names the
 * deputies' association): the bold answer then stands in the quote it comes from. A span too
 * unsure to show in bold moves the quote too: the sentence sharing most of the question's words
 * often only names the subject ("Who runs the instructors' advocacy organization?" quoted "The
 * alliance said it would organize teachers…", not the sentence naming its president). Of the fit
 * and choose stories' factoid questions whose first passage shown is right and holds the answer
 * (about 1,150, each story alone), the quote held it for 1,007 when only a span shown moved it, and
 * for 1,078 since 2026-12-06; "How old is Vandrell?" now quotes "Vandrell, 58, …". Of the 1,009
 * questions there asking no span, 19 quoted another sentence when read one by one, about as often
 * better as worse (`quotableSpan` keeps what someone said out).
 */
function quotingPhrase(
  results: readonly AnswerResult[],
  phrase: AnswerPhrase | null,
): readonly AnswerResult[] {
  const [first, ...rest] = results;
  if (first === undefined || phrase?.kind !== "span") return results;
  if (first.bestSentence.includes(phrase.text) || !first.text.includes(phrase.sentence))
    return results;
  return [Object.assign({}, first, { bestSentence: phrase.sentence }), ...rest];
}

/**
 * The stories a request for its gist names, none when its words tell nothing or name none; not
 * called a story ("what's going on in reno"), they must name its title ("what happened to the talks"
 * asks about the talks).
 */
function namedGist(index: SearchIndex, { words, called }: GistNamed): string[] {
  // Not called a story, every word must be its title's: "what happened to Apollo 13" asks about
  // Apollo 13, not the gist of "Apollo program".
  // Called a story, its telling words name it, or all of them when none tells much ("the car one").
  const telling = words.filter((w) => index.analyzer.informativeness(w) >= TELLING);
  const naming = called && telling.length > 0 ? telling : words;
  if (naming.length === 0) return [];
  return storiesNamed(index, naming, { inTitle: !called }).map((story) => story.slug);
}

/** Checks and reads a question's text. */
function readChecked(index: SearchIndex, text: string): Question {
  const check = checkQuestion(text);
  if (!check.ok) throw new QuestionError(check.message);
  return readQuestion(index, check.text);
}
