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
    const step = solveSymmetric(hessian, gradient);
    w = w.map((v, i) => v - (step[i] ?? 0));
    // Converged: Newton's steps only shrink from here, far under the rounding to 4 decimals below.
    if (step.every((v) => Math.abs(v) < CONVERGED)) break;
  }
  const rounded = w.map((v) => Math.round(v * 10_000) / 10_000);
  return { features: [...features], weights: rounded.slice(1), intercept: rounded[0] ?? 0 };
}

/**
 * Solves H·s = g for a symmetric positive definite H, given row by row with its lower triangle
 * filled (Cholesky). In one flat typed array, every sum in the same order, the news-subject model's
 * solves (345 features, fitted seven times) took 0.1 s of npm run calibrate instead of 4.0 s through
 * nested arrays (2-core machine, 2026-12-06).
 */
function solveSymmetric(h: Float64Array, g: Float64Array): Float64Array {
  const n = g.length;
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    for (let j = 0; j <= i; j++) {
      const rj = j * n;
      let sum = h[ri + j] as number;
      for (let k = 0; k < j; k++) sum -= (l[ri + k] as number) * (l[rj + k] as number);
      l[ri + j] = i === j ? Math.sqrt(Math.max(sum, 1e-12)) : sum / (l[rj + j] as number);
    }
  }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sum = g[i] as number;
    for (let k = 0; k < i; k++) sum -= (l[i * n + k] as number) * (y[k] as number);
    y[i] = sum / (l[i * n + i] as number);
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let sum = y[i] as number;
    for (let k = i + 1; k < n; k++) sum -= (l[k * n + i] as number) * (x[k] as number);
    x[i] = sum / (l[i * n + i] as number);
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
    const step = solveSymmetric(hessian, gradient);
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
    // Converged, as in fitWeighted: the span scorer's fits reach steps under 1e-12 by their 11th or
    // 12th round of 15, and later rounds only move weights by rounding noise (2026-12-06).
    if (step.every((v) => Math.abs(scale * v) < CONVERGED)) break;
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
  return softmaxLoss(groups, (g) => scores(g, w, d, z), w, ridge, z);
}

/**
 * The cross-entropy of the groups' targets under the softmax of their candidates' scores, which
 * `scoreInto` writes into `z` (returning the highest), plus the ridge penalty on `w`.
 */
function softmaxLoss<
  G extends { readonly n: number; readonly targets: Float64Array; readonly weight: number },
>(
  groups: readonly G[],
  scoreInto: (g: G) => number,
  w: Float64Array,
  ridge: number,
  z: Float64Array,
): number {
  let loss = 0;
  for (const g of groups) {
    const top = scoreInto(g);
    let sum = 0;
    for (let k = 0; k < g.n; k++) sum = sum + Math.exp((z[k] as number) - top);
    const log = top + Math.log(sum);
    for (let k = 0; k < g.n; k++) {
      loss += g.weight * (g.targets[k] as number) * (log - (z[k] as number));
    }
  }
  let squares = 0;
  for (let i = 0; i < w.length; i++) squares = squares + (w[i] as number) * (w[i] as number);
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
  // Each group's candidates packed into typed arrays, every sum in the same order as before: the
  // full fit took 2.1 s instead of 5.9 s with closures over nested arrays, to the same weights
  // (2-core machine, 2026-12-06).
  const packed = groups.map(packLexical);
  const most = Math.max(0, ...packed.map((g) => g.n));
  const z = new Float64Array(most);
  // Each bucket's expected count under one group's softmax, and which buckets the group touched.
  const mean = new Float64Array(buckets);
  const seen = new Uint8Array(buckets);
  const touched = new Int32Array(buckets);
  let v: Float64Array = new Float64Array(buckets);
  const gradient = new Float64Array(buckets);
  const curve = new Float64Array(buckets);
  let before = lexicalLoss(packed, v, ridge, z);
  for (let round = 0; round < rounds; round++) {
    for (let h = 0; h < buckets; h++) {
      gradient[h] = ridge * (v[h] as number);
      curve[h] = ridge;
    }
    for (const g of packed) {
      const top = lexicalScores(g, v, z);
      let total = 0;
      for (let k = 0; k < g.n; k++) {
        const e = Math.exp((z[k] as number) - top);
        z[k] = e;
        total = total + e;
      }
      let count = 0;
      for (let k = 0; k < g.n; k++) {
        const p = (z[k] as number) / total;
        const t = g.targets[k] as number;
        const end = g.starts[k + 1] as number;
        for (let a = g.starts[k] as number; a < end; a++) {
          const h = g.keys[a] as number;
          gradient[h] = (gradient[h] as number) + g.weight * (p - t);
          curve[h] = (curve[h] as number) + g.weight * p;
          if (seen[h] === 0) {
            seen[h] = 1;
            touched[count++] = h;
          }
          mean[h] = (mean[h] as number) + p;
        }
      }
      for (let a = 0; a < count; a++) {
        const h = touched[a] as number;
        const m = mean[h] as number;
        curve[h] = (curve[h] as number) - g.weight * m * m;
        mean[h] = 0;
        seen[h] = 0;
      }
    }
    let scale = 1 / templates;
    let next = lexicalStep(v, gradient, curve, scale);
    let after = lexicalLoss(packed, next, ridge, z);
    while (after > before && scale > 1e-4) {
      scale /= 2;
      next = lexicalStep(v, gradient, curve, scale);
      after = lexicalLoss(packed, next, ridge, z);
    }
    v = next;
    // The loss of the step taken is the next round's to beat.
    before = after;
  }
  // "|| 0": a weight rounded to -0 is written to JSON as 0, and must read back equal.
  return Array.from(v, (x) => Math.round(x * 10_000) / 10_000 || 0);
}

/** A lexical group with its candidates' buckets in one flat array; candidate k's are `keys[starts[k]]` up to `keys[starts[k + 1]]`. */
interface PackedLexical {
  readonly n: number;
  readonly offsets: Float64Array;
  readonly starts: Int32Array;
  readonly keys: Int32Array;
  readonly targets: Float64Array;
  readonly weight: number;
}

/** The group with its candidates' buckets in one flat array. */
function packLexical(g: LexicalGroup): PackedLexical {
  const n = g.offsets.length;
  const starts = new Int32Array(n + 1);
  for (let k = 0; k < n; k++) starts[k + 1] = (starts[k] as number) + (g.keys[k]?.length ?? 0);
  const keys = new Int32Array(starts[n] as number);
  for (let k = 0; k < n; k++) keys.set(g.keys[k] ?? [], starts[k]);
  const targets = Float64Array.from({ length: n }, (_, k) => g.targets[k] ?? 0);
  return { n, offsets: Float64Array.from(g.offsets), starts, keys, targets, weight: g.weight };
}

/** Writes the group's candidates' scores under `w` into `z` and returns the highest. */
function lexicalScores(g: PackedLexical, w: Float64Array, z: Float64Array): number {
  let top = -Infinity;
  for (let k = 0; k < g.n; k++) {
    let pairs = 0;
    const end = g.starts[k + 1] as number;
    for (let a = g.starts[k] as number; a < end; a++)
      pairs = pairs + (w[g.keys[a] as number] as number);
    const s = (g.offsets[k] as number) + pairs;
    z[k] = s;
    if (s > top) top = s;
  }
  return top;
}

/** The cross-entropy of the groups' targets with pair weights `w`, plus the ridge penalty. */
function lexicalLoss(
  groups: readonly PackedLexical[],
  w: Float64Array,
  ridge: number,
  z: Float64Array,
): number {
  return softmaxLoss(groups, (g) => lexicalScores(g, w, z), w, ridge, z);
}

/** The weights after a diagonal Newton step of `scale`. */
function lexicalStep(
  v: Float64Array,
  gradient: Float64Array,
  curve: Float64Array,
  scale: number,
): Float64Array {
  const next = new Float64Array(v.length);
  for (let h = 0; h < v.length; h++)
    next[h] = (v[h] as number) - (scale * (gradient[h] as number)) / (curve[h] as number);
  return next;
}
