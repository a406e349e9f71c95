import { describe, expect, test } from "vitest";
import committed from "../src/answer/confidence.json" with { type: "json" };
import committedNewsSubject from "../src/answer/newsSubject.json" with { type: "json" };
import committedRelated from "../src/answer/unrelated.json" with { type: "json" };
import {
  type ChooseSample,
  calibrateWithNews,
  calibrationReport,
  chooseAnswered,
  chooseRefused,
  chooseThresholds,
  fitLogistic,
  type Sample,
  samplesOf,
} from "./eval/calibration.ts";
import type { NewsQuestion } from "./eval/newsData.ts";
import type { NewsSample } from "./eval/newsSamples.ts";
import { newsCalibrationSamples } from "./eval/newsSamples.ts";
import {
  calibrateRelated,
  chooseRelatedThreshold,
  fitRelated,
  heldOutRelatedness,
  type RelatedScore,
} from "./eval/relatedFit.ts";
import { loadHalf } from "./eval/squadData.ts";

/** A sample with one feature value and a label, the rest of the fields as a fit ignores them. */
function sample(x: readonly number[], label: 0 | 1): Sample {
  return { x, label, asked: label === 1 ? "own" : "next", top3: label === 1, reason: null };
}

describe("the committed confidence and unrelated models", () => {
  test("are exactly what npm run calibrate fits on SQuAD tune and the news fit stories", async () => {
    const news = await newsCalibrationSamples();
    const model = calibrateWithNews(samplesOf(loadHalf("tune")), news.fit, news.choose, news.folds);
    expect(model).toEqual(committed);
    const { newsSubject, related } = calibrateRelated(news, model);
    expect(related).toEqual(committedRelated);
    expect(newsSubject).toEqual(committedNewsSubject);
  }, 180_000);
});

describe("chooseRelatedThreshold", () => {
  /** A question of `story` shown its passage (or, out of scope, none), its one relatedness feature `z`. */
  function askedAt(z: number, story = "s", style: NewsQuestion["style"] = "plain"): NewsSample {
    const question: NewsQuestion = {
      question: "q",
      style,
      paragraphs: style === "unrelated" ? [] : [1],
      answer: null,
      yes: null,
      unsettled: false,
    };
    return {
      x: [0],
      related: [z],
      subject: [],
      label: style === "unrelated" ? 0 : 1,
      asked: "alone",
      question,
      story,
      shown: style !== "unrelated",
      any: true,
      reason: null,
    };
  }
  /** An in-scope question shown its passage, of relatedness `p`. */
  function shownAt(p: number): RelatedScore {
    return { sample: askedAt(0), related: p };
  }
  const confident = {
    features: ["x"],
    weights: [0],
    intercept: 5,
    thresholds: { answered: 0.5, refused: 0.02 },
  };

  test("refuses below the highest threshold that loses at most one in two hundred shown questions", () => {
    // 400 shown questions at relatedness 0.5, two at 0.1 and 0.2: refusing below 0.5 loses the two
    // (0.5% of 402), below 0.501 all of them.
    const scored = [...Array.from({ length: 400 }, () => shownAt(0.5)), shownAt(0.1), shownAt(0.2)];
    expect(chooseRelatedThreshold(scored, confident)).toBe(0.5);
  });

  test("does not count as lost a question the confidence refuses anyway", () => {
    const refusedAnyway = { ...confident, intercept: -5 };
    expect(chooseRelatedThreshold([shownAt(0.1)], refusedAnyway)).toBe(0.999);
    expect(chooseRelatedThreshold([shownAt(0.1)], confident)).toBe(0.1);
  });

  test("scores each fit story by a model fitted without it, and the choose stories by the one given", () => {
    // Six fit stories, one per fold; in each, related questions at z = 1 and unrelated ones at z = -1.
    const fit = Array.from({ length: 6 }, (_, i) => [
      askedAt(1, `fit${i}`),
      askedAt(-1, `fit${i}`, "unrelated"),
      askedAt(i === 0 ? 3 : 1, `fit${i}`),
    ]).flat();
    const choose = [askedAt(2, "choose")];
    const given = { features: ["z"], weights: [1], intercept: 0 };
    const scored = heldOutRelatedness(fit, choose, given);
    expect(scored).toHaveLength(fit.length + choose.length);
    const of = (sample: NewsSample) => scored.find((r) => r.sample === sample)?.related;
    const withoutFirst = fitRelated(fit.filter((s) => s.story !== "fit0"));
    const z = withoutFirst.weights[0] ?? 0;
    expect(of(fit[2] as NewsSample)).toBeCloseTo(
      1 / (1 + Math.exp(-(withoutFirst.intercept + 3 * z))),
      12,
    );
    expect(of(fit[3] as NewsSample)).not.toBeCloseTo(of(fit[2] as NewsSample) ?? 0, 6);
    expect(of(choose[0] as NewsSample)).toBeCloseTo(1 / (1 + Math.exp(-2)), 12);
  });

  test("fits every fold's model on the questions always fitted too, without scoring them", () => {
    const fit = Array.from({ length: 6 }, (_, i) => [
      askedAt(1, `fit${i}`),
      askedAt(-1, `fit${i}`, "unrelated"),
    ]).flat();
    // Unrelated questions that look related: a model that learns from them trusts z less.
    const also = [askedAt(1, "shipped", "unrelated"), askedAt(2, "shipped", "unrelated")];
    const given = { features: ["z"], weights: [1], intercept: 0 };
    const scored = heldOutRelatedness(fit, [], given, also);
    expect(scored).toHaveLength(fit.length);
    const withoutFirst = fitRelated([...fit.filter((s) => s.story !== "fit0"), ...also]);
    const first = scored.find((r) => r.sample === fit[0])?.related;
    expect(first).toBeCloseTo(
      1 / (1 + Math.exp(-(withoutFirst.intercept + (withoutFirst.weights[0] ?? 0)))),
      12,
    );
    expect(first).not.toBeCloseTo(heldOutRelatedness(fit, [], given)[0]?.related ?? 0, 3);
  });
});

describe("fitLogistic", () => {
  test("recovers the weights that generated the labels", () => {
    // Labels drawn from p = 1 / (1 + e^-(2x - 1)) on an even grid, deterministically: for each x,
    // a share p of 200 copies is labelled 1.
    const samples: Sample[] = [];
    for (let x = -3; x <= 3; x += 0.25) {
      const p = 1 / (1 + Math.exp(-(2 * x - 1)));
      for (let k = 0; k < 200; k++) samples.push(sample([x], k < Math.round(p * 200) ? 1 : 0));
    }
    const fit = fitLogistic(samples);
    expect(fit.weights[0]).toBeCloseTo(2, 1);
    expect(fit.intercept).toBeCloseTo(-1, 1);
  });
});

describe("calibrationReport", () => {
  test("scores predictions that rank every right answer first with an AUC of 1", () => {
    const report = calibrationReport([0.9, 0.8, 0.3, 0.1], [1, 1, 0, 0]);
    expect(report.auc).toBe(1);
    expect(report.brier).toBeCloseTo((0.01 + 0.04 + 0.09 + 0.01) / 4, 10);
  });

  test("measures the calibration error as the weighted gap between predicted and observed in each bin", () => {
    // Bin 0.9–1.0 holds two predictions of 0.95, one right: |0.95 - 0.5| weighs 2 of 4.
    // Bin 0.0–0.1 holds two predictions of 0.05, none right: |0.05 - 0| weighs 2 of 4.
    const report = calibrationReport([0.95, 0.95, 0.05, 0.05], [1, 0, 0, 0]);
    expect(report.ece).toBeCloseTo(0.5 * 0.45 + 0.5 * 0.05, 10);
    expect(report.bins[9]).toMatchObject({ count: 2, observed: 0.5 });
    expect(report.bins.reduce((n, b) => n + b.count, 0)).toBe(4);
  });
});

describe("chooseThresholds", () => {
  test("answers from the lowest confidence at which nine in ten answers are right", () => {
    // Above 0.5 all are right; from 0.3, 9 of 10; from 0.2, 9 of 11.
    const predictions = [0.9, 0.8, 0.7, 0.6, 0.55, 0.52, 0.51, 0.5, 0.45, 0.3, 0.2];
    const labels: (0 | 1)[] = [1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0];
    const samples = labels.map((label) => sample([0], label));
    expect(chooseThresholds(samples, predictions).answered).toBe(0.21);
  });

  test("refuses below the highest confidence that loses at most one in a hundred findable questions", () => {
    // 100 findable questions at confidences 0.01, 0.02, …, 1.00: refusing below 0.02 loses one.
    const samples = Array.from({ length: 100 }, () => sample([0], 1));
    const predictions = samples.map((_, i) => (i + 1) / 100);
    expect(chooseThresholds(samples, predictions).refused).toBe(0.02);
  });
});

describe("chooseAnswered", () => {
  /** A choose sample that is right or not, and answerable unless said. */
  function asked(right: boolean, answerable = true): ChooseSample {
    return { x: [0], right, shown: right, answerable };
  }

  test("answers from the threshold whose answers, with its neighbours', are worth most, a wrong one costing four right ones", () => {
    // Worth from 0.51 to 0.60: four right, 4; from 0.61 to 0.70, 3; from 0.46 to 0.50, with the
    // wrong one at 0.5, 0. Averaged over ±0.05, 0.56 holds ten steps of 4 and one of 3, the most.
    const samples = [true, true, true, true, false, true, true, false].map((right) => asked(right));
    const predictions = [0.9, 0.8, 0.7, 0.6, 0.5, 0.45, 0.42, 0.33];
    expect(chooseAnswered(samples, predictions)).toBe(0.56);
  });

  test("takes a plateau of worth rather than a short best stretch beside worse ones", () => {
    // Worth 5 from 0.68 to 0.82, the first threshold averaging 5 over ±0.05 being 0.73; 7 from 0.38
    // to 0.42 alone, with 1 above it and −1 below, averaging 35 / 11 at 0.4.
    const rights = (n: number, at: number) => Array.from({ length: n }, () => [true, at] as const);
    const wrongs = (n: number, at: number) => Array.from({ length: n }, () => [false, at] as const);
    const cases = [...rights(5, 0.82), ...wrongs(1, 0.67), ...rights(6, 0.42), ...wrongs(2, 0.37)];
    const samples = cases.map(([right]) => asked(right));
    expect(
      chooseAnswered(
        samples,
        cases.map(([, at]) => at),
      ),
    ).toBe(0.73);
  });

  test("counts an answer wrong when its first quote is wrong, though a right passage is shown below it", () => {
    // Two right first quotes at 0.9, and at 0.6 a wrong first quote above a right passage: counted
    // right, 0.6 would be worth 3 and chosen; counted wrong, it costs 4, and 0.61 and up are worth 2.
    const belowFirst: ChooseSample = { x: [0], right: false, shown: true, answerable: true };
    expect(chooseAnswered([asked(true), asked(true), belowFirst], [0.9, 0.9, 0.6])).toBeGreaterThan(
      0.6,
    );
  });

  test("leaves out questions refused whatever their confidence", () => {
    const samples = [asked(true), asked(true), asked(false, false)];
    expect(chooseAnswered(samples, [0.3, 0.31, 0.99])).toBe(0.3);
  });
});

describe("chooseRefused", () => {
  const asked = (shown: boolean, answerable = true): ChooseSample => ({
    x: [0],
    right: false,
    shown,
    answerable,
  });

  test("refuses below the highest confidence that loses at most one in a hundred questions whose right passage is shown", () => {
    // 200 right passages: two may be lost. Two sit at 0.015, a third at 0.035.
    const samples = Array.from({ length: 200 }, () => asked(true));
    const predictions = samples.map((_, i) => (i < 2 ? 0.015 : i === 2 ? 0.035 : 0.5));
    expect(chooseRefused(samples, predictions)).toBe(0.03);
  });

  test("does not count out-of-scope questions, nor those refused whatever their confidence", () => {
    const samples = [
      ...Array.from({ length: 100 }, () => asked(true)),
      ...Array.from({ length: 50 }, () => asked(false)),
      asked(true, false),
    ];
    const predictions = samples.map((_, i) => (i < 100 ? 0.5 : 0.001));
    expect(chooseRefused(samples, predictions)).toBe(0.1);
  });

  test("refuses by the confidence not at all when the lowest threshold loses too many", () => {
    const samples = Array.from({ length: 50 }, () => asked(true));
    expect(
      chooseRefused(
        samples,
        samples.map(() => 0.001),
      ),
    ).toBe(0);
  });
});
