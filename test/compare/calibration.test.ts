/**
 * Fast seeded calibration of the verdict (the full grid is test/perf/calibration.bench.ts): false alarms
 * at most α (with room for simulation noise, and far below the ~70–100 % the replaced rule gave),
 * power at the target, symmetry under swapping base and head, bounds, determinism, the
 * exact test against brute force, and the per-task flags.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { bootstrapInterval } from "../../src/compare/bootstrap-interval.ts";
import { compare, pairTasks } from "../../src/compare/compare.ts";
import { fromRecords } from "../../src/tabulate/tabulate.ts";
import { benjaminiHochberg, holm } from "../../src/compare/multiple-testing.ts";
import { swapSides, type TaskSamples } from "../../src/compare/samples.ts";
import { normalCdf } from "../../src/compare/normal.ts";
import { allocateTrials, designP, informationFraction, sequentialBoundaries } from "../../src/compare/sequential.ts";
import { stratifiedTest } from "../../src/compare/stratified-test.ts";
import { flagTasks } from "../../src/compare/task-flags.ts";
import { decide } from "../../src/compare/verdict.ts";
import { makeTabulation, uniform } from "../tabulate/make-tabulation.ts";
import { bernoulli, rng, simulate, simulateUntilDecided, truth, type Mixture } from "./simulate.ts";

const alarm = (v: string): boolean => v === "regressed" || v === "improved";
/** α + 3 binomial SE: a correct method passes this almost surely, a broken one (rates of 20 %+) cannot. */
const bound = (sims: number, alpha = 0.05): number => alpha + 3 * Math.sqrt((alpha * (1 - alpha)) / sims);

describe("verdict calibration (seeded simulations)", () => {
  for (const [tasks, trials, mixture] of [[20, 3, "mixed"], [50, 1, "flaky"], [8, 1, "mixed"], [10, 5, "flaky"]] as [number, number, Mixture][]) {
    it(`no change, ${tasks} tasks × ${trials} trials (${mixture}): regressed or improved, and p ≤ α, at most α`, () => {
      const random = rng(tasks * 100 + trials);
      const sims = 300;
      let alarms = 0;
      let rejections = 0;
      for (let i = 0; i < sims; i++) {
        const d = decide(simulate({ tasks, baseTrials: trials, headTrials: trials, mixture, effectPp: 0 }, random));
        if (alarm(d.verdict)) alarms++;
        if (d.pValue <= 0.05) rejections++;
      }
      assert.ok(alarms / sims <= bound(sims), `false alarms ${alarms}/${sims}`);
      assert.ok(rejections / sims <= bound(sims), `p ≤ α in ${rejections}/${sims}`);
    });
  }

  it("power: 50 tasks × 3 trials, a 17 pp drop spread over the tasks, is called regressed ≥ 80 % of the time", () => {
    const random = rng(17);
    const sims = 150;
    let regressed = 0;
    for (let i = 0; i < sims; i++) if (decide(simulate({ tasks: 50, baseTrials: 3, headTrials: 3, mixture: "mixed", effectPp: -17 }, random)).verdict === "regressed") regressed++;
    assert.ok(regressed / sims >= 0.8, `power ${regressed}/${sims}`);
  });

  it("one task that passed in base and fails every head trial does not flip the verdict", () => {
    const head = uniform(50, "PPP");
    head.t007 = "FFF";
    const c = compare(makeTabulation({ s: uniform(50, "PPP") }), makeTabulation({ s: head }));
    assert.equal(c.verdict, "inconclusive");
    assert.deepEqual(c.newFailures, []);
    assert.deepEqual(c.changedNotSignificant.map((t) => t.id), ["t007"]);
  });
});

describe("verdict: symmetry, bounds, determinism", () => {
  const datasets = (): TaskSamples[][] => {
    const random = rng(99);
    const out: TaskSamples[][] = [];
    for (let i = 0; i < 12; i++) out.push(simulate({ tasks: 3 + (i % 5) * 4, baseTrials: 1 + (i % 3), headTrials: 1 + (i % 4), mixture: "mixed", effectPp: i % 2 ? -15 : 0 }, random));
    // rewards in [0, 1] instead of pass/fail (Monte Carlo path)
    out.push(Array.from({ length: 6 }, (_, j) => ({ base: [0.2 * (j % 5), 0.5, 1], head: [0.1 * j, 0.3] })));
    return out;
  };

  it("swapping base and head mirrors Δ, interval and verdict and keeps p and the MDE", () => {
    const mirror: Record<string, string> = { regressed: "improved", improved: "regressed", unchanged: "unchanged", inconclusive: "inconclusive" };
    for (const tasks of datasets()) {
      const a = decide(tasks);
      const b = decide(swapSides(tasks));
      assert.equal(b.delta, 0 - a.delta);
      assert.equal(b.pValue, a.pValue);
      assert.equal(b.mde, a.mde);
      assert.equal(b.verdict, mirror[a.verdict]);
      const ia = bootstrapInterval(tasks);
      assert.deepEqual(bootstrapInterval(swapSides(tasks)), { low: 0 - ia.high, high: 0 - ia.low });
    }
  });

  it("swapping mirrors the interval also when Δ is exactly 0", () => {
    const cases: TaskSamples[][] = [
      [{ base: [1, 0, 0], head: [1, 1, 0] }, { base: [1, 1, 0], head: [1, 0, 0] }, { base: [1, 0, 1], head: [1, 1, 0] }],
      [{ base: [0], head: [1] }, { base: [1], head: [0] }, { base: [1, 1], head: [0, 1] }, { base: [0, 1], head: [1, 1] }],
    ];
    for (const tasks of cases) {
      const ia = bootstrapInterval(tasks);
      assert.ok(ia.low !== 0 - ia.high, `an asymmetric interval is needed to see the mirror: ${JSON.stringify(ia)}`);
      assert.deepEqual(bootstrapInterval(swapSides(tasks)), { low: 0 - ia.high, high: 0 - ia.low });
    }
  });

  it("compare() on swapped tabulations: same p, mirrored verdict, same flagged tasks", () => {
    const base = makeTabulation({ s: { ...uniform(12, "PPPPPPPPPP"), x: "FFFFFFFFFF" } });
    const head = makeTabulation({ s: { ...uniform(12, "FFFFFFFFFF"), x: "PPPPPPPPPP" } });
    const ab = compare(base, head);
    const ba = compare(head, base);
    assert.equal(ab.verdict, "regressed");
    assert.equal(ba.verdict, "improved");
    assert.equal(ab.pValue, ba.pValue);
    assert.deepEqual(ab.newFailures.map((t) => t.id), ba.fixed.map((t) => t.id));
    assert.deepEqual(ab.fixed.map((t) => t.id), ["x"]);
    assert.deepEqual(ba.newFailures.map((t) => t.id), ["x"]);
  });

  it("intervals stay within [−100, +100] pp, also at 1 and 2 tasks", () => {
    const cases: TaskSamples[][] = [
      [{ base: [0], head: [1] }],
      [{ base: [0, 0], head: [1, 1] }, { base: [0], head: [1] }],
      [{ base: [1, 1, 1], head: [0, 0, 0] }, { base: [1, 0, 1], head: [0, 1, 0] }],
      ...datasets(),
    ];
    for (const tasks of cases) {
      const i = bootstrapInterval(tasks);
      assert.ok(i.low >= -100 && i.high <= 100 && i.low <= i.high, JSON.stringify(i));
    }
    const two = compare(makeTabulation({ s: { a: "F", b: "P" } }), makeTabulation({ s: { a: "P", b: "P" } }));
    assert.ok(two.ci95.low >= -100 && two.ci95.high <= 100);
  });

  it("the interval is the whole range when no outcome could be significant, not a point", () => {
    const tooSmall: TaskSamples[][] = [
      [{ base: [1, 1, 1], head: [0, 0, 0] }],
      [{ base: [1], head: [0] }, { base: [1], head: [0] }],
      [{ base: [1, 1, 1], head: [1, 1, 1] }],
    ];
    for (const tasks of tooSmall) {
      assert.equal(decide(tasks).detectable, false);
      assert.deepEqual(bootstrapInterval(tasks), { low: -100, high: 100 });
    }
    const enough = [0, 1, 2, 3, 4].map(() => ({ base: [1, 1], head: [0, 0] }));
    assert.equal(decide(enough).detectable, true);
    assert.deepEqual(bootstrapInterval(enough), { low: -100, high: -100 });
  });

  it("deterministic: the same inputs give the same result, Monte Carlo included", () => {
    const tasks = datasets().at(-1)!;
    assert.equal(stratifiedTest(tasks).method, "monte-carlo");
    assert.deepEqual(decide(tasks), decide(tasks));
    assert.deepEqual(bootstrapInterval(tasks), bootstrapInterval(tasks));
  });
});

describe("stratified test against brute force", () => {
  /** Every re-split of every task's pool, enumerated. */
  function bruteForce(tasks: TaskSamples[]): number {
    const observed = Math.abs(tasks.reduce((s, t) => s + avg(t.head) - avg(t.base), 0) / tasks.length);
    let hits = 0;
    let total = 0;
    const walk = (i: number, sum: number): void => {
      if (i === tasks.length) {
        total++;
        if (Math.abs(sum / tasks.length) >= observed - 1e-9) hits++;
        return;
      }
      const t = tasks[i]!;
      const pool = [...t.base, ...t.head];
      for (let mask = 0; mask < 1 << pool.length; mask++) {
        if (popcount(mask) !== t.head.length) continue;
        const head = pool.filter((_, j) => mask & (1 << j));
        const base = pool.filter((_, j) => !(mask & (1 << j)));
        walk(i + 1, sum + avg(head) - avg(base));
      }
    };
    walk(0, 0);
    return hits / total;
  }
  const avg = (v: readonly number[]): number => v.reduce((s, x) => s + x, 0) / v.length;
  const popcount = (m: number): number => m.toString(2).replace(/0/g, "").length;

  it("exact path equals enumeration", () => {
    const tasks = [{ base: [1, 1, 0], head: [0, 0, 1] }, { base: [1, 1, 1], head: [0, 1, 0] }, { base: [0, 1, 0], head: [0, 0, 0] }];
    const r = stratifiedTest(tasks);
    assert.equal(r.method, "exact");
    assert.ok(Math.abs(r.p - bruteForce(tasks)) < 1e-12, `${r.p} vs ${bruteForce(tasks)}`);
  });

  it("Monte Carlo path (unequal trials) is within 0.01 of enumeration", () => {
    const tasks = [{ base: [1, 1, 0], head: [0, 0] }, { base: [1, 1, 1, 1], head: [0, 1, 0] }, { base: [0, 1], head: [0, 0, 0] }];
    const r = stratifiedTest(tasks);
    assert.equal(r.method, "monte-carlo");
    assert.ok(Math.abs(r.p - bruteForce(tasks)) < 0.01, `${r.p} vs ${bruteForce(tasks)}`);
  });
});

describe("per-task flags: exact test + Benjamini–Hochberg", () => {
  it("BH and Holm adjust as defined", () => {
    assert.deepEqual(benjaminiHochberg([0.01, 0.04, 0.03, 0.5]).map((q) => +q.toFixed(4)), [0.04, 0.0533, 0.0533, 0.5]);
    assert.deepEqual(holm([0.01, 0.04, 0.03]).map((q) => +q.toFixed(4)), [0.03, 0.06, 0.06]);
  });

  it("flags only what survives FDR control; the rest is 'changed, not significant'", () => {
    const tasks = [
      ...Array.from({ length: 16 }, (_, j) => ({ suite: "s", id: `same${j}`, base: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1], head: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1] })),
      { suite: "s", id: "broke", base: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1], head: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0] },
      { suite: "s", id: "flaky", base: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1], head: [1, 0, 0, 0, 0, 0, 0, 0, 1, 0] },
      { suite: "s", id: "fixed", base: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0], head: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1] },
      { suite: "s", id: "noise", base: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1], head: [1, 1, 1, 0, 1, 1, 1, 1, 1, 1] },
    ];
    const f = flagTasks(tasks, 0.05);
    assert.deepEqual(f.newFailures.map((t) => t.id), ["broke"]);
    assert.deepEqual(f.newlyFlaky.map((t) => t.id), ["flaky"]);
    assert.deepEqual(f.fixed.map((t) => t.id), ["fixed"]);
    assert.deepEqual(f.changedNotSignificant.map((t) => t.id), ["noise"]);
    assert.ok(f.newFailures[0]!.q <= 0.05 && f.changedNotSignificant[0]!.q > 0.05);
  });

  it("3 trials a side can never flag a task (3/3 → 0/3 has p = 0.1)", () => {
    const f = flagTasks([{ suite: "s", id: "a", base: [1, 1, 1], head: [0, 0, 0] }], 0.05);
    assert.deepEqual(f.newFailures, []);
    assert.ok(Math.abs(f.changedNotSignificant[0]!.p - 0.1) < 1e-12);
  });

  it("no change: a task is flagged in at most α of comparisons (50 tasks × 10 trials)", () => {
    const random = rng(5);
    const sims = 100;
    let any = 0;
    for (let i = 0; i < sims; i++) {
      const f = flagTasks(simulate({ tasks: 50, baseTrials: 10, headTrials: 10, mixture: "flaky", effectPp: 0 }, random).map((t, j) => ({ ...t, suite: "s", id: `t${j}` })), 0.05);
      if (f.newFailures.length + f.fixed.length + f.newlyFlaky.length) any++;
    }
    assert.ok(any / sims <= bound(sims), `${any}/${sims}`);
  });
});

describe("until-decided: group-sequential looks", () => {
  it("Lan–DeMets O'Brien–Fleming boundaries: the first is z(1−α(t)/2), the last near 1.98 for two looks", () => {
    const [c1, c2] = sequentialBoundaries([0.5, 1]);
    assert.ok(Math.abs(c1! - 1.959964 / Math.sqrt(0.5)) < 1e-3, `${c1}`);
    assert.ok(Math.abs(c2! - 1.979) < 0.01, `${c2}`);
  });

  for (const allocation of ["variance", "equal"] as const) {
    it(`no change: stopping with regressed or improved at most α of the time (20 tasks, base 3, budget 5 × 20 runs, ${allocation} allocation)`, () => {
      const random = rng(11);
      const sims = 200;
      let alarms = 0;
      for (let i = 0; i < sims; i++) {
        const s = simulateUntilDecided(truth({ tasks: 20, baseTrials: 3, headTrials: 5, mixture: "flaky", effectPp: 0 }, random), 3, 5, random, { allocation, draws: 999 });
        if (alarm(s.verdict)) alarms++;
      }
      assert.ok(alarms / sims <= bound(sims), `${alarms}/${sims}`);
    });
  }

  it("allocation: every task gets a first trial, then trials go where the base says the task is uncertain", () => {
    const solid = { base: [1, 1, 1], head: [1] };
    const flaky = { base: [1, 0, 1], head: [0] };
    assert.deepEqual(allocateTrials([{ base: [1, 1, 1], head: [] }, solid], 1), [1, 0]);
    const add = allocateTrials([solid, flaky, solid, flaky], 6);
    assert.equal(add.reduce((a, b) => a + b, 0), 6);
    assert.ok(add[1]! > add[0]! && add[3]! > add[2]!, JSON.stringify(add));
    assert.ok(add[0]! >= 1, "a task that passed every base trial is not starved");
    // The head's own outcomes never steer its next trials (no bias from when sampling stopped).
    assert.deepEqual(allocateTrials([{ ...solid, head: [0] }, { ...flaky, head: [1] }], 3), allocateTrials([solid, flaky], 3));
  });

  it("a look's p: the permutation p with equal head counts; with uneven ones, never below a Wald p with each side's own variance", () => {
    const even = [{ base: [1, 1, 0], head: [0, 1] }, { base: [1, 0, 1], head: [0, 0] }];
    assert.equal(designP(even, 0.2), 0.2);
    const uneven = [{ base: [1, 1, 1], head: [0, 0] }, { base: [1, 0, 1], head: [0, 1, 0, 0, 1, 0] }];
    // Δ = ((0 − 1) + (1/3 − 2/3)) / 2; variance (0/3 + 0/2 + (1/3)/3 + (4/15)/6) / 4
    const z = Math.abs((-1 - 1 / 3) / 2) / Math.sqrt((1 / 9 + 4 / 90) / 4);
    const wald = 2 * (1 - normalCdf(z));
    assert.ok(Math.abs(designP(uneven, 0) - wald) < 1e-12);
    assert.equal(designP(uneven, 0.9), 0.9);
  });

  it("information fraction: runs used against the budget, with the base's share of Var(Δ); equal counts give (1/nb + 1/R) / (1/nb + 1/r)", () => {
    const tasks = Array.from({ length: 10 }, () => ({ base: [1, 0, 1], head: [1, 1] }));
    assert.ok(Math.abs(informationFraction(tasks, 20, 50) - (1 / 3 + 1 / 5) / (1 / 3 + 1 / 2)) < 1e-12);
    assert.equal(informationFraction(tasks, 50, 50), 1);
  });
});

describe("unequal trial counts", () => {
  it("no change, 30 tasks, base 3 trials, head 1–6 trials per task (fixed in advance): p ≤ α at most α", () => {
    const random = rng(606);
    const sims = 200;
    let rejections = 0;
    for (let i = 0; i < sims; i++) {
      const p = truth({ tasks: 30, baseTrials: 3, headTrials: 1, mixture: "mixed", effectPp: 0 }, random).base;
      const samples = p.map((pb, j) => ({ base: bernoulli(pb, 3, random), head: bernoulli(pb, 1 + (j % 6), random) }));
      if (stratifiedTest(samples, 999).p <= 0.05) rejections++;
    }
    assert.ok(rejections / sims <= bound(sims), `${rejections}/${sims}`);
  });

  it("tabulation rates a planned-uneven task over its own trials; compare pairs exactly those trials", () => {
    const planned = new Map([["s", new Map([["a", 1], ["b", 3]])]]);
    const head = fromRecords([
      { suite: "s", id: "a", rep: 0, status: "passed", durationMs: 1, score: null },
      { suite: "s", id: "b", rep: 0, status: "passed", durationMs: 1, score: null },
      { suite: "s", id: "b", rep: 2, status: "failed", durationMs: 1, score: null },
    ], ["head"], undefined, true, planned);
    const [a, b] = head.suites[0]!.rows;
    assert.deepEqual([a!.trials.length, a!.passRate], [1, 1], "a: 1 planned trial, passed: 100 %, not 1 of 3");
    assert.deepEqual(b!.trials.map((c) => c.status), ["passed", "missing", "failed"], "b: a planned trial without a result is still missing");
    assert.equal(head.overall.trials, null);
    assert.match(head.rules, /different numbers of trials on purpose/);
    const base = makeTabulation({ s: { a: "PPP", b: "PPP" } });
    assert.deepEqual(pairTasks(base, head).pairs.map((p) => p.head), [[1], [1, 0, 0]]);
  });
});
