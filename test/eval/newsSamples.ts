/**
 * The news test bed's questions as the confidence model sees them: each asked of its own story
 * alone and of every story in one corpus, in-scope ones also with their paragraphs left out (a near
 * miss), with what a member would have been shown.
 */
import { join } from "node:path";
import { confidenceVector } from "../../src/answer/confidence.ts";
import { type Examination, examine, weighHits } from "../../src/answer/examine.ts";
import { newsSubjectVector } from "../../src/answer/newsSubject.ts";
import { checkQuestion, readQuestion } from "../../src/answer/question.ts";
import type { Refusal } from "../../src/answer/types.ts";
import { relatedVector } from "../../src/answer/unrelated.ts";
import { loadCorpus } from "../../src/corpus/load.ts";
import type { Story } from "../../src/corpus/types.ts";
import { defaultLexicon } from "../../src/language/lexicon.ts";
import { subjectOf } from "../../src/language/subject.ts";
import { readWording } from "../../src/language/wording.ts";
import { SearchIndex } from "../../src/search/index.ts";
import type { ChooseSample, FitFold, Sample } from "./calibration.ts";
import { answersAt, goldOf, loadNews, type NewsQuestion, type NewsStory } from "./newsData.ts";
import { loadShippedQuestions } from "./shippedSets.ts";

/** How a news question was asked. */
export type NewsAsking = "alone" | "pooled" | "near miss";

/** One news question asked one way: its evidence and what a member would see. */
export interface NewsSample {
  readonly x: readonly number[];
  /** The unrelated model's features (`relatedVector`), its news subject by the committed model. */
  readonly related: readonly number[];
  /** The question's subject as the news-subject model reads it (`newsSubjectVector`). */
  readonly subject: readonly number[];
  /** 1 when the first passage shown is a right one. */
  readonly label: 0 | 1;
  readonly asked: NewsAsking;
  readonly question: NewsQuestion;
  readonly story: string;
  /** A right passage is among the (up to three) shown. */
  readonly shown: boolean;
  /** Some passage would be shown: one shares a word with the question. */
  readonly any: boolean;
  readonly reason: Refusal["kind"] | null;
}

/** Folds the fit stories are rated in out of fold (the answered and unrelated thresholds). */
export const FOLDS = 6;

/** Each story's fold, 0 to FOLDS − 1: every FOLDS-th story in the order first asked. */
export function storyFolds(asked: readonly Pick<NewsSample, "story">[]): Map<string, number> {
  const stories = [...new Set(asked.map((s) => s.story))];
  return new Map(stories.map((story, i) => [story, i % FOLDS]));
}

// Hits searched: a near miss leaves out the right paragraph's passages, and three must remain.
const DEPTH = 6;

/**
 * Samples of the given stories' questions (summary requests, answered apart, left out), asked of
 * each story alone, of `pool` (every story in one corpus), and, in scope, as a near miss.
 */
export function newsSamplesOf(stories: readonly NewsStory[], pool: readonly Story[]): NewsSample[] {
  const pooled = SearchIndex.build(pool);
  const out: NewsSample[] = [];
  for (const { story, questions } of stories) {
    const alone = SearchIndex.build([story]);
    for (const q of questions) {
      const check = checkQuestion(q.question);
      if (!check.ok) continue;
      // As topicOf reads it, from the question's words.
      const { words } = readWording(check.text);
      const subject = newsSubjectVector(subjectOf(words, defaultLexicon()), words);
      for (const [asked, index] of [
        ["alone", alone],
        ["pooled", pooled],
      ] as const) {
        // Its pair's other story answers it too where that story is loaded: in `pool` only.
        const gold = goldOf(index, story.slug, q);
        const right = (id: string, storySlug: string, paragraph: number) =>
          id !== "" && answersAt(gold, storySlug, paragraph);
        const question = readQuestion(index, check.text);
        if (question.summary) continue;
        const found = examine(index, question, { top: DEPTH });
        out.push(sampleOf(found, q, story.slug, asked, right, subject));
        if (asked === "alone" && q.paragraphs.length > 0) {
          const elsewhere = found.rated
            .map((r) => r.hit)
            .filter((hit) => !right(hit.passage.id, hit.passage.story, hit.passage.paragraph));
          out.push(
            sampleOf(weighHits(question, elsewhere), q, story.slug, "near miss", right, subject),
          );
        }
      }
    }
  }
  return out;
}

function sampleOf(
  found: Examination,
  question: NewsQuestion,
  story: string,
  asked: NewsAsking,
  right: (id: string, story: string, paragraph: number) => boolean,
  subject: readonly number[],
): NewsSample {
  const shown = found.ranked.slice(0, 3).filter((r) => r.coverage > 0);
  const isRight = (r: (typeof shown)[number]) =>
    asked !== "near miss" && right(r.hit.passage.id, r.hit.passage.story, r.hit.passage.paragraph);
  const first = shown[0];
  return {
    x: confidenceVector(found.evidence, found.shape),
    related: relatedVector(found.evidence, found.shape, found.topic(), found.alignment()),
    subject,
    label: first !== undefined && isRight(first) ? 1 : 0,
    asked,
    question,
    story,
    shown: shown.some(isRight),
    any: shown.length > 0,
    reason: found.reason?.kind ?? null,
  };
}

/** A news sample as the confidence fit reads it (a near miss and an out-of-scope question are wrong). */
export function asFitSample(s: NewsSample): Sample {
  return { x: s.x, label: s.label, asked: "own", top3: s.shown, reason: s.reason };
}

/** A news sample as the answered threshold is chosen on it (near misses left out: no one asked them). */
export function asChooseSample(s: NewsSample): ChooseSample {
  return {
    x: s.x,
    right: s.label === 1,
    shown: s.shown,
    answerable: s.any && s.reason !== "unnamed",
  };
}

/**
 * The news samples the confidence is fitted and chosen on: the fit split's, asked every way, and
 * the choose split's as members asked them (alone and all stories in one corpus, no near misses).
 */
export async function newsCalibrationSamples(): Promise<{
  readonly fit: Sample[];
  readonly choose: ChooseSample[];
  /** The fit stories in folds, to rate each fold's questions by a model fitted without it. */
  readonly folds: FitFold[];
  /** The fit and choose splits' questions as asked (alone and in one corpus), for the unrelated model. */
  readonly askedFit: NewsSample[];
  readonly askedChoose: NewsSample[];
  /** The shipped story's sets as asked (alone and in one corpus), which the unrelated model learns from too. */
  readonly askedShipped: NewsSample[];
}> {
  const news = await loadNews();
  const shipped = (await loadCorpus(join(import.meta.dirname, "..", "..", "corpus"))).stories;
  const pool = [...news.map((n) => n.story), ...shipped];
  const fit = newsSamplesOf(
    news.filter((n) => n.split === "fit"),
    pool,
  );
  const choose = newsSamplesOf(
    news.filter((n) => n.split === "choose"),
    pool,
  ).filter((s) => s.asked !== "near miss");
  // The shipped story's sets, asked as members asked them, teach the unrelated model too: they hold
  // the vague chat questions about a story ("is this pause permanent or what?") that the test bed's
  // specific ones lack, and set g's questions about nothing in the news.
  const [story] = shipped;
  const ofShipped =
    story === undefined
      ? []
      : newsSamplesOf(
          [{ story, split: "fit", questions: loadShippedQuestions(), followUps: [] }],
          pool,
        ).filter((s) => s.asked !== "near miss");
  // The unrelated sets teach and test the unrelated model only: the confidence is about whether the
  // first passage is right, fitted and chosen on the questions written with their stories.
  const ofStory = (s: NewsSample) => s.question.set === undefined;
  const foldOf = storyFolds(fit);
  const folds = Array.from({ length: FOLDS }, (_, k) => ({
    others: fit.filter((s) => ofStory(s) && foldOf.get(s.story) !== k).map(asFitSample),
    held: fit
      .filter((s) => ofStory(s) && s.asked !== "near miss" && foldOf.get(s.story) === k)
      .map(asChooseSample),
  }));
  return {
    fit: fit.filter(ofStory).map(asFitSample),
    choose: choose.filter(ofStory).map(asChooseSample),
    folds,
    askedFit: fit.filter((s) => s.asked !== "near miss"),
    askedShipped: ofShipped,
    askedChoose: choose,
  };
}
