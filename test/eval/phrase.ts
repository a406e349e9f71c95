/**
 * Answer-phrase extraction on SQuAD v1.1 dev: exact match and F1 with SQuAD's official
 * normalisation (lower case, no punctuation, no articles, single spaces), best over the accepted
 * answers, from the question's own paragraph and from the passage our search puts first; and the
 * precision of the phrases confident enough to be shown (F1 ≥ 0.5 against an accepted answer).
 */
import { answer } from "../../src/answer/answer.ts";
import { searchOptions } from "../../src/answer/examine.ts";
import { confidentEnough, type ExtractOptions, extractPhrase } from "../../src/answer/extract.ts";
import { readQuestion } from "../../src/answer/question.ts";
import { rankSentences } from "../../src/answer/rankSentences.ts";
import { readWording } from "../../src/language/wording.ts";
import type { SearchIndex } from "../../src/search/index.ts";
import { UNRIVALLED } from "../../src/search/types.ts";

/** A SQuAD question with its paragraph and accepted answers. */
export interface PhraseQuestion {
  readonly text: string;
  readonly context: string;
  readonly answers: readonly string[];
}

/** How well phrases answer, over every question of a half. */
export interface PhraseScores {
  readonly exactMatch: number;
  readonly f1: number;
  /** Share of questions whose phrase is shown (not refused, and confident enough for its kind). */
  readonly shown: number;
  /** Share of shown phrases with F1 ≥ 0.5 against an accepted answer. */
  readonly shownCorrect: number;
  readonly msPerQuestion: number;
}

/** What the confidence is fitted on: a best candidate's features and whether it was right. */
export interface Sample {
  readonly x: readonly number[];
  readonly confidence: number;
  readonly right: boolean;
}

/** SQuAD's official answer normalisation. */
export function normalizeAnswer(text: string): string {
  return text
    .toLowerCase()
    .replace(/[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/gu, "")
    .replace(/\b(?:a|an|the)\b/gu, " ")
    .split(/\s+/u)
    .filter((w) => w !== "")
    .join(" ");
}

/** SQuAD's token F1 of a prediction against one answer. */
export function f1Score(prediction: string, gold: string): number {
  const p = normalizeAnswer(prediction).split(" ").filter(Boolean);
  const g = normalizeAnswer(gold).split(" ").filter(Boolean);
  if (p.length === 0 || g.length === 0) return p.length === g.length ? 1 : 0;
  const counts = new Map<string, number>();
  for (const w of g) counts.set(w, (counts.get(w) ?? 0) + 1);
  let same = 0;
  for (const w of p) {
    const left = counts.get(w) ?? 0;
    if (left > 0) {
      same++;
      counts.set(w, left - 1);
    }
  }
  if (same === 0) return 0;
  const precision = same / p.length;
  const recall = same / g.length;
  return (2 * precision * recall) / (precision + recall);
}

function best(
  prediction: string,
  answers: readonly string[],
  metric: (p: string, g: string) => number,
) {
  return Math.max(0, ...answers.map((a) => metric(prediction, a)));
}

/** Where the sentences come from: the question's own paragraph, or the passage search put first. */
export type Source = "paragraph" | "retrieved";

/** Scores phrase extraction on the questions; `samples` collects features for fitting. */
export function scorePhrases(
  questions: readonly PhraseQuestion[],
  source: Source,
  index: SearchIndex,
  options: ExtractOptions,
  samples?: Sample[],
): PhraseScores {
  let exact = 0;
  let f1 = 0;
  let shown = 0;
  let shownRight = 0;
  const start = performance.now();
  for (const q of questions) {
    const wording = readWording(q.text);
    let sentences: string[] = [];
    let shownOutcome = true;
    let margins = UNRIVALLED;
    if (source === "paragraph") sentences = rankSentences(wording, q.context);
    else {
      margins = index.search(readQuestion(index, q.text), searchOptions({ top: 1 })).margins;
      // The first passage whenever one is shown, answered or uncertain; a phrase is shown unless
      // the question is refused, as /ask does.
      const found = answer(index, q.text, { top: 1 });
      const first = found.results[0];
      shownOutcome = found.outcome !== "refused";
      if (first !== undefined) {
        sentences = [
          first.bestSentence,
          ...rankSentences(wording, first.text).filter((s) => s !== first.bestSentence),
        ];
      }
    }
    const phrase = sentences.length > 0 ? extractPhrase(wording, sentences, options) : null;
    const prediction = phrase?.text ?? "";
    const score = best(prediction, q.answers, f1Score);
    exact += best(prediction, q.answers, (p, g) =>
      normalizeAnswer(p) === normalizeAnswer(g) ? 1 : 0,
    );
    f1 += score;
    if (phrase !== null && shownOutcome && confidentEnough(phrase, margins)) {
      shown++;
      if (score >= 0.5) shownRight++;
    }
    if (phrase !== null && samples !== undefined)
      samples.push({ x: phrase.x, confidence: phrase.confidence, right: score >= 0.5 });
  }
  const n = questions.length;
  return {
    exactMatch: exact / n,
    f1: f1 / n,
    shown: shown / n,
    shownCorrect: shown === 0 ? 0 : shownRight / shown,
    msPerQuestion: (performance.now() - start) / n,
  };
}

/** Fits logistic weights to the samples by gradient descent; for `npm run eval -- --fit`. */
export function fitLogistic(samples: readonly Sample[], rounds = 3000, rate = 0.5): number[] {
  const size = samples[0]?.x.length ?? 0;
  const w = new Array<number>(size).fill(0);
  for (let round = 0; round < rounds; round++) {
    const gradient = new Array<number>(size).fill(0);
    for (const s of samples) {
      const z = s.x.reduce((sum, v, i) => sum + v * (w[i] ?? 0), 0);
      const error = 1 / (1 + Math.exp(-z)) - (s.right ? 1 : 0);
      s.x.forEach((v, i) => {
        gradient[i] = (gradient[i] ?? 0) + error * v;
      });
    }
    for (let i = 0; i < size; i++)
      w[i] = (w[i] ?? 0) - (rate * (gradient[i] ?? 0)) / samples.length;
  }
  return w.map((v) => Math.round(v * 100) / 100);
}

/** Share of shown phrases that are right, and share of questions shown, at each threshold. */
export function thresholds(samples: readonly Sample[], questions: number): string[] {
  const lines: string[] = [];
  for (let t = 0.3; t < 0.95; t += 0.05) {
    const shown = samples.filter((s) => s.confidence >= t);
    const right = shown.filter((s) => s.right).length;
    lines.push(
      `  ≥ ${t.toFixed(2)}: shown ${((100 * shown.length) / questions).toFixed(1)}%, right ${shown.length === 0 ? "-" : ((100 * right) / shown.length).toFixed(1)}%`,
    );
  }
  return lines;
}
