/** The fail-on policy the Action's fail-on input and the CLI's gates share. */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { failOnList, failureReasons } from "../../src/compare/fail-on.ts";

const head = { percentage: 75, errored: 0 };
const regressed = { verdict: "regressed", delta: -12.5, newFailures: ["s/a", "s/b"] };

describe("failureReasons", () => {
  it("regression fails on a regressed verdict only, and needs a comparison", () => {
    assert.deepEqual(failureReasons({ failOn: ["regression"] }, head, regressed), ["regressed against the base: Δ −12.5 pp, 2 new failures"]);
    assert.deepEqual(failureReasons({ failOn: ["regression"] }, head, { ...regressed, verdict: "inconclusive" }), []);
    assert.deepEqual(failureReasons({ failOn: ["regression"] }, head), []);
  });

  it("threshold fails strictly below min-pass-rate (a fraction), naming the setting as the caller writes it", () => {
    assert.deepEqual(failureReasons({ failOn: ["threshold"], minPassRate: 0.75 }, head), [], "equal passes");
    assert.deepEqual(failureReasons({ failOn: ["threshold"], minPassRate: 0.8 }, head), ["pass rate 75.0 % is below min-pass-rate 80.0 %"]);
    assert.deepEqual(failureReasons({ failOn: ["threshold"], minPassRate: 0.8, minPassRateName: "--min-pass-rate" }, head), ["pass rate 75.0 % is below --min-pass-rate 80.0 %"]);
    assert.deepEqual(failureReasons({ failOn: ["threshold"] }, { percentage: 0, errored: 0 }), [], "no minimum, no failure");
  });

  it("error fails on any errored or timed-out trial; never and an empty list never fail; reasons follow the rules' order", () => {
    const bad = { percentage: 10, errored: 3 };
    assert.deepEqual(failureReasons({ failOn: ["never"], minPassRate: 1 }, bad, regressed), []);
    assert.deepEqual(failureReasons({ failOn: ["error", "threshold", "regression"], minPassRate: 0.5 }, bad, regressed), [
      "3 run(s) errored or timed out",
      "pass rate 10.0 % is below min-pass-rate 50.0 %",
      "regressed against the base: Δ −12.5 pp, 2 new failures",
    ]);
  });
});

describe("failOnList", () => {
  it("reads a comma-separated list of rules and refuses anything else", () => {
    assert.deepEqual(failOnList.parse(" threshold , error"), ["threshold", "error"]);
    for (const text of ["", ",", "regression,sometimes"]) assert.throws(() => failOnList.parse(text), { name: "OptionValueError", message: failOnList.expected }, text);
    assert.equal(failOnList.accepts(["regression"]), true);
    assert.equal(failOnList.accepts([]), false);
  });
});
