import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { clusteredSE, normalInterval, passAtK, passHatK, wilson, MDE_MULTIPLIER } from "../../src/tabulate/stats.ts";

const close = (actual: number, expected: number, eps = 1e-6): void =>
  assert.ok(Math.abs(actual - expected) < eps, `${actual} ≠ ${expected}`);

describe("pass@k (unbiased 1 − C(n−c,k)/C(n,k))", () => {
  it("n=5, c=2", () => {
    close(passAtK(5, 2, 1), 0.4); // 1 − C(3,1)/C(5,1) = 1 − 3/5
    close(passAtK(5, 2, 2), 0.7); // 1 − C(3,2)/C(5,2) = 1 − 3/10
    close(passAtK(5, 2, 3), 0.9); // 1 − C(3,3)/C(5,3) = 1 − 1/10
    assert.equal(passAtK(5, 2, 4), 1); // n − c = 3 < 4: every draw of 4 holds a pass
  });
  it("no passes gives 0, all passes gives 1", () => {
    assert.equal(passAtK(3, 0, 2), 0);
    assert.equal(passAtK(3, 3, 1), 1);
  });
  it("rejects k outside 1..n", () => {
    assert.throws(() => passAtK(3, 1, 4), { name: "RangeError", message: "k must be in 1..3, got 4" });
  });
});

describe("pass^k (C(c,k)/C(n,k))", () => {
  it("n=5, c=3", () => {
    close(passHatK(5, 3, 1), 0.6); // 3/5
    close(passHatK(5, 3, 2), 0.3); // C(3,2)/C(5,2) = 3/10
    close(passHatK(5, 3, 3), 0.1); // C(3,3)/C(5,3) = 1/10
    assert.equal(passHatK(5, 3, 4), 0); // c < k
  });
});

describe("Wilson interval", () => {
  it("8 of 10", () => {
    // p = .8, z² = 3.841459, d = 1 + z²/10 = 1.384146; center = (.8 + z²/20)/d = .992073/1.384146 = .716738
    // half = (z/d)·√(.8·.2/10 + z²/400) = 1.416009 · √.025604 = .226576 → [.490162, .943314]
    const { low, high } = wilson(8, 10);
    close(low, 0.490162, 1e-5);
    close(high, 0.943314, 1e-5);
  });
  it("0 of 5 starts at 0 and is not degenerate", () => {
    // d = 1 + z²/5 = 1.768292; center = (z²/10)/d = .217242; half = (z/d)·√(z²/100) = .217242
    const { low, high } = wilson(0, 5);
    assert.equal(low, 0);
    close(high, 0.434484, 1e-5);
  });
  it("no observations: the whole range", () => {
    assert.deepEqual(wilson(0, 0), { low: 0, high: 1 });
  });
});

describe("task-clustered interval", () => {
  it("rates [1, .5, 0, .5]", () => {
    // mean .5; Σ(r − .5)² = .25 + 0 + .25 + 0 = .5; SE = √(.5 / (4·3)) = .204124
    const se = clusteredSE([1, 0.5, 0, 0.5]);
    close(se, 0.204124);
    // .5 ± 1.959964·.204124 = .5 ± .400076
    const ci = normalInterval(0.5, se);
    close(ci.low, 0.099924);
    close(ci.high, 0.900076);
  });
  it("clips to [0, 1] and is the whole range for one task", () => {
    assert.deepEqual(normalInterval(0.95, 0.1), { low: 0.95 - 1.959963984540054 * 0.1, high: 1 });
    assert.ok(Number.isNaN(clusteredSE([1])));
    assert.deepEqual(normalInterval(1, clusteredSE([1])), { low: 0, high: 1 });
  });
  it("MDE multiplier is z(.975) + z(.8) ≈ 2.80", () => {
    close(MDE_MULTIPLIER, 2.801585, 1e-6);
  });
});
