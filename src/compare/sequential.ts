/**
 * Group-sequential looks for `--until-decided` (docs/verdict.md): α is spent over the looks with the
 * Lan–DeMets O'Brien–Fleming function α(t) = 2 − 2Φ(z₁₋α/₂ / √t), t = information fraction. Boundaries
 * come from the joint normal law of the look statistics (numerical integration, as in Jennison & Turnbull,
 * ch. 19); each look compares the stratified test's p-value with its nominal level. Stopping for "no
 * meaningful change" (non-binding futility) never raises the false-alarm rate.
 */
import { deltaSE, smoothedVariance } from "./detectable.ts";
import { normalCdf, normalPdf, normalQuantile } from "./normal.ts";
import { isBinary, type TaskSamples } from "./samples.ts";
import { signedPoints } from "./sentence.ts";
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
    if (out.length > 0 && step <= 1e-9) {
      // No information since the last look: no α for this one.
      out.push(NO_BOUNDARY);
      continue;
    }
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

/** Prior weight a + b of the Beta prior, kept in this range so no task is starved or the data ignored. */
const PRIOR_WEIGHT = { min: 0.5, max: 4 };

/**
 * Each task's per-trial variance for planning (docs/verdict.md, "Until decided"), from the base's trials
 * only: the head's own outcomes never decide where its next trials go, so a task's head pass rate is an
 * ordinary mean, not one biased by when sampling it stopped (pooling head outcomes in was measured and
 * lost power). Pass/fail: the posterior mean of p(1 − p) under a Beta prior fitted to all tasks' base
 * pass rates (method of moments, prior weight a + b kept in [0.5, 4]), so a task that passed 3 of 3 still
 * has some variance: less when the benchmark is full of solid tasks, more when it is full of flaky ones.
 * Other values (rewards): the base variance smoothed toward ¼ as in detectable.ts.
 */
export function planningVariances(tasks: readonly TaskSamples[]): number[] {
  if (!isBinary(tasks)) return tasks.map((t) => smoothedVariance({ base: t.base, head: [] }));
  const counts = tasks.map((t) => ({ x: t.base.reduce((a, v) => a + v, 0), n: t.base.length }));
  const rates = counts.map((c) => c.x / c.n);
  const m = rates.reduce((a, r) => a + r, 0) / rates.length;
  const v = rates.reduce((a, r) => a + (r - m) ** 2, 0) / Math.max(1, rates.length - 1);
  const center = Math.min(0.95, Math.max(0.05, m));
  const weight = v > 0 ? (center * (1 - center)) / v - 1 : PRIOR_WEIGHT.max;
  const s = Math.min(PRIOR_WEIGHT.max, Math.max(PRIOR_WEIGHT.min, weight));
  return counts.map(({ x, n }) => {
    const a = center * s + x;
    const b = (1 - center) * s + n - x;
    return (a * b) / ((a + b) * (a + b + 1));
  });
}

/**
 * Head trials to add to each task with `runs` more runs (docs/verdict.md, "Until decided"): one at a time,
 * each to the task whose next trial cuts Var(Δ) the most, σ̃ᵢ² (1/nᵢ − 1/(nᵢ+1)) = σ̃ᵢ²/(nᵢ(nᵢ+1)), with
 * σ̃ᵢ² the task's planning variance (`planningVariances`). A task with fewer than two head trials comes first. Ties
 * go to the earlier task, so the plan is deterministic for tasks in a fixed order (pairTasks sorts them).
 */
export function allocateTrials(tasks: readonly TaskSamples[], runs: number): number[] {
  const add = tasks.map(() => 0);
  const variance = planningVariances(tasks);
  // Every task gets two head trials first, so each has a head variance of its own (`designP`).
  const gain = (i: number): number => {
    const n = tasks[i]!.head.length + add[i]!;
    return n < 2 ? Infinity : variance[i]! / (n * (n + 1));
  };
  // A max-heap of task indices by gain (then by index), so a large remaining budget costs O(runs · log T).
  const heap: number[] = [];
  const before = (a: number, b: number): boolean => gain(a) > gain(b) || (gain(a) === gain(b) && a < b);
  const swap = (a: number, b: number): void => void ([heap[a], heap[b]] = [heap[b]!, heap[a]!]);
  const down = (i: number): void => {
    for (;;) {
      const l = 2 * i + 1, r = l + 1;
      let top = i;
      if (l < heap.length && before(heap[l]!, heap[top]!)) top = l;
      if (r < heap.length && before(heap[r]!, heap[top]!)) top = r;
      if (top === i) return;
      swap(i, top);
      i = top;
    }
  };
  tasks.forEach((_, i) => heap.push(i));
  for (let i = Math.floor(heap.length / 2) - 1; i >= 0; i--) down(i);
  for (let r = 0; r < runs && heap.length > 0; r++) {
    add[heap[0]!]!++;
    down(0);
  }
  return add;
}

/**
 * Information fraction of a look after `runs` of `budget` head runs over T tasks: (ν + T/budget) / (ν + T/runs),
 * ν = mean over tasks of 1/nbᵢ — what the fraction would be if every task had runs/T head trials, so the
 * base's fixed share of Var(Δ) is accounted for. It depends on runs only (never on outcomes or on how the
 * runs were spread), so both allocations share the same boundaries; with nb base and r of R head trials
 * per task it is (1/nb + 1/R) / (1/nb + 1/r).
 */
export function informationFraction(tasks: readonly TaskSamples[], runs: number, budget: number): number {
  if (tasks.length === 0 || runs >= budget) return 1;
  const nu = tasks.reduce((a, t) => a + 1 / t.base.length, 0) / tasks.length;
  const t = tasks.length;
  return Math.min(1, (nu + t / budget) / (nu + t / Math.max(runs, 1e-9)));
}

/**
 * The fraction a look uses: 1 at the last look; otherwise rounded down to 0.01, kept above the earlier
 * looks' and below 1 (so boundaries are computed for few distinct schedules, and α is left for the last look).
 */
export function lookFraction(raw: number, earlier: readonly number[], last: boolean): number {
  if (last) return 1;
  const previous = earlier.at(-1) ?? 0;
  return Math.min(0.99, Math.max(previous + 0.01, Math.floor(raw * 100) / 100));
}

/** One interim look of runUntilDecided: trials so far, p-value against its nominal level, Δ, and whether to stop. */
export interface Look {
  /** 1 for the first look. */
  look: number;
  /** Head runs planned so far (every look's, this one's included). */
  runs: number;
  /** The budget of head runs (repeat × tasks). */
  budget: number;
  /** Information fraction (1 = the budget is spent). */
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
  /** Information fractions of the earlier looks (increasing). */
  earlier: readonly number[];
  /** This look's fraction (`lookFraction`); 1 means the budget is spent. */
  fraction: number;
  runs: number;
  budget: number;
  threshold?: number;
  alpha?: number;
  /** Monte Carlo draws of the test when it is not exact (default 9999). */
  draws?: number;
}

/**
 * The p-value a look uses. With the same head count on every task it is the stratified test's. With
 * counts that depend on the base's outcomes (`allocateTrials`), a task's pooled variance is correlated
 * with its head count, and the permutation test, which takes the counts as fixed, can reject too often
 * (measured: 6.6 % instead of 5 % at a budget of 10 × 50 runs). There it is the larger of the permutation
 * p and a Wald p whose variance Σ (s²_base,i / nb_i + s²_head,i / nh_i) / T² is unbiased under such a
 * design (each side's own sample variance; a task with one head trial uses its pooled one).
 */
export function designP(tasks: readonly TaskSamples[], permutationP: number): number {
  if (tasks.length === 0 || tasks.every((t) => t.head.length === tasks[0]!.head.length)) return permutationP;
  const variance = (v: readonly number[]): number => {
    const m = v.reduce((a, x) => a + x, 0) / v.length;
    return v.reduce((a, x) => a + (x - m) ** 2, 0) / (v.length - 1);
  };
  let delta = 0;
  let v = 0;
  for (const t of tasks) {
    const pooled = [...t.base, ...t.head];
    const own = (side: readonly number[]): number => (side.length >= 2 ? variance(side) : variance(pooled));
    delta += t.head.reduce((a, x) => a + x, 0) / t.head.length - t.base.reduce((a, x) => a + x, 0) / t.base.length;
    v += own(t.base) / t.base.length + own(t.head) / t.head.length;
  }
  if (!(v > 0)) return permutationP;
  const wald = 2 * (1 - normalCdf(Math.abs(delta) / Math.sqrt(v)));
  return Math.max(permutationP, wald);
}

/** Decide at one look: stop (efficacy, futility or budget) or continue. */
export function sequentialLook(tasks: readonly TaskSamples[], options: LookOptions): Look {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const alpha = options.alpha ?? DEFAULT_ALPHA;
  const fractions = [...options.earlier, options.fraction];
  const level = nominalLevels(fractions, alpha).at(-1)!;
  const test = stratifiedTest(tasks, options.draws);
  const p = designP(tasks, test.p);
  const delta = 100 * test.delta;
  const last = options.fraction >= 1 || options.runs >= options.budget;
  const se = 100 * deltaSE(tasks);
  const base = { look: fractions.length, runs: options.runs, budget: options.budget, fraction: options.fraction, pValue: p, level, delta };
  if (p <= level) {
    return { ...base, decision: "stop", verdict: verdictFrom(p, delta, 0, tasks.length, threshold, level), reason: `p ${p.toPrecision(2)} ≤ ${level.toPrecision(2)} at this look` };
  }
  if (Math.abs(delta) + normalQuantile(1 - alpha / 2) * se < threshold) {
    return { ...base, decision: "stop", verdict: "unchanged", reason: `no change of ${threshold} pp or more: |Δ| + 1.96·SE < ${threshold} pp` };
  }
  if (last) return { ...base, decision: "stop", verdict: "inconclusive", reason: `budget of ${options.budget} runs spent` };
  return { ...base, decision: "continue", verdict: "inconclusive", reason: "not settled yet" };
}

/** One look on one line, as `bench run --until-decided` and the Action's `until-decided` log it. */
export function describeLook(look: Look): string {
  const delta = signedPoints(look.delta);
  const next = look.decision === "stop" ? `stop: ${look.verdict} (${look.reason})` : "more runs where they help most";
  return `look ${look.look}, ${look.runs} of at most ${look.budget} runs: Δ ${delta} pp, p ${look.pValue.toPrecision(2)} (this look needs ≤ ${look.level.toPrecision(2)}) → ${next}`;
}

export interface StepOptions {
  /** Information fractions of the earlier looks. */
  earlier: readonly number[];
  /** Head runs planned so far (paired or not), and the budget of runs. */
  runs: number;
  budget: number;
  /** Runs to add if the look does not stop (at most what is left of the budget). */
  batch: number;
  threshold?: number;
  alpha?: number;
  draws?: number;
  /** "variance" (default): trials where they cut Var(Δ) most; "equal": one more trial for every task (the earlier design, for comparison). */
  allocation?: "variance" | "equal";
}

/** One look of `--until-decided` on the paired tasks: the look, and when it continues, the head trials to add to each task. */
export function untilDecidedStep(tasks: readonly TaskSamples[], options: StepOptions): { look: Look; add: number[] } {
  const remaining = Math.max(0, options.budget - options.runs);
  const equal = options.allocation === "equal";
  const fraction = lookFraction(informationFraction(tasks, options.runs, options.budget), options.earlier, remaining === 0);
  const look = sequentialLook(tasks, { ...options, fraction });
  if (look.decision === "stop") return { look, add: tasks.map(() => 0) };
  const runs = Math.min(options.batch, remaining);
  return { look, add: equal ? tasks.map((_, i) => (i < runs ? 1 : 0)) : allocateTrials(tasks, runs) };
}
