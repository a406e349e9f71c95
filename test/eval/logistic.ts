/**
 * Weighted logistic regression fitted by Newton's method with a small ridge penalty: the same
 * samples always give the same weights, in a few passes over tens of thousands of samples.
 */
import type { LogisticModel } from "../../src/answer/phraseModel.ts";

/** One training example: features, label, and how much it counts. */
export interface WeightedSample {
  readonly x: readonly number[];
  readonly y: 0 | 1;
  readonly weight: number;
}

/** Fits a logistic model to the samples; `features` names the columns of `x`. */
export function fitWeighted(
  samples: readonly WeightedSample[],
  features: readonly string[],
  ridge = 1,
  rounds = 30,
): LogisticModel {
  const d = features.length + 1;
  let w = new Array<number>(d).fill(0);
  for (let round = 0; round < rounds; round++) {
    const gradient = new Array<number>(d).fill(0);
    const hessian = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    for (const s of samples) {
      const row = [1, ...s.x];
      let z = 0;
      for (let i = 0; i < d; i++) z += (w[i] ?? 0) * (row[i] ?? 0);
      const p = 1 / (1 + Math.exp(-z));
      const error = s.weight * (p - s.y);
      const curve = s.weight * p * (1 - p);
      for (let i = 0; i < d; i++) {
        const xi = row[i] ?? 0;
        gradient[i] = (gradient[i] ?? 0) + error * xi;
        const h = hessian[i] as number[];
        for (let j = 0; j <= i; j++) h[j] = (h[j] ?? 0) + curve * xi * (row[j] ?? 0);
      }
    }
    // The intercept is not penalised.
    for (let i = 1; i < d; i++) {
      gradient[i] = (gradient[i] ?? 0) + ridge * (w[i] ?? 0);
      const h = hessian[i] as number[];
      h[i] = (h[i] ?? 0) + ridge;
    }
    const step = solveSymmetric(hessian, gradient);
    w = w.map((v, i) => v - (step[i] ?? 0));
  }
  const rounded = w.map((v) => Math.round(v * 10_000) / 10_000);
  return { features: [...features], weights: rounded.slice(1), intercept: rounded[0] ?? 0 };
}

/** Solves H·s = g for a symmetric positive definite H given by its lower triangle (Cholesky). */
function solveSymmetric(lower: readonly (readonly number[])[], g: readonly number[]): number[] {
  const n = g.length;
  const l = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = lower[i]?.[j] ?? 0;
      for (let k = 0; k < j; k++) sum -= (l[i]?.[k] ?? 0) * (l[j]?.[k] ?? 0);
      const row = l[i] as number[];
      row[j] = i === j ? Math.sqrt(Math.max(sum, 1e-12)) : sum / (l[j]?.[j] ?? 1);
    }
  }
  const y = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    let sum = g[i] ?? 0;
    for (let k = 0; k < i; k++) sum -= (l[i]?.[k] ?? 0) * (y[k] ?? 0);
    y[i] = sum / (l[i]?.[i] ?? 1);
  }
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let sum = y[i] ?? 0;
    for (let k = i + 1; k < n; k++) sum -= (l[k]?.[i] ?? 0) * (x[k] ?? 0);
    x[i] = sum / (l[i]?.[i] ?? 1);
  }
  return x;
}

/** One question's candidates for a ranking fit: their features, the share of the right answer each holds, and how much the question counts. */
export interface RankingGroup {
  readonly xs: readonly (readonly number[])[];
  /** Target probabilities over the candidates, summing to 1. */
  readonly targets: readonly number[];
  readonly weight: number;
}

/**
 * Fits a conditional logit (a softmax over each question's candidates) by Newton's method with a
 * small ridge penalty: the weights rank a question's candidates against each other rather than
 * judge each alone, so a feature that every candidate of a question shares weighs nothing. The
 * intercept is 0, since it cancels in a softmax.
 */
export function fitRanking(
  groups: readonly RankingGroup[],
  features: readonly string[],
  ridge = 1,
  rounds = 15,
): LogisticModel {
  const d = features.length;
  let w = new Array<number>(d).fill(0);
  for (let round = 0; round < rounds; round++) {
    const gradient = new Array<number>(d).fill(0);
    const hessian = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    for (const g of groups) {
      const z = g.xs.map((x) => x.reduce((sum, v, i) => sum + v * (w[i] ?? 0), 0));
      const top = Math.max(...z);
      const e = z.map((v) => Math.exp(v - top));
      const total = e.reduce((a, b) => a + b, 0);
      const p = e.map((v) => v / total);
      const mean = new Array<number>(d).fill(0);
      g.xs.forEach((x, k) => {
        const pk = p[k] ?? 0;
        const tk = g.targets[k] ?? 0;
        for (let i = 0; i < d; i++) {
          const v = x[i] ?? 0;
          mean[i] = (mean[i] ?? 0) + pk * v;
          gradient[i] = (gradient[i] ?? 0) + g.weight * (pk - tk) * v;
        }
      });
      g.xs.forEach((x, k) => {
        const pk = (p[k] ?? 0) * g.weight;
        if (pk < 1e-9) return;
        const c = x.map((v, i) => v - (mean[i] ?? 0));
        for (let i = 0; i < d; i++) {
          const ci = (c[i] ?? 0) * pk;
          if (ci === 0) continue;
          const h = hessian[i] as number[];
          for (let j = 0; j <= i; j++) h[j] = (h[j] ?? 0) + ci * (c[j] ?? 0);
        }
      });
    }
    for (let i = 0; i < d; i++) {
      gradient[i] = (gradient[i] ?? 0) + ridge * (w[i] ?? 0);
      const h = hessian[i] as number[];
      h[i] = (h[i] ?? 0) + ridge;
    }
    const step = solveSymmetric(hessian, gradient);
    // Newton's step, halved until the loss falls: a softmax's step can overshoot from far away.
    const before = rankingLoss(groups, w, ridge);
    let scale = 1;
    let next = w.map((v, i) => v - (step[i] ?? 0));
    while (scale > 1e-4 && rankingLoss(groups, next, ridge) > before) {
      scale /= 2;
      next = w.map((v, i) => v - scale * (step[i] ?? 0));
    }
    w = next;
  }
  const rounded = w.map((v) => Math.round(v * 10_000) / 10_000);
  return { features: [...features], weights: rounded, intercept: 0 };
}

/** The cross-entropy of the groups' targets under the softmax of weights `w`, plus the ridge penalty. */
function rankingLoss(groups: readonly RankingGroup[], w: readonly number[], ridge: number): number {
  let loss = 0;
  for (const g of groups) {
    const z = g.xs.map((x) => x.reduce((sum, v, i) => sum + v * (w[i] ?? 0), 0));
    const top = Math.max(...z);
    const log = top + Math.log(z.reduce((sum, v) => sum + Math.exp(v - top), 0));
    z.forEach((v, k) => {
      loss += g.weight * (g.targets[k] ?? 0) * (log - v);
    });
  }
  return loss + (ridge / 2) * w.reduce((sum, v) => sum + v * v, 0);
}

/** One question's candidates for the lexical fit: each one's score without the pairs, and its buckets. */
export interface LexicalGroup {
  readonly offsets: readonly number[];
  readonly keys: readonly (readonly number[])[];
  readonly targets: readonly number[];
  readonly weight: number;
}

/**
 * Fits hashed pair weights added to fixed scores (`offsets`), a conditional logit as in
 * `fitRanking`, by diagonal Newton steps with a ridge penalty: thousands of sparse weights, where a
 * full Hessian would not fit. Each step is shared among the `templates` pairs every candidate has,
 * and halved until the loss falls.
 */
export function fitLexical(
  groups: readonly LexicalGroup[],
  buckets: number,
  templates: number,
  ridge: number,
  rounds = 60,
): number[] {
  let v = new Array<number>(buckets).fill(0);
  const scores = (g: LexicalGroup, w: readonly number[]) =>
    g.offsets.map((o, k) => o + (g.keys[k] ?? []).reduce((sum, h) => sum + (w[h] ?? 0), 0));
  const loss = (w: readonly number[]) => {
    let total = 0;
    for (const g of groups) {
      const z = scores(g, w);
      const top = Math.max(...z);
      const log = top + Math.log(z.reduce((sum, s) => sum + Math.exp(s - top), 0));
      z.forEach((s, k) => {
        total += g.weight * (g.targets[k] ?? 0) * (log - s);
      });
    }
    return total + (ridge / 2) * w.reduce((sum, x) => sum + x * x, 0);
  };
  for (let round = 0; round < rounds; round++) {
    const gradient = v.map((x) => ridge * x);
    const curve = new Array<number>(buckets).fill(ridge);
    for (const g of groups) {
      const z = scores(g, v);
      const top = Math.max(...z);
      const e = z.map((s) => Math.exp(s - top));
      const total = e.reduce((a, b) => a + b, 0);
      // Each bucket's expected count under the softmax, for the diagonal of the Hessian.
      const mean = new Map<number, number>();
      g.keys.forEach((ks, k) => {
        const p = (e[k] ?? 0) / total;
        const t = g.targets[k] ?? 0;
        for (const h of ks) {
          gradient[h] = (gradient[h] ?? 0) + g.weight * (p - t);
          curve[h] = (curve[h] ?? 0) + g.weight * p;
          mean.set(h, (mean.get(h) ?? 0) + p);
        }
      });
      for (const [h, m] of mean) curve[h] = (curve[h] ?? 0) - g.weight * m * m;
    }
    const before = loss(v);
    let scale = 1 / templates;
    let next = v.map((x, h) => x - (scale * (gradient[h] ?? 0)) / (curve[h] ?? 1));
    while (scale > 1e-4 && loss(next) > before) {
      scale /= 2;
      next = v.map((x, h) => x - (scale * (gradient[h] ?? 0)) / (curve[h] ?? 1));
    }
    v = next;
  }
  // "|| 0": a weight rounded to -0 is written to JSON as 0, and must read back equal.
  return v.map((x) => Math.round(x * 10_000) / 10_000 || 0);
}
