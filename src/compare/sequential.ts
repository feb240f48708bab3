/**
 * Group-sequential looks for `--until-decided` (docs/verdict.md): α is spent over the looks with the
 * Lan–DeMets O'Brien–Fleming function α(t) = 2 − 2Φ(z₁₋α/₂ / √t), t = information fraction. Boundaries
 * come from the joint normal law of the look statistics (numerical integration, as in Jennison & Turnbull,
 * ch. 19); each look compares the stratified test's p-value with its nominal level. Stopping for "no
 * meaningful change" (non-binding futility) never raises the false-alarm rate.
 */
import { deltaSE } from "./detectable.ts";
import { normalCdf, normalPdf, normalQuantile } from "./normal.ts";
import type { TaskSamples } from "./samples.ts";
import { stratifiedTest } from "./stratified-test.ts";
import { DEFAULT_ALPHA, DEFAULT_THRESHOLD, verdictFrom, type Verdict } from "./verdict.ts";

export function obrienFlemingSpent(t: number, alpha: number): number {
  if (t <= 0) return 0;
  return Math.min(alpha, 2 - 2 * normalCdf(normalQuantile(1 - alpha / 2) / Math.sqrt(Math.min(1, t))));
}

const GRID = 301;
const NO_BOUNDARY = 12;

/** Two-sided z boundaries c₁..c_K for looks at increasing information fractions (the last one 1). */
export function sequentialBoundaries(fractions: readonly number[], alpha = DEFAULT_ALPHA): number[] {
  const out: number[] = [];
  let grid: number[] = [];
  let density: number[] = [];
  let previousT = 0;
  let spent = 0;
  for (const t of fractions) {
    const target = obrienFlemingSpent(t, alpha) - spent;
    const step = t - previousT;
    const crossing = (b: number): number => {
      if (out.length === 0) return 2 * (1 - normalCdf(b / Math.sqrt(t)));
      const sd = Math.sqrt(step);
      return integrate(grid, grid.map((s, i) => density[i]! * (normalCdf((-b - s) / sd) + 1 - normalCdf((b - s) / sd))));
    };
    let b: number;
    if (target <= 1e-15 || step <= 0) b = NO_BOUNDARY * Math.sqrt(t);
    else {
      let lo = 0;
      let hi = NO_BOUNDARY * Math.sqrt(t);
      for (let i = 0; i < 60; i++) {
        const mid = (lo + hi) / 2;
        if (crossing(mid) > target) lo = mid;
        else hi = mid;
      }
      b = hi;
    }
    const next = Array.from({ length: GRID }, (_, i) => -b + (2 * b * i) / (GRID - 1));
    const nextDensity = out.length === 0
      ? next.map((s) => normalPdf(s / Math.sqrt(t)) / Math.sqrt(t))
      : next.map((s2) => integrate(grid, grid.map((s, i) => density[i]! * normalPdf((s2 - s) / Math.sqrt(step)) / Math.sqrt(step))));
    spent += out.length === 0 ? 2 * (1 - normalCdf(b / Math.sqrt(t))) : crossing(b);
    out.push(b / Math.sqrt(t));
    grid = next;
    density = nextDensity;
    previousT = t;
  }
  return out;
}

/** Simpson's rule on an evenly spaced odd-sized grid. */
function integrate(x: readonly number[], y: readonly number[]): number {
  const h = (x[x.length - 1]! - x[0]!) / (x.length - 1);
  let sum = y[0]! + y[y.length - 1]!;
  for (let i = 1; i < y.length - 1; i++) sum += (i % 2 === 1 ? 4 : 2) * y[i]!;
  return (sum * h) / 3;
}

const levelCache = new Map<string, number[]>();

/** Nominal two-sided p-value level of each look. */
export function nominalLevels(fractions: readonly number[], alpha = DEFAULT_ALPHA): number[] {
  const key = `${alpha}:${fractions.join(",")}`;
  let levels = levelCache.get(key);
  if (!levels) {
    levels = sequentialBoundaries(fractions, alpha).map((c) => 2 * (1 - normalCdf(c)));
    if (levelCache.size > 1000) levelCache.clear();
    levelCache.set(key, levels);
  }
  return levels;
}

/** Information fraction of a look with `headTrials` per task against a fixed base of `baseTrials`, out of `maxTrials`. */
export function informationFraction(baseTrials: number, headTrials: number, maxTrials: number): number {
  return (1 / baseTrials + 1 / maxTrials) / (1 / baseTrials + 1 / headTrials);
}

/** One interim look of runUntilDecided: trials so far, p-value against its nominal level, Δ, and whether to stop. */
export interface Look {
  /** Head trials per task at this look. */
  trials: number;
  /** Head trials at this look as a fraction of the budget. */
  fraction: number;
  /** The test's p-value at this look. */
  pValue: number;
  /** The nominal level this look's p-value is compared with. */
  level: number;
  /** Δ at this look, in points. */
  delta: number;
  /** "stop" with a verdict, or "continue". */
  decision: "stop" | "continue";
  /** The verdict at this look. */
  verdict: Verdict;
  /** Why this look stops or continues, for a person. */
  reason: string;
}

export interface LookOptions {
  baseTrials: number;
  /** Head trials per task at each look so far (increasing; the last is this look). */
  schedule: readonly number[];
  maxTrials: number;
  threshold?: number;
  alpha?: number;
}

/** Decide at the last look of `schedule`: stop (efficacy, futility or budget) or continue. */
export function sequentialLook(tasks: readonly TaskSamples[], options: LookOptions): Look {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const alpha = options.alpha ?? DEFAULT_ALPHA;
  const fractions = options.schedule.map((r) => informationFraction(options.baseTrials, r, options.maxTrials));
  const level = nominalLevels(fractions, alpha).at(-1)!;
  const trials = options.schedule.at(-1)!;
  const test = stratifiedTest(tasks);
  const delta = 100 * test.delta;
  const last = trials >= options.maxTrials;
  const se = 100 * deltaSE(tasks);
  const base = { trials, fraction: fractions.at(-1)!, pValue: test.p, level, delta };
  if (test.p <= level) {
    return { ...base, decision: "stop", verdict: verdictFrom(test.p, delta, 0, tasks.length, threshold, level), reason: `p ${test.p.toPrecision(2)} ≤ ${level.toPrecision(2)} at this look` };
  }
  if (Math.abs(delta) + normalQuantile(1 - alpha / 2) * se < threshold) {
    return { ...base, decision: "stop", verdict: "unchanged", reason: `no change of ${threshold} pp or more: |Δ| + 1.96·SE < ${threshold} pp` };
  }
  if (last) return { ...base, decision: "stop", verdict: "inconclusive", reason: `budget of ${options.maxTrials} trials per task reached` };
  return { ...base, decision: "continue", verdict: "inconclusive", reason: "not settled yet" };
}

/** One look on one line, as `bench run --until-decided` and the Action's `until-decided` log it. */
export function describeLook(look: Look): string {
  const delta = `${look.delta >= 0 ? "+" : "−"}${Math.abs(look.delta).toFixed(1)}`;
  const next = look.decision === "stop" ? `stop: ${look.verdict} (${look.reason})` : "one more repetition";
  return `${look.trials} repetition(s) per task: Δ ${delta} pp, p ${look.pValue.toPrecision(2)} (this look needs ≤ ${look.level.toPrecision(2)}) → ${next}`;
}
