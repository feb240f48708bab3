import type { ActionInputs } from "./inputs.ts";
import type { ComparisonView, HeadlineView } from "./report-view.ts";

/** Why the job should fail under `fail-on`, or [] when it should pass. */
export function failureReasons(inputs: ActionInputs, head: HeadlineView, comparison: ComparisonView | undefined): string[] {
  const reasons: string[] = [];
  for (const rule of inputs.failOn) {
    if (rule === "regression" && comparison?.verdict === "regressed") {
      reasons.push(`regressed against the base: Δ ${comparison.delta.toFixed(1)} pts, ${comparison.newFailures.length} new failure(s)`);
    }
    if (rule === "threshold" && inputs.minPassRate !== undefined && head.percentage / 100 < inputs.minPassRate) {
      reasons.push(`pass rate ${head.percentage.toFixed(1)} % is below min-pass-rate ${(inputs.minPassRate * 100).toFixed(1)} %`);
    }
    if (rule === "error" && head.errored > 0) reasons.push(`${head.errored} run(s) errored or timed out`);
  }
  return reasons;
}
