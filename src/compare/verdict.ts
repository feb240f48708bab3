/**
 * The verdict of one comparison (overall or one suite): stratified permutation test on Δ, then the
 * practical threshold and the minimum detectable effect. Method and rules: docs/verdict.md.
 * - regressed / improved: p ≤ α and Δ ≤ −threshold / Δ ≥ threshold;
 * - unchanged: p ≤ α but |Δ| < threshold (a real but small change), or p > α with MDE ≤ threshold;
 * - inconclusive: no paired task, or p > α and MDE > threshold (too few tasks or trials to tell).
 */
import { detectableEffect } from "./detectable.ts";
import type { TaskSamples } from "./samples.ts";
import { stratifiedTest, type TestResult } from "./stratified-test.ts";

/** The outcome of base against head: improved, regressed, unchanged (smaller than the threshold) or inconclusive. */
export type Verdict = "improved" | "regressed" | "unchanged" | "inconclusive";

/** The verdict's default false-alarm rate (`--alpha`, the Action's `alpha`). */
export const DEFAULT_ALPHA = 0.05;
/** The default smallest change that counts, in percentage points (`--threshold`, the Action's `threshold`). */
export const DEFAULT_THRESHOLD = 5;

/** Options of decide: significance level, threshold in points, permutation draws. */
export interface DecideOptions {
  /** Smallest |Δ| in pp that counts as a change (default 5). */
  threshold?: number;
  /** False-alarm rate of the verdict (default 0.05). */
  alpha?: number;
  /** Monte Carlo draws when the test is not exact (default 9999). */
  draws?: number;
}

/** decide()'s result: paired tasks, Δ in points, p-value and test method, MDE, and the verdict. */
export interface Decision {
  /** Tasks present in both base and head. */
  pairedTasks: number;
  /** Δ in pp (head − base). */
  delta: number;
  /** Two-sided p-value of the paired test. */
  pValue: number;
  /** How the p-value was computed. */
  method: TestResult["method"];
  /** Minimum detectable effect in points at this sample size. */
  mde: number;
  /** False when no outcome with these trial counts could reach α. */
  detectable: boolean;
  /** p ≤ α. */
  significant: boolean;
  /** The verdict (docs/verdict.md). */
  verdict: Verdict;
}

/** The verdict rule, from a p-value (possibly adjusted) and the MDE. */
export function verdictFrom(p: number, delta: number, mde: number, pairedTasks: number, threshold: number, alpha: number): Verdict {
  if (pairedTasks === 0) return "inconclusive";
  if (p <= alpha) return delta <= -threshold ? "regressed" : delta >= threshold ? "improved" : "unchanged";
  return mde <= threshold ? "unchanged" : "inconclusive";
}

/** The verdict rule on raw per-task samples (values in [0, 1]): stratified permutation test, MDE, verdict (docs/verdict.md). */
export function decide(tasks: readonly TaskSamples[], options: DecideOptions = {}): Decision {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const alpha = options.alpha ?? DEFAULT_ALPHA;
  const test = stratifiedTest(tasks, options.draws);
  const { mde, detectable } = detectableEffect(tasks, alpha);
  const delta = 100 * test.delta;
  return {
    pairedTasks: tasks.length, delta, pValue: test.p, method: test.method, mde, detectable, significant: test.p <= alpha,
    verdict: verdictFrom(test.p, delta, mde, tasks.length, threshold, alpha),
  };
}
