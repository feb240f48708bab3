/**
 * The stratified permutation test behind the verdict (docs/verdict.md). Under "no change", the trials
 * of one task are exchangeable between base and head: pool them and re-split them within the task.
 * Statistic: Δ = mean over tasks of (mean head − mean base); two-sided p = P(|Δ*| ≥ |Δ|).
 * Exact when every value is 0/1 and every task has the same trial counts (a sum of hypergeometric
 * counts); otherwise a seeded Monte Carlo with p = (1 + hits) / (1 + draws), valid at any number of draws.
 */
import { seededFrom } from "./random.ts";
import { deltaOf, isBinary, oriented, sameShape, type TaskSamples } from "./samples.ts";

/** The stratified permutation test's result: Δ, the two-sided p-value, exact or Monte Carlo, and the draws. */
export interface TestResult {
  /** Δ as a fraction (head − base). */
  delta: number;
  /** Two-sided p-value. */
  p: number;
  /** "exact" when every permutation was enumerated, else "monte-carlo". */
  method: "exact" | "monte-carlo";
  /** Monte Carlo draws (0 when exact). */
  draws: number;
}

export const DEFAULT_DRAWS = 9999;

export function stratifiedTest(tasks: readonly TaskSamples[], draws = DEFAULT_DRAWS): TestResult {
  const delta = deltaOf(tasks);
  if (tasks.length === 0 || delta === 0) return { delta, p: 1, method: "exact", draws: 0 };
  if (isBinary(tasks) && sameShape(tasks)) return { delta, p: exactBinaryP(oriented(tasks).tasks), method: "exact", draws: 0 };
  return { delta, p: monteCarloP(tasks, draws), method: "monte-carlo", draws };
}

const logFactorials: number[] = [0];
function logFactorial(n: number): number {
  for (let i = logFactorials.length; i <= n; i++) logFactorials.push(logFactorials[i - 1]! + Math.log(i));
  return logFactorials[n]!;
}

export function logChoose(n: number, k: number): number {
  return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
}

/** P(k) for k = lo..hi of Hypergeometric(N, K successes, n draws). */
function hypergeometric(total: number, successes: number, drawn: number): { lo: number; pmf: number[] } {
  const lo = Math.max(0, drawn - (total - successes));
  const hi = Math.min(successes, drawn);
  const denominator = logChoose(total, drawn);
  const pmf: number[] = [];
  for (let k = lo; k <= hi; k++) pmf.push(Math.exp(logChoose(successes, k) + logChoose(total - successes, drawn - k) - denominator));
  return { lo, pmf };
}

/** Exact p for 0/1 values with equal counts: S = Σ head passes; |S·N − X·nh| measures |Δ| exactly in integers. */
function exactBinaryP(tasks: readonly TaskSamples[]): number {
  const nb = tasks[0]!.base.length;
  const nh = tasks[0]!.head.length;
  const n = nb + nh;
  let offset = 0;
  let observed = 0;
  let passes = 0;
  let dist = [1];
  for (const t of tasks) {
    const k = t.head.reduce((s, v) => s + v, 0);
    const x = k + t.base.reduce((s, v) => s + v, 0);
    observed += k;
    passes += x;
    if (x === 0 || x === n) {
      offset += x === 0 ? 0 : nh;
      continue;
    }
    const { lo, pmf } = hypergeometric(n, x, nh);
    offset += lo;
    const next = new Array<number>(dist.length + pmf.length - 1).fill(0);
    for (let i = 0; i < dist.length; i++) {
      const di = dist[i]!;
      if (di < 1e-300) continue;
      for (let j = 0; j < pmf.length; j++) next[i + j]! += di * pmf[j]!;
    }
    dist = next;
  }
  const distance = (s: number): number => Math.abs(s * n - passes * nh);
  const cut = distance(observed);
  let p = 0;
  for (let i = 0; i < dist.length; i++) if (distance(i + offset) >= cut) p += dist[i]!;
  return Math.min(1, p);
}

/**
 * Re-split each task's pool at random, on the Δ ≥ 0 orientation with a data seed: pass/fail values draw
 * each task's head passes from its hypergeometric law (one uniform per task), other values by a partial
 * Fisher–Yates shuffle.
 */
function monteCarloP(input: readonly TaskSamples[], draws: number): number {
  const { tasks } = oriented(input);
  const observed = Math.abs(deltaOf(tasks));
  const random = seededFrom(tasks, "permutation");
  if (isBinary(tasks)) return binaryMonteCarloP(tasks, observed, random, draws);
  const live = tasks
    .map((t) => {
      const pool = [...t.base, ...t.head].sort((a, b) => a - b);
      const total = pool.reduce((s, v) => s + v, 0);
      return { pool, nh: t.head.length, nb: t.base.length, total };
    })
    .filter((t) => t.pool[0] !== t.pool[t.pool.length - 1]);
  const tolerance = 1e-9;
  let hits = 0;
  for (let d = 0; d < draws; d++) {
    let sum = 0;
    for (const t of live) {
      const { pool, nh } = t;
      let head = 0;
      for (let j = 0; j < nh; j++) {
        const r = j + Math.floor(random() * (pool.length - j));
        const v = pool[r]!;
        pool[r] = pool[j]!;
        pool[j] = v;
        head += v;
      }
      sum += head / nh - (t.total - head) / t.nb;
    }
    if (Math.abs(sum / tasks.length) >= observed - tolerance) hits++;
  }
  return (1 + hits) / (1 + draws);
}

/** Monte Carlo for 0/1 values with any trial counts: task i adds k/nh − (x − k)/nb with k ~ Hypergeometric(N, x, nh). */
function binaryMonteCarloP(tasks: readonly TaskSamples[], observed: number, random: () => number, draws: number): number {
  const live: { cdf: Float64Array; lo: number; nh: number; nb: number; x: number }[] = [];
  for (const t of tasks) {
    const n = t.base.length + t.head.length;
    const x = t.base.reduce((a, v) => a + v, 0) + t.head.reduce((a, v) => a + v, 0);
    if (x === 0 || x === n) continue;
    const { lo, pmf } = hypergeometric(n, x, t.head.length);
    const cdf = new Float64Array(pmf.length);
    let sum = 0;
    pmf.forEach((p, i) => (cdf[i] = sum += p));
    cdf[pmf.length - 1] = Infinity;
    live.push({ cdf, lo, nh: t.head.length, nb: t.base.length, x });
  }
  const tolerance = 1e-9;
  let hits = 0;
  for (let d = 0; d < draws; d++) {
    let sum = 0;
    for (const t of live) {
      const u = random();
      let i = 0;
      while (t.cdf[i]! < u) i++;
      const k = t.lo + i;
      sum += k / t.nh - (t.x - k) / t.nb;
    }
    if (Math.abs(sum / tasks.length) >= observed - tolerance) hits++;
  }
  return (1 + hits) / (1 + draws);
}
