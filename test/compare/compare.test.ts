import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { compare } from "../../src/compare/compare.ts";
import { makeTabulation, uniform } from "../tabulate/make-tabulation.ts";

const close = (actual: number, expected: number, eps = 1e-3): void =>
  assert.ok(Math.abs(actual - expected) < eps, `${actual} ≠ ${expected}`);

describe("compare: paired Δ and interval", () => {
  it("Δ and its 95% interval from per-task differences", () => {
    // base rates .25 .5 .75 .5, head .75 .5 .5 .75 → d = [.5, 0, −.25, .25], mean .125 → Δ = +12.5 pp
    // Σ(d − .125)² = .140625 + .015625 + .140625 + .015625 = .3125; SE = √(.3125/12) = .161374 → 16.1374 pp
    // interval 12.5 ± 1.959964 × 16.1374 = 12.5 ± 31.6287 → [−19.1287, 44.1287]
    const base = makeTabulation({ s: { a: "PFFF", b: "PPFF", c: "PPPF", d: "PPFF" } });
    const head = makeTabulation({ s: { a: "PPPF", b: "PPFF", c: "PPFF", d: "PPPF" } });
    const c = compare(base, head);
    close(c.delta, 12.5);
    close(c.ci95.low, -19.1287);
    close(c.ci95.high, 44.1287);
    assert.equal(c.pairedTasks, 4);
    assert.equal(c.basePercentage, 50);
    assert.equal(c.headPercentage, 62.5);
    // MDE: base 8/16 → p̃ = 10/20 = .5, var .25/16 = .015625; head 10/16 → p̃ = 12/20 = .6, var .24/16 = .015
    // 2.801585 × √.030625 = 2.801585 × .175 = .490277 → 49.03 pp > 5 and the interval holds 0 → inconclusive
    close(c.mde, 49.0277);
    assert.equal(c.verdict, "inconclusive");
  });
});

describe("compare: verdict rules", () => {
  it("regressed: interval below 0 and |Δ| ≥ threshold", () => {
    // 10 tasks × 4 trials, every task 4/4 → 3/4: d = −.25 everywhere, SE 0, interval [−25, −25]
    const c = compare(makeTabulation({ s: uniform(10, "PPPP") }), makeTabulation({ s: uniform(10, "PPPF") }));
    assert.equal(c.delta, -25);
    assert.deepEqual(c.ci95, { low: -25, high: -25 });
    // MDE: base 40/40 → p̃ = 42/44, var = .954545·.045455/40 = .0010847; head 30/40 → p̃ = 32/44, var = .0049587
    // 2.801585 × √.0060434 = 2.801585 × .077739 = .21779 → 21.78 pp
    close(c.mde, 21.779);
    assert.equal(c.verdict, "regressed");
    assert.deepEqual(c.newFailures, []);
    assert.equal(c.newlyFlaky.length, 10);
  });

  it("regressed: a task that passed in base fails on every head trial, even when Δ is small", () => {
    // 50 tasks × 1 trial, one flips: d = −1 once → Δ = −2 pp; SE = √(.98/2450) = .02 → interval [−5.92, +1.92]
    const head = uniform(50, "P");
    head.t007 = "F";
    const c = compare(makeTabulation({ s: uniform(50, "P") }), makeTabulation({ s: head }));
    close(c.delta, -2);
    close(c.ci95.low, -5.9199);
    close(c.ci95.high, 1.9199);
    assert.equal(c.verdict, "regressed");
    assert.deepEqual(c.newFailures, [{ suite: "s", id: "t007", base: 1, head: 0 }]);
    assert.deepEqual(c.reasons, ["1 task(s) passed in base and fail on every head trial"]);
  });

  it("improved: interval above 0 and Δ ≥ threshold", () => {
    const c = compare(makeTabulation({ s: uniform(10, "PPFF") }), makeTabulation({ s: uniform(10, "PPPP") }));
    assert.equal(c.delta, 50);
    assert.equal(c.verdict, "improved");
    assert.deepEqual(c.reasons, ["Δ +50.0 pp is at least 5 pp and its interval excludes 0"]);
  });

  it("inconclusive: too small a suite to detect the threshold", () => {
    // 3 tasks × 1 trial: base F F P, head P F P → d = [1, 0, 0]: Δ = 33.33, SE = √((4/9+1/9+1/9)/6) = .3333
    // interval 33.33 ± 65.33 = [−32.0, 98.67] holds 0
    // MDE: base 1/3 → p̃ = 3/7, var = (3/7)(4/7)/3 = .081633; head 2/3 → p̃ = 4/7, same var
    // 2.801585 × √.163265 = 2.801585 × .404061 = 1.13201 → 113.2 pp > 5
    const c = compare(makeTabulation({ s: { a: "F", b: "F", c: "P" } }), makeTabulation({ s: { a: "P", b: "F", c: "P" } }));
    close(c.delta, 33.333);
    close(c.ci95.low, -31.999);
    close(c.ci95.high, 98.665);
    close(c.mde, 113.201);
    assert.equal(c.verdict, "inconclusive");
    assert.deepEqual(c.fixed, [{ suite: "s", id: "a", base: 0, head: 1 }]);
    assert.deepEqual(c.reasons, ["the interval includes 0 and the minimum detectable effect (113.2 pp) exceeds the 5 pp threshold: add tasks or trials"]);
  });

  it("unchanged: no change, and the suite could detect one", () => {
    // 100 tasks × 20 trials, 10/20 each on both sides: Δ 0, interval [0, 0]
    // MDE: 1000/2000 → p̃ = 1002/2004 = .5, var .25/2000 = .000125 per side; 2.801585 × √.00025 = .044297 → 4.43 pp ≤ 5
    const trials = "PPPPPPPPPPFFFFFFFFFF";
    const c = compare(makeTabulation({ s: uniform(100, trials) }), makeTabulation({ s: uniform(100, trials) }));
    assert.equal(c.delta, 0);
    close(c.mde, 4.4297);
    assert.equal(c.verdict, "unchanged");
    assert.deepEqual(c.reasons, ["no change of 5 pp or more, and this suite could detect one (MDE 4.4 pp)"]);
  });

  it("unchanged: a real but small change (interval excludes 0, |Δ| < threshold)", () => {
    // every task 10/20 → 11/20: d = .05 everywhere, Δ = +5 pp with SE 0; threshold 10
    const c = compare(
      makeTabulation({ s: uniform(100, "PPPPPPPPPPFFFFFFFFFF") }),
      makeTabulation({ s: uniform(100, "PPPPPPPPPPPFFFFFFFFF") }),
      { threshold: 10 },
    );
    close(c.delta, 5);
    assert.equal(c.verdict, "unchanged");
    assert.equal(c.threshold, 10);
    assert.deepEqual(c.reasons, ["Δ 5.0 pp is outside noise (interval excludes 0) but smaller than the 10 pp threshold"]);
  });

  it("inconclusive with no paired tasks; one-sided tasks listed", () => {
    const c = compare(makeTabulation({ s: { a: "P" } }), makeTabulation({ s: { b: "P" }, t: { a: "F" } }));
    assert.equal(c.pairedTasks, 0);
    assert.equal(c.verdict, "inconclusive");
    assert.deepEqual(c.onlyInBase, [{ suite: "s", id: "a" }]);
    assert.deepEqual(c.onlyInHead, [{ suite: "s", id: "b" }, { suite: "t", id: "a" }]);
    assert.deepEqual(c.reasons, ["no task is present on both sides"]);
  });

  it("per-suite Δ alongside the overall one", () => {
    const base = makeTabulation({ x: uniform(10, "PPPP"), y: uniform(10, "PPFF") });
    const head = makeTabulation({ x: uniform(10, "PPPF"), y: uniform(10, "PPFF") });
    const c = compare(base, head);
    // y: Δ 0 but MDE = 2.801585 × √(2 × .25/40) = 31.3 pp (p̃ = 22/44 = .5) > 5 → inconclusive
    assert.deepEqual(c.suites.map((s) => [s.name, s.delta, s.verdict]), [["x", -25, "regressed"], ["y", 0, "inconclusive"]]);
    close(c.suites[1]!.mde, 31.3224);
    // overall: d = −.25 on 10 of 20 tasks → Δ = −12.5; SE = √(Σ(d−d̄)²/(20·19)) = √(20·.015625/380) = .028677 → 2.8677 pp
    close(c.delta, -12.5);
    close(c.ci95.high, -12.5 + 1.959964 * 2.8677);
    assert.equal(c.verdict, "regressed");
  });
});
