/**
 * Calibration of the verdict (docs/verdict.md): simulated benchmarks where base and head come from the
 * same agent (no change) or a known change, over 5–200 tasks × 1–10 trials and mixtures of solid,
 * broken and flaky tasks. Prints, per cell, the false-alarm rate (regressed or improved with nothing
 * changed) and the power, for the verdict and — measured in the same run as the reference — for the
 * decision rule it replaced (copied below, in this file only). Then the per-task flags, one broken
 * task, and `--until-decided` against fixed -r at the same power. Goals: false alarm ≤ α + 2 SE in
 * every cell; power ≥ 80 % at 50 tasks × 3 trials for a 17 pp drop spread over the tasks.
 * BENCH_CAL_SIMS sets the simulations per cell (default 1000); BENCH_CAL_PARTS=grid or until-decided runs one part.
 */
import type { TaskSamples } from "../../src/compare/samples.ts";
import { flagTasks } from "../../src/compare/task-flags.ts";
import { decide } from "../../src/compare/verdict.ts";
import { bernoulli, MIXTURES, rng, simulate, simulateUntilDecided, truth, type Mixture } from "../compare/simulate.ts";

const SIMS = Number(process.env.BENCH_CAL_SIMS ?? 1000);
const PARTS = new Set((process.env.BENCH_CAL_PARTS ?? "grid,until-decided").split(","));
const ALPHA = 0.05;
const THRESHOLD = 5;
const TASKS = [5, 10, 20, 50, 100, 200];
const TRIALS = [1, 2, 3, 5, 10];

/** The decision rule before docs/verdict.md (reference only): normal interval, and any task that passed in base and fails every head trial. */
function oldVerdict(tasks: readonly TaskSamples[], threshold = THRESHOLD): string {
  const t = tasks.length;
  const rate = (v: readonly number[]): number => v.reduce((s, x) => s + x, 0) / v.length;
  const diffs = tasks.map((x) => rate(x.head) - rate(x.base));
  const delta = (100 * diffs.reduce((s, d) => s + d, 0)) / t;
  const m = delta / 100;
  const se = t < 2 ? Number.NaN : 100 * Math.sqrt(diffs.reduce((s, d) => s + (d - m) ** 2, 0) / (t * (t - 1)));
  const ci = Number.isFinite(se) ? { low: delta - 1.959964 * se, high: delta + 1.959964 * se } : { low: -100, high: 100 };
  const side = (pick: (x: TaskSamples) => readonly number[]): number => {
    const trials = tasks.reduce((s, x) => s + pick(x).length, 0);
    const p = (tasks.reduce((s, x) => s + pick(x).reduce((a, v) => a + v, 0), 0) + 2) / (trials + 4);
    return (p * (1 - p)) / trials;
  };
  const mde = 100 * 2.801585 * Math.sqrt(side((x) => x.base) + side((x) => x.head));
  const allTrialFailure = tasks.some((x) => x.base.some((v) => v === 1) && x.head.every((v) => v === 0));
  if ((ci.high < 0 && delta <= -threshold) || allTrialFailure) return "regressed";
  if (ci.low > 0 && delta >= threshold) return "improved";
  if (ci.low <= 0 && ci.high >= 0 && mde > threshold) return "inconclusive";
  return "unchanged";
}

const pct = (x: number): string => `${(100 * x).toFixed(1).padStart(5)}%`;
const alarm = (v: string): boolean => v === "regressed" || v === "improved";
let failures = 0;

function cell(tasks: number, trials: number, mixture: Mixture, effectPp: number, sims: number, seed: number) {
  const random = rng(seed);
  let alarms = 0, rejections = 0, oldAlarms = 0, regressed = 0, oldRegressed = 0;
  for (let i = 0; i < sims; i++) {
    const samples = simulate({ tasks, baseTrials: trials, headTrials: trials, mixture, effectPp }, random);
    const d = decide(samples, { threshold: THRESHOLD, alpha: ALPHA });
    const old = oldVerdict(samples);
    if (alarm(d.verdict)) alarms++;
    if (d.pValue <= ALPHA) rejections++;
    if (alarm(old)) oldAlarms++;
    if (d.verdict === "regressed") regressed++;
    if (old === "regressed") oldRegressed++;
  }
  return { alarms: alarms / sims, rejections: rejections / sims, oldAlarms: oldAlarms / sims, regressed: regressed / sims, oldRegressed: oldRegressed / sims };
}

const started = performance.now();
const bound = ALPHA + 2 * Math.sqrt((ALPHA * (1 - ALPHA)) / SIMS);
console.log(`calibration: ${SIMS} simulated comparisons per cell, α = ${ALPHA}, threshold ${THRESHOLD} pp; false-alarm goal ≤ ${pct(bound)} (α + 2 SE)`);
for (const [m, text] of Object.entries(MIXTURES)) console.log(`  mixture ${m}: ${text}`);
if (PARTS.has("grid")) {
  console.log("\nNo change (false alarm = regressed or improved) | power: regressed under a drop spread over the tasks");
  console.log("mixture tasks×trials | false alarm: new (p≤α)  old | power −17 pp: new  old | power −10 pp: new");
  let seed = 1;
  for (const mixture of ["mixed", "flaky", "solid"] as Mixture[]) {
    for (const tasks of TASKS) {
      for (const trials of TRIALS) {
        const sims = mixture === "mixed" ? SIMS : Math.ceil(SIMS / 2);
        const nul = cell(tasks, trials, mixture, 0, sims, seed++);
        const p17 = cell(tasks, trials, mixture, -17, sims, seed++);
        const p10 = mixture === "mixed" ? cell(tasks, trials, mixture, -10, sims, seed++) : undefined;
        const over = nul.alarms > ALPHA + 2 * Math.sqrt((ALPHA * (1 - ALPHA)) / sims);
        if (over) failures++;
        console.log(`${mixture.padEnd(6)} ${String(tasks).padStart(4)}×${String(trials).padEnd(3)}       | ${pct(nul.alarms)} (${pct(nul.rejections)}) ${pct(nul.oldAlarms)} | ${pct(p17.regressed)} ${pct(p17.oldRegressed)} | ${p10 ? pct(p10.regressed) : "     -"}${over ? "  ← over the goal" : ""}`);
      }
    }
  }

  const target = cell(50, 3, "mixed", -17, SIMS, 9001);
  const targetOk = target.regressed >= 0.8;
  if (!targetOk) failures++;
  console.log(`\nPower target: 50 tasks × 3 trials, 17 pp drop spread over the tasks → regressed ${pct(target.regressed)} (goal ≥ 80%) ${targetOk ? "PASS" : "FAIL"}`);

  // One task breaks (p → 0 in head), everything else the same: a true change of about 1/T, below the threshold.
  {
    const random = rng(77);
    let flips = 0, oldFlips = 0;
    for (let i = 0; i < SIMS; i++) {
      const samples = simulate({ tasks: 50, baseTrials: 3, headTrials: 3, mixture: "mixed", effectPp: 0 }, random);
      samples[0] = { base: bernoulli(0.9, 3, random), head: [0, 0, 0] };
      if (decide(samples).verdict === "regressed") flips++;
      if (oldVerdict(samples) === "regressed") oldFlips++;
    }
    console.log(`One task broken (p .9 → 0) among 50 × 3: whole verdict regressed ${pct(flips / SIMS)} (old rule ${pct(oldFlips / SIMS)})`);
  }

  // Per-task flags: Benjamini–Hochberg at α. Null: any flag at all; 5 of 50 tasks broken at 10 trials: false discoveries among flags.
  {
    const random = rng(4242);
    const sims = Math.ceil(SIMS / 4);
    let anyNull = 0, flagged = 0, falseFlags = 0, found = 0;
    for (let i = 0; i < sims; i++) {
      const nul = simulate({ tasks: 50, baseTrials: 10, headTrials: 10, mixture: "mixed", effectPp: 0 }, random).map((t, j) => ({ ...t, suite: "s", id: `t${j}` }));
      const f = flagTasks(nul, ALPHA);
      if (f.newFailures.length + f.fixed.length + f.newlyFlaky.length > 0) anyNull++;
      const p = truth({ tasks: 50, baseTrials: 10, headTrials: 10, mixture: "flaky", effectPp: 0 }, random).base;
      const eff = p.map((pb, j) => ({ suite: "s", id: `t${j}`, base: bernoulli(Math.max(pb, 0.6), 10, random), head: bernoulli(j < 5 ? 0 : Math.max(pb, 0.6), 10, random) }));
      const g = flagTasks(eff, ALPHA);
      const ids = [...g.newFailures, ...g.fixed, ...g.newlyFlaky].map((c) => Number(c.id.slice(1)));
      flagged += ids.length;
      falseFlags += ids.filter((j) => j >= 5).length;
      found += ids.filter((j) => j < 5).length;
    }
    console.log(`Task flags (exact test per task + BH at ${ALPHA}): no change, 50 × 10: any task flagged in ${pct(anyNull / sims)} of comparisons; ` +
      `5 of 50 broken: ${pct(found / (5 * sims))} of them flagged, false discoveries ${pct(flagged ? falseFlags / flagged : 0)} of flags`);
  }
}

// Unequal trial counts fixed in advance (head 1–6 trials per task, base 3): the Monte Carlo path of the test.
if (PARTS.has("grid")) {
  console.log("\nUnequal trial counts (base 3 trials, head 1–6 trials per task, mixed): false alarm (goal ≤ α + 2 SE) | power −17 pp");
  for (const tasks of [20, 50, 100]) {
    const sims = Math.ceil(SIMS / 2);
    const run = (effectPp: number, seedBase: number) => {
      const random = rng(seedBase);
      let alarms = 0, regressed = 0;
      for (let i = 0; i < sims; i++) {
        const p = truth({ tasks, baseTrials: 3, headTrials: 1, mixture: "mixed", effectPp }, random);
        const d = decide(p.base.map((pb, j) => ({ base: bernoulli(pb, 3, random), head: bernoulli(p.head[j]!, 1 + (j % 6), random) })));
        if (alarm(d.verdict)) alarms++;
        if (d.verdict === "regressed") regressed++;
      }
      return { alarms: alarms / sims, regressed: regressed / sims };
    };
    const nul = run(0, 3100 + tasks);
    const p17 = run(-17, 3200 + tasks);
    const over = nul.alarms > ALPHA + 2 * Math.sqrt((ALPHA * (1 - ALPHA)) / sims);
    if (over) failures++;
    console.log(`  ${String(tasks).padStart(3)} tasks: false alarm ${pct(nul.alarms)} | power ${pct(p17.regressed)}${over ? "  ← over the goal" : ""}`);
  }
}

// --until-decided (src/compare/until-decided.ts's steps on simulated tasks): look 1 gives every task one
// trial, each later look adds T runs; "variance" puts them where they cut Var(Δ) most, "equal" gives every
// task one more (the earlier design). Both against fixed -r, measured here.
if (PARTS.has("until-decided")) {
  const T = 50, NB = 3;
  const sims = Math.ceil(SIMS / 2);
  const sequential = (allocation: "variance" | "equal", effectPp: number, budget: number, seedBase: number, n = sims) => {
    const random = rng(seedBase);
    let regressed = 0, alarms = 0, runs = 0;
    for (let i = 0; i < n; i++) {
      const s = simulateUntilDecided(truth({ tasks: T, baseTrials: NB, headTrials: budget, mixture: "mixed", effectPp }, random), NB, budget, random, { allocation });
      runs += s.runs;
      if (s.verdict === "regressed") regressed++;
      if (alarm(s.verdict)) alarms++;
    }
    return { regressed: regressed / n, alarms: alarms / n, runs: runs / n };
  };
  const fixed = (effectPp: number, r: number, seedBase: number) => {
    const random = rng(seedBase);
    let regressed = 0;
    for (let i = 0; i < sims; i++) {
      const p = truth({ tasks: T, baseTrials: NB, headTrials: r, mixture: "mixed", effectPp }, random);
      const samples = p.base.map((pb, j) => ({ base: bernoulli(pb, NB, random), head: bernoulli(p.head[j]!, r, random) }));
      if (decide(samples).verdict === "regressed") regressed++;
    }
    return regressed / sims;
  };
  // No change is where an error rate is at stake: three times the simulations, so ±0.4 pp.
  const nullSims = 3 * SIMS;
  const goal = ALPHA + 2 * Math.sqrt((ALPHA * (1 - ALPHA)) / nullSims);
  console.log(`\n--until-decided (Lan–DeMets O'Brien–Fleming; ${T} tasks, base ${NB} trials, mixed; a look every ${T} runs; budget R × ${T} runs; ${nullSims} simulations per no-change row, ${sims} per effect row)`);
  console.log(`no change: false alarm (goal ≤ ${pct(goal)}) and mean head runs, trials where they help most | one more trial for every task`);
  for (const R of [3, 5, 10]) {
    const v = sequential("variance", 0, R, 500 + R, nullSims);
    const e = sequential("equal", 0, R, 500 + R, nullSims);
    const over = v.alarms > goal || e.alarms > goal;
    if (over) failures++;
    console.log(`  budget ${String(R).padStart(2)} × ${T}: ${pct(v.alarms)}, ${v.runs.toFixed(0)} runs | ${pct(e.alarms)}, ${e.runs.toFixed(0)} runs${over ? "  ← over the goal" : ""}`);
  }
  const budgets = [2, 3, 4, 5, 6, 8, 10];
  for (const effect of [-17, -10]) {
    console.log(`effect ${effect} pp: fixed -r against the smallest budget whose power is at least as high (runs: mean head runs; ratio: against fixed -r measured here)`);
    const rows = { variance: budgets.map((R) => ({ R, ...sequential("variance", effect, R, 700 + R) })), equal: budgets.map((R) => ({ R, ...sequential("equal", effect, R, 700 + R) })) };
    for (const r of [1, 2, 3, 5]) {
      const power = fixed(effect, r, 900 + r);
      const runs = T * r;
      const match = (list: typeof rows.variance) => list.find((b) => b.regressed >= power && b.R >= r);
      const v = match(rows.variance);
      const e = match(rows.equal);
      const show = (m: typeof v) => (m ? `budget ${String(m.R).padStart(2)}: power ${pct(m.regressed)}, ${m.runs.toFixed(0).padStart(3)} runs (${(m.runs / runs).toFixed(2)}× fixed)` : "no budget up to 10 matches");
      console.log(`  fixed -r ${r}: power ${pct(power)}, ${String(runs).padStart(3)} runs | where they help most: ${show(v)}` +
        `${v && e ? `, ${(v.runs / e.runs).toFixed(2)}× equal` : ""} | equal: ${show(e)}`);
    }
  }
}

console.log(`\n${((performance.now() - started) / 1000).toFixed(0)} s; ${failures === 0 ? "PASS" : `FAIL: ${failures} goal(s) missed`}`);
process.exitCode = failures === 0 ? 0 : 1;
