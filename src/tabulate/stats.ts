/**
 * Small statistics used by tabulate and compare. Rates are fractions in [0, 1].
 * pass@k: unbiased estimator 1 − C(n−c, k)/C(n, k) (Chen et al. 2021); pass^k: C(c, k)/C(n, k).
 */

/** z for a two-sided 95 % interval. */
export const Z95 = 1.959963984540054;
/** z(0.975) + z(0.80): multiplier of the standard error for 80 % power at α = 0.05 (≈ 2.80). */
export const MDE_MULTIPLIER = 1.959963984540054 + 0.8416212335729143;

/** A confidence interval: its low and high ends. */
export interface Interval {
  /** Lower end. */
  low: number;
  /** Upper end. */
  high: number;
}

/** Probability that at least one of k trials drawn without replacement from n (c passed) passes. */
export function passAtK(n: number, c: number, k: number): number {
  if (k < 1 || k > n) throw new RangeError(`k must be in 1..${n}, got ${k}`);
  if (n - c < k) return 1;
  // 1 − Π_{i=n−c+1..n} (1 − k/i): the stable product form of C(n−c,k)/C(n,k).
  let product = 1;
  for (let i = n - c + 1; i <= n; i++) product *= 1 - k / i;
  return 1 - product;
}

/** Probability that all of k trials drawn without replacement from n (c passed) pass. */
export function passHatK(n: number, c: number, k: number): number {
  if (k < 1 || k > n) throw new RangeError(`k must be in 1..${n}, got ${k}`);
  if (c < k) return 0;
  let product = 1;
  for (let i = 0; i < k; i++) product *= (c - i) / (n - i);
  return product;
}

/** Wilson score interval for x successes out of m, 95 %. */
export function wilson(x: number, m: number, z = Z95): Interval {
  if (m === 0) return { low: 0, high: 1 };
  const p = x / m;
  const z2 = z * z;
  const denominator = 1 + z2 / m;
  const center = (p + z2 / (2 * m)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / m + z2 / (4 * m * m));
  return { low: clip(center - half), high: clip(center + half) };
}

export function mean(values: readonly number[]): number {
  if (values.length === 0) return 0;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/**
 * Standard error of the mean of per-cluster values (clusters = tasks, equal weights):
 * sqrt(Σ (v_i − v̄)² / (T (T − 1))). This is the cluster-robust SE of a mean when every task has the
 * same number of trials. NaN when T < 2.
 */
export function clusteredSE(values: readonly number[]): number {
  const t = values.length;
  if (t < 2) return Number.NaN;
  const m = mean(values);
  let ss = 0;
  for (const v of values) ss += (v - m) * (v - m);
  return Math.sqrt(ss / (t * (t - 1)));
}

/** mean ± 1.96 SE clipped to [lowBound, highBound]; the whole range when the SE is undefined. */
export function normalInterval(center: number, se: number, lowBound = 0, highBound = 1): Interval {
  if (!Number.isFinite(se)) return { low: lowBound, high: highBound };
  return { low: Math.max(lowBound, center - Z95 * se), high: Math.min(highBound, center + Z95 * se) };
}

function clip(value: number): number {
  return Math.min(1, Math.max(0, value));
}
