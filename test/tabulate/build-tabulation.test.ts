import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { makeTabulation } from "./make-tabulation.ts";
import { TABULATION_RULES } from "../../src/tabulate/tabulation-types.ts";

const close = (actual: number, expected: number, eps = 1e-6): void =>
  assert.ok(Math.abs(actual - expected) < eps, `${actual} ≠ ${expected}`);

describe("buildSuite / assemble", () => {
  // a: PP (1), b: PF (.5), c: FF (0), d: P- (.5: the missing trial counts as not passed)
  const t = makeTabulation({ s: { b: "PF", a: "PP", d: "P-", c: "FF" } });
  const suite = t.suites[0]!;

  it("sorts tasks by id and fills missing slots", () => {
    assert.deepEqual(suite.rows.map((r) => r.id), ["a", "b", "c", "d"]);
    assert.deepEqual(suite.rows[3]!.trials.map((c) => c.status), ["passed", "missing"]);
  });
  it("suite percentage = mean task pass rate, missing in the denominator", () => {
    // (1 + .5 + 0 + .5) / 4 = .5
    assert.equal(suite.percentage, 50);
  });
  it("counts per trial and overall", () => {
    assert.deepEqual(suite.counts, { passed: 4, failed: 3, error: 0, timeout: 0, skipped: 0, missing: 1, total: 8 });
    assert.deepEqual(suite.countsPerTrial[0], { passed: 3, failed: 1, error: 0, timeout: 0, skipped: 0, missing: 0, total: 4 });
    assert.deepEqual(suite.countsPerTrial[1], { passed: 1, failed: 2, error: 0, timeout: 0, skipped: 0, missing: 1, total: 4 });
  });
  it("pass@k and pass^k averaged over tasks", () => {
    // pass@1 = mean rate = .5; pass@2 per task: a 1, b 1 (n−c=1<2), c 0, d 1 → .75
    assert.deepEqual(suite.passAtK, [0.5, 0.75]);
    // pass^2 per task: a 1, b 0, c 0, d 0 → .25
    assert.deepEqual(suite.passHatK, [0.5, 0.25]);
  });
  it("task-clustered 95% interval for n > 1", () => {
    // rates [1, .5, 0, .5]: SE = √(.5/12) = .204124 → .5 ± .400076
    assert.equal(suite.ci95.method, "clustered");
    close(suite.ci95.low, 0.099924);
    close(suite.ci95.high, 0.900076);
  });
  it("flaky tasks: 0 < pass rate < 1", () => {
    assert.deepEqual(suite.flakyTasks, ["b", "d"]);
  });
  it("states the rule and the version", () => {
    assert.equal(t.version, 1);
    assert.equal(t.rules, TABULATION_RULES);
    assert.match(t.rules, /missing trials all count as not passed/);
  });
  it("Wilson over tasks for one trial", () => {
    const one = makeTabulation({ s: { a: "P", b: "P", c: "P", d: "P", e: "P", f: "P", g: "P", h: "P", i: "F", j: "E" } });
    // 8 of 10 → [.490162, .943314]
    assert.equal(one.suites[0]!.ci95.method, "wilson");
    close(one.suites[0]!.ci95.low, 0.490162, 1e-5);
    close(one.suites[0]!.ci95.high, 0.943314, 1e-5);
    assert.equal(one.suites[0]!.counts.error, 1);
  });
  it("overall weighs every task equally across suites", () => {
    const two = makeTabulation({ x: { a: "PP", b: "FF" }, y: { c: "PF", d: "PP", e: "PP", f: "PP" } });
    // rates 1, 0, .5, 1, 1, 1 → 4.5/6 = 75 %
    assert.equal(two.overall.percentage, 75);
    assert.equal(two.overall.tasks, 6);
    assert.equal(two.overall.trials, 2);
    assert.deepEqual(two.suites.map((s) => s.percentage), [50, 87.5]);
  });
  it("sorts ids with numbers numerically", () => {
    const t2 = makeTabulation({ s: { task_10: "P", task_2: "P", task_1: "F" } });
    assert.deepEqual(t2.suites[0]!.rows.map((r) => r.id), ["task_1", "task_2", "task_10"]);
  });
});
