import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { compare } from "../../src/compare/compare.ts";
import { makeTabulation, uniform } from "../tabulate/make-tabulation.ts";

const close = (actual: number, expected: number, eps = 1e-3): void =>
  assert.ok(Math.abs(actual - expected) < eps, `${actual} ≠ ${expected}`);

describe("compare: Δ, MDE and the stratified test", () => {
  it("Δ from per-task differences; MDE from smoothed per-task variances", () => {
    // base rates .25 .5 .75 .5, head .75 .5 .5 .75 → d = [.5, 0, −.25, .25], mean .125 → Δ = +12.5 pp
    // pooled per task (8 trials): 4/8, 4/8, 5/8, 5/8 → σ̃² = (8·p(1−p) + .5)/10 = .25, .25, .2375, .2375
    // SE = √(Σσ̃² · (1/4 + 1/4)) / 4 = √.4875 / 4 = .174553; MDE = 2.801585 × .174553 = 48.90 pp
    const base = makeTabulation({ s: { a: "PFFF", b: "PPFF", c: "PPPF", d: "PPFF" } });
    const head = makeTabulation({ s: { a: "PPPF", b: "PPFF", c: "PPFF", d: "PPPF" } });
    const c = compare(base, head);
    close(c.delta, 12.5);
    assert.equal(c.pairedTasks, 4);
    assert.equal(c.basePercentage, 50);
    assert.equal(c.headPercentage, 62.5);
    close(c.mde, 48.903);
    assert.equal(c.method, "exact");
    assert.ok(c.pValue > 0.05);
    assert.equal(c.verdict, "inconclusive");
    assert.equal(c.sentence, "No evidence of change (+12.5 pp is within chance); this benchmark can detect changes of about 49 pp or more.");
    assert.ok(c.ci95.low < 12.5 && c.ci95.high > 12.5 && c.ci95.low >= -100 && c.ci95.high <= 100);
  });
});

describe("compare: verdict rules", () => {
  it("regressed: significant and Δ ≤ −threshold", () => {
    // 10 tasks × 4 trials, 4/4 → 3/4: each pool has 7 passes of 8, head gets 3 or 4 with probability ½ each,
    // so S = Σ head passes ~ 30 + Binomial(10, ½); |S − 35| ≥ 5 only at S = 30 or 40: p = 2 · 2⁻¹⁰
    const c = compare(makeTabulation({ s: uniform(10, "PPPP") }), makeTabulation({ s: uniform(10, "PPPF") }));
    assert.equal(c.delta, -25);
    close(c.pValue, 2 ** -9, 1e-12);
    assert.equal(c.verdict, "regressed");
    // no single task is significant on its own (4/4 → 3/4): listed as changed, not significant
    assert.deepEqual(c.newFailures, []);
    assert.deepEqual(c.newlyFlaky, []);
    assert.equal(c.changedNotSignificant.length, 10);
    assert.equal(c.sentence, "Regressed: tasks pass 25.0 pp less often than on the base, more than chance explains.");
    assert.ok(c.ci95.high < 0 && c.ci95.low >= -100);
  });

  it("one task that passed in base and fails in head does not make the verdict", () => {
    // 50 tasks × 1 trial, one flips: Δ = −2 pp, the least extreme outcome possible: p = 1
    const head = uniform(50, "P");
    head.t007 = "F";
    const c = compare(makeTabulation({ s: uniform(50, "P") }), makeTabulation({ s: head }));
    close(c.delta, -2);
    assert.equal(c.pValue, 1);
    assert.equal(c.verdict, "inconclusive");
    assert.deepEqual(c.newFailures, []);
    assert.deepEqual(c.changedNotSignificant.map((t) => [t.id, t.base, t.head]), [["t007", 1, 0]]);
  });

  it("improved: significant and Δ ≥ threshold", () => {
    const c = compare(makeTabulation({ s: uniform(10, "PPFF") }), makeTabulation({ s: uniform(10, "PPPP") }));
    assert.equal(c.delta, 50);
    assert.equal(c.verdict, "improved");
    assert.ok(c.pValue < 1e-5);
    assert.deepEqual(c.reasons, ["the change is larger than chance explains (p < 0.001)", "10 tasks changed, but not significantly (each on its own is within chance)"]);
  });

  it("says how many trials ended in error or timeout or have no result, on each side", () => {
    const c = compare(makeTabulation({ s: { ...uniform(8, "PPP"), x: "PE-" } }), makeTabulation({ s: { ...uniform(8, "EET"), x: "PPP" } }));
    assert.equal(c.verdict, "regressed");
    assert.equal(c.reasons.at(-1), "2 trials of the base and 24 of the head ended in error or timeout or have no result; they count as not passed (their run folders say why)");
    const clean = compare(makeTabulation({ s: uniform(8, "PPF") }), makeTabulation({ s: uniform(8, "PFF") }));
    assert.ok(clean.reasons.every((r) => !/error or timeout/.test(r)), clean.reasons.join("\n"));
  });

  it("until-decided results: the run's threshold and α unless the caller names others, and the reasons agree with the verdict", () => {
    // 4 of 20 tasks 4/4 → 0/4: Δ = −20 pp, p = 2 / 70⁴ ≈ 8e-8.
    const base = makeTabulation({ s: { ...uniform(4, "PPPP", "a"), ...uniform(16, "PPPP", "b") } });
    const head = { ...makeTabulation({ s: { ...uniform(4, "FFFF", "a"), ...uniform(16, "PPPP", "b") } }), untilDecided: { alpha: 0.05, threshold: 5, budget: 80, looks: [{ runs: 40, fraction: 0.6 }, { runs: 80, fraction: 1 }] } };
    const own = compare(base, head);
    assert.equal(own.verdict, "regressed");
    assert.deepEqual([own.threshold, own.alpha], [5, 0.05]);
    const wide = compare(base, head, { threshold: 60 });
    assert.equal(wide.threshold, 60);
    assert.equal(wide.verdict, "unchanged", "Δ −20 pp is below a 60 pp threshold");
    assert.match(wide.rules, /threshold 60 pp/);
    const strict = compare(base, head, { alpha: 1e-9 });
    assert.equal(strict.verdict, "inconclusive");
    assert.match(strict.rules, /α = 1e-9/);
    assert.equal(strict.reasons.some((r) => /larger than chance/.test(r)), false, strict.reasons.join("\n"));
    // The run's own α and threshold when the caller gives none.
    const looser = compare(base, { ...head, untilDecided: { ...head.untilDecided, threshold: 60 } });
    assert.equal(looser.threshold, 60);
    assert.equal(looser.verdict, "unchanged");
  });

  it("inconclusive: too few runs for any outcome to be significant", () => {
    // 3 tasks × 1 trial: the most extreme outcome has p = 2 / 2³ = .25 > .05
    const c = compare(makeTabulation({ s: { a: "F", b: "F", c: "P" } }), makeTabulation({ s: { a: "P", b: "F", c: "P" } }));
    close(c.delta, 33.333);
    assert.equal(c.detectable, false);
    assert.equal(c.mde, 100);
    assert.equal(c.verdict, "inconclusive");
    assert.deepEqual(c.fixed, []);
    assert.deepEqual(c.changedNotSignificant.map((t) => t.id), ["a"]);
    assert.equal(c.sentence, "Too few runs to tell: with 3 tasks no change could be shown; add tasks or trials.");
    assert.ok(c.reasons.includes("with these numbers of tasks and trials no outcome could reach significance: add tasks or trials"));
    assert.ok(c.reasons.includes("1 task changed, but not significantly (each on its own is within chance)"), c.reasons.join("\n"));
    const one = compare(makeTabulation({ s: { a: "PPP" } }), makeTabulation({ s: { a: "FFF" } }));
    assert.equal(one.sentence, "Too few runs to tell: with 1 task no change could be shown; add tasks or trials.");
  });

  it("unchanged: no change, and the benchmark could detect one of the threshold's size", () => {
    // 100 tasks × 20 trials, 10/20 each on both sides: σ̃² = (40·.25 + .5)/42 = .25;
    // SE = √(100 · .25 · .1) / 100 = .015811; MDE = 2.801585 × .015811 = 4.43 pp ≤ 5
    const trials = "PPPPPPPPPPFFFFFFFFFF";
    const c = compare(makeTabulation({ s: uniform(100, trials) }), makeTabulation({ s: uniform(100, trials) }));
    assert.equal(c.delta, 0);
    assert.equal(c.pValue, 1);
    close(c.mde, 4.4297);
    assert.equal(c.verdict, "unchanged");
    assert.equal(c.sentence, "No evidence of change (+0.0 pp is within chance); this benchmark can detect changes of about 4 pp or more.");
  });

  it("unchanged: a real but small change (significant, |Δ| < threshold)", () => {
    const c = compare(
      makeTabulation({ s: uniform(100, "PPPPPPPPPPFFFFFFFFFF") }),
      makeTabulation({ s: uniform(100, "PPPPPPPPPPPFFFFFFFFF") }),
      { threshold: 10 },
    );
    close(c.delta, 5);
    assert.ok(c.pValue <= 0.05);
    assert.equal(c.verdict, "unchanged");
    assert.equal(c.threshold, 10);
    assert.ok(c.reasons.includes("|Δ| 5.0 pp is below the 10 pp threshold"));
    assert.equal(c.sentence, "A small real change (+5.0 pp), below the 10 pp that counts as a change.");
  });

  it("inconclusive with no paired tasks; one-sided tasks listed", () => {
    const c = compare(makeTabulation({ s: { a: "P" } }), makeTabulation({ s: { b: "P" }, t: { a: "F" } }));
    assert.equal(c.pairedTasks, 0);
    assert.equal(c.verdict, "inconclusive");
    assert.deepEqual(c.onlyInBase, [{ suite: "s", id: "a" }]);
    assert.deepEqual(c.onlyInHead, [{ suite: "s", id: "b" }, { suite: "t", id: "a" }]);
    assert.deepEqual(c.reasons, ["no task is present on both sides"]);
    assert.equal(c.sentence, "Nothing to compare: no task ran on both sides.");
  });

  it("per-suite verdicts use Holm-adjusted p-values", () => {
    const base = makeTabulation({ x: uniform(10, "PPPP"), y: uniform(10, "PPFF") });
    const head = makeTabulation({ x: uniform(10, "PPPF"), y: uniform(10, "PPFF") });
    const c = compare(base, head);
    // x: p = 2⁻⁹, Holm × 2; y: p = 1, MDE = 2.801585 × √(10 · .25 · .5)/10 = 31.32 pp > 5 → inconclusive
    assert.deepEqual(c.suites.map((s) => [s.name, s.delta, s.verdict]), [["x", -25, "regressed"], ["y", 0, "inconclusive"]]);
    close(c.suites[0]!.pAdjusted, 2 * 2 ** -9, 1e-12);
    close(c.suites[1]!.mde, 31.3224);
    // overall: y's flaky tasks add noise to the same −5 passes: not significant over all 20 tasks
    close(c.delta, -12.5);
    assert.ok(c.pValue > 0.05);
    assert.equal(c.verdict, "inconclusive");
  });

  it("a per-run value in [0, 1] can replace pass/fail (e.g. a reward)", () => {
    const base = makeTabulation({ s: uniform(10, "PPPP") });
    const c = compare(base, base, { value: (cell) => (cell.status === "passed" ? 0.5 : 0) });
    assert.equal(c.basePercentage, 50);
    assert.equal(c.delta, 0);
    assert.equal(c.verdict, "inconclusive");
  });
});
