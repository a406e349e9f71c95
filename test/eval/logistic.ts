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

// A Newton step this small in every weight means the fit has converged: the unrelated model's subject
// (100 dense features, fitted seven times by npm run calibrate) reached it in far fewer than the 30
// rounds, 8.3 s -> 2.7 s for calibrateRelated on the 2-core machine (2026-12-06), every committed
// model the same.
const CONVERGED = 1e-12;

/** Fits a logistic model to the samples; `features` names the columns of `x`. */
export function fitWeighted(
  samples: readonly WeightedSample[],
  features: readonly string[],
  ridge = 1,
  rounds = 30,
): LogisticModel {
  const d = features.length + 1;
  // Each sample's non-zero columns (the intercept's 1 first) and their values: a zero adds nothing
  // to any sum, so the sums over these are the sums over every column, added in the same order.
  // Most features are 0 or 1 and rarely 1: the answer's shape, 106 of them, fitted 5 times in 8 s
  // a fit-phrases run row by row (2026-12-06).
  const at: number[][] = [];
  const values: number[][] = [];
  for (const s of samples) {
    const columns = [0];
    const row = [1];
    s.x.forEach((v, i) => {
      if (v !== 0) {
        columns.push(i + 1);
        row.push(v);
      }
    });
    at.push(columns);
    values.push(row);
  }
  let w = new Array<number>(d).fill(0);
  const gradient = new Float64Array(d);
  const hessian = new Float64Array(d * d);
  for (let round = 0; round < rounds; round++) {
    gradient.fill(0);
    hessian.fill(0);
    for (let k = 0; k < samples.length; k++) {
      const s = samples[k] as WeightedSample;
      const columns = at[k] as number[];
      const row = values[k] as number[];
      const n = columns.length;
      let z = 0;
      for (let a = 0; a < n; a++) z += (w[columns[a] as number] as number) * (row[a] as number);
      const p = 1 / (1 + Math.exp(-z));
      const error = s.weight * (p - s.y);
      const curve = s.weight * p * (1 - p);
      for (let a = 0; a < n; a++) {
        const i = columns[a] as number;
        const xi = row[a] as number;
        gradient[i] = (gradient[i] as number) + error * xi;
        const scaled = curve * xi;
        const h = i * d;
        for (let b = 0; b <= a; b++) {
          const j = h + (columns[b] as number);
          hessian[j] = (hessian[j] as number) + scaled * (row[b] as number);
        }
      }
    }
    // The intercept is not penalised.
    for (let i = 1; i < d; i++) {
      gradient[i] = (gradient[i] as number) + ridge * (w[i] as number);
      hessian[i * d + i] = (hessian[i * d + i] as number) + ridge;
    }
    const step = solveSymmetric((i, j) => hessian[i * d + j] as number, gradient);
    w = w.map((v, i) => v - (step[i] ?? 0));
    // Converged: Newton's steps only shrink from here, far under the rounding to 4 decimals below.
    if (step.every((v) => Math.abs(v) < CONVERGED)) break;
  }
  const rounded = w.map((v) => Math.round(v * 10_000) / 10_000);
  return { features: [...features], weights: rounded.slice(1), intercept: rounded[0] ?? 0 };
}

/**
 * Solves H·s = g for a symmetric positive definite H given by its lower triangle (Cholesky), read
 * from `lower(i, j)` for j ≤ i.
 */
function solveSymmetric(lower: (i: number, j: number) => number, g: ArrayLike<number>): number[] {
  const n = g.length;
  const l = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = lower(i, j);
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
  // Each group's candidates as one flat array, and every sum in the same order as before: with
  // typed arrays and no closures in the loops, the phrase models' fit took 38 s instead of 88 s on
  // the 2-core machine (2026-12-05), to the same weights.
  const packed = groups.map((g) => pack(g, d));
  const most = Math.max(0, ...groups.map((g) => g.xs.length));
  const p = new Float64Array(most);
  const gradient = new Float64Array(d);
  const hessian = new Float64Array(d * d);
  const mean = new Float64Array(d);
  const c = new Float64Array(d);
  const live = new Int32Array(d);
  let w = new Float64Array(d);
  let before = rankingLoss(packed, w, d, ridge, p);
  for (let round = 0; round < rounds; round++) {
    gradient.fill(0);
    hessian.fill(0);
    for (const g of packed) {
      softmax(g, w, d, p);
      mean.fill(0);
      for (let k = 0; k < g.n; k++) {
        const pk = p[k] as number;
        const tk = g.targets[k] as number;
        const row = k * d;
        for (let i = 0; i < d; i++) {
          const v = g.xs[row + i] as number;
          mean[i] = (mean[i] as number) + pk * v;
          gradient[i] = (gradient[i] as number) + g.weight * (pk - tk) * v;
        }
      }
      for (let k = 0; k < g.n; k++) {
        const pk = (p[k] as number) * g.weight;
        if (pk < 1e-9) continue;
        const row = k * d;
        // Only the non-zero deviations add to the Hessian; a zero's product adds exactly nothing,
        // so every cell sums the same terms in the same order.
        let nonZero = 0;
        for (let i = 0; i < d; i++) {
          const ci = (g.xs[row + i] as number) - (mean[i] as number);
          c[i] = ci;
          if (ci !== 0) live[nonZero++] = i;
        }
        for (let a = 0; a < nonZero; a++) {
          const i = live[a] as number;
          const ci = (c[i] as number) * pk;
          if (ci === 0) continue;
          const h = i * d;
          for (let b = 0; b <= a; b++) {
            const j = live[b] as number;
            hessian[h + j] = (hessian[h + j] as number) + ci * (c[j] as number);
          }
        }
      }
    }
    for (let i = 0; i < d; i++) {
      gradient[i] = (gradient[i] as number) + ridge * (w[i] as number);
      hessian[i * d + i] = (hessian[i * d + i] as number) + ridge;
    }
    const step = solveSymmetric((i, j) => hessian[i * d + j] as number, gradient);
    // Newton's step, halved until the loss falls: a softmax's step can overshoot from far away.
    let scale = 1;
    let next = w.map((v, i) => v - (step[i] ?? 0));
    let after = rankingLoss(packed, next, d, ridge, p);
    while (after > before && scale > 1e-4) {
      scale /= 2;
      next = w.map((v, i) => v - scale * (step[i] ?? 0));
      after = rankingLoss(packed, next, d, ridge, p);
    }
    w = next;
    // The loss of the step taken is the next round's to beat.
    before = after;
  }
  const rounded = Array.from(w, (v) => Math.round(v * 10_000) / 10_000);
  return { features: [...features], weights: rounded, intercept: 0 };
}

/** A ranking group with its candidates' features in one flat array. */
interface PackedGroup {
  readonly n: number;
  readonly xs: Float64Array;
  readonly targets: Float64Array;
  readonly weight: number;
}

/** The group with its candidates' features in one flat array, row by row. */
function pack(g: RankingGroup, d: number): PackedGroup {
  const xs = new Float64Array(g.xs.length * d);
  g.xs.forEach((x, k) => {
    for (let i = 0; i < d; i++) xs[k * d + i] = x[i] ?? 0;
  });
  return { n: g.xs.length, xs, targets: Float64Array.from(g.targets), weight: g.weight };
}

/** Writes each candidate's score under `w` into `z` and returns the highest. */
function scores(g: PackedGroup, w: Float64Array, d: number, z: Float64Array): number {
  let top = -Infinity;
  for (let k = 0; k < g.n; k++) {
    let sum = 0;
    const row = k * d;
    for (let i = 0; i < d; i++) sum = sum + (g.xs[row + i] as number) * (w[i] as number);
    z[k] = sum;
    if (sum > top) top = sum;
  }
  return top;
}

/** Writes the softmax of the candidates' scores under `w` into `p`. */
function softmax(g: PackedGroup, w: Float64Array, d: number, p: Float64Array): void {
  const top = scores(g, w, d, p);
  let total = 0;
  for (let k = 0; k < g.n; k++) {
    const e = Math.exp((p[k] as number) - top);
    p[k] = e;
    total = total + e;
  }
  for (let k = 0; k < g.n; k++) p[k] = (p[k] as number) / total;
}

/** The cross-entropy of the groups' targets under the softmax of weights `w`, plus the ridge penalty. */
function rankingLoss(
  groups: readonly PackedGroup[],
  w: Float64Array,
  d: number,
  ridge: number,
  z: Float64Array,
): number {
  let loss = 0;
  for (const g of groups) {
    const top = scores(g, w, d, z);
    let sum = 0;
    for (let k = 0; k < g.n; k++) sum = sum + Math.exp((z[k] as number) - top);
    const log = top + Math.log(sum);
    for (let k = 0; k < g.n; k++) {
      loss += g.weight * (g.targets[k] as number) * (log - (z[k] as number));
    }
  }
  let squares = 0;
  for (let i = 0; i < d; i++) squares = squares + (w[i] as number) * (w[i] as number);
  return loss + (ridge / 2) * squares;
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
  const most = Math.max(0, ...groups.map((g) => g.offsets.length));
  const z = new Float64Array(most);
  // Each bucket's expected count under one group's softmax, and which buckets the group touched.
  const mean = new Float64Array(buckets);
  const seen = new Uint8Array(buckets);
  const touched: number[] = [];
  /** Writes the group's candidates' scores under `w` into `z` and returns the highest. */
  const scores = (g: LexicalGroup, w: Float64Array): number => {
    let top = -Infinity;
    for (let k = 0; k < g.offsets.length; k++) {
      let pairs = 0;
      for (const h of g.keys[k] ?? []) pairs = pairs + (w[h] as number);
      const s = (g.offsets[k] as number) + pairs;
      z[k] = s;
      if (s > top) top = s;
    }
    return top;
  };
  const loss = (w: Float64Array): number => {
    let total = 0;
    for (const g of groups) {
      const top = scores(g, w);
      let sum = 0;
      for (let k = 0; k < g.offsets.length; k++) sum = sum + Math.exp((z[k] as number) - top);
      const log = top + Math.log(sum);
      for (let k = 0; k < g.offsets.length; k++) {
        total += g.weight * (g.targets[k] ?? 0) * (log - (z[k] as number));
      }
    }
    let squares = 0;
    for (let h = 0; h < buckets; h++) squares = squares + (w[h] as number) * (w[h] as number);
    return total + (ridge / 2) * squares;
  };
  let v = new Float64Array(buckets);
  const gradient = new Float64Array(buckets);
  const curve = new Float64Array(buckets);
  let before = loss(v);
  for (let round = 0; round < rounds; round++) {
    for (let h = 0; h < buckets; h++) {
      gradient[h] = ridge * (v[h] as number);
      curve[h] = ridge;
    }
    for (const g of groups) {
      const top = scores(g, v);
      let total = 0;
      for (let k = 0; k < g.offsets.length; k++) {
        const e = Math.exp((z[k] as number) - top);
        z[k] = e;
        total = total + e;
      }
      g.keys.forEach((ks, k) => {
        const p = (z[k] as number) / total;
        const t = g.targets[k] ?? 0;
        for (const h of ks) {
          gradient[h] = (gradient[h] as number) + g.weight * (p - t);
          curve[h] = (curve[h] as number) + g.weight * p;
          if (seen[h] === 0) {
            seen[h] = 1;
            touched.push(h);
          }
          mean[h] = (mean[h] as number) + p;
        }
      });
      for (const h of touched) {
        const m = mean[h] as number;
        curve[h] = (curve[h] as number) - g.weight * m * m;
        mean[h] = 0;
        seen[h] = 0;
      }
      touched.length = 0;
    }
    let scale = 1 / templates;
    const stepped = (): Float64Array<ArrayBuffer> =>
      v.map((x, h) => x - (scale * (gradient[h] as number)) / (curve[h] as number));
    let next = stepped();
    let after = loss(next);
    while (after > before && scale > 1e-4) {
      scale /= 2;
      next = stepped();
      after = loss(next);
    }
    v = next;
    // The loss of the step taken is the next round's to beat.
    before = after;
  }
  // "|| 0": a weight rounded to -0 is written to JSON as 0, and must read back equal.
  return Array.from(v, (x) => Math.round(x * 10_000) / 10_000 || 0);
}
