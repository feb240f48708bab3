/**
 * The fail-on policy: whether a head (and its comparison with a base) fails the job, and why. The
 * Action's `fail-on` / `min-pass-rate` inputs and the CLI's gates (`bench tabulate --min-pass-rate`,
 * `bench compare --fail-on-regression`) all decide here. docs/action.md, "Inputs".
 */
import { countText, signedPoints } from "./sentence.ts";
import { OptionValueError, type ValueKind } from "../options/values.ts";

/** The rules `fail-on` accepts. */
export const FAIL_ON_RULES = ["regression", "threshold", "error", "never"] as const;
/** regression = the verdict is `regressed`; threshold = the pass rate is below the minimum; error = a run errored or timed out. */
export type FailOn = (typeof FAIL_ON_RULES)[number];

/** A comma-separated list of rules, at least one (`regression,error`). */
export const failOnList: ValueKind<FailOn[]> = {
  expected: `${FAIL_ON_RULES.join(" | ")} (comma-separated for several)`,
  parse: (text) => {
    const rules = text.split(",").map((s) => s.trim()).filter(Boolean);
    if (rules.length === 0 || !failOnList.accepts(rules)) throw new OptionValueError(failOnList.expected);
    return rules as FailOn[];
  },
  accepts: (value) => Array.isArray(value) && value.length > 0 && value.every((rule) => (FAIL_ON_RULES as readonly unknown[]).includes(rule)),
};

/** Which rules fail the job, and the minimum pass rate for `threshold`. */
export interface FailPolicy {
  /** The rules that fail the job (regression, threshold, error, …). */
  failOn: readonly FailOn[];
  /** The lowest passing pass rate, a fraction in [0, 1] (`threshold`). */
  minPassRate?: number;
  /** How messages name the minimum: the setting the user wrote (default "min-pass-rate"). */
  minPassRateName?: string;
}

/** What the policy reads of the head: its pass rate in percent and its errored + timed-out trials. */
export interface GateHead {
  /** The head's suite percentage. */
  percentage: number;
  /** The head's error and timeout trials. */
  errored: number;
}

/** What the policy reads of the comparison with the base. */
export interface GateComparison {
  /** compare()'s verdict. */
  verdict: string;
  /** Δ in percentage points (head − base). */
  delta: number;
  /** The comparison's new failures. */
  newFailures: readonly unknown[];
}

/** Why the job should fail under `policy`, in the order of its rules; [] when it passes. */
export function failureReasons(policy: FailPolicy, head: GateHead, comparison?: GateComparison): string[] {
  const reasons: string[] = [];
  for (const rule of policy.failOn) {
    if (rule === "regression" && comparison?.verdict === "regressed") {
      reasons.push(`regressed against the base: Δ ${signedPoints(comparison.delta)} pp, ${countText(comparison.newFailures.length, "new failure")}`);
    }
    if (rule === "threshold" && policy.minPassRate !== undefined && head.percentage / 100 < policy.minPassRate) {
      reasons.push(`pass rate ${head.percentage.toFixed(1)} % is below ${policy.minPassRateName ?? "min-pass-rate"} ${(policy.minPassRate * 100).toFixed(1)} %`);
    }
    if (rule === "error" && head.errored > 0) reasons.push(`${head.errored} run(s) errored or timed out`);
  }
  return reasons;
}
