/**
 * The verdict of results that `--until-decided` produced (docs/verdict.md, "Until decided"): the look
 * the run stopped at, replayed on the compared tasks with the run's budget and looks. compare() applies
 * it whenever a side carries the design, so `bench compare` on the Results gives the verdict the run
 * reported, and plain α is never applied to a sequentially stopped sample. The threshold and α are the
 * run's unless the comparison names its own: the boundaries are then those of that α over the same
 * looks, and a rejection still needs a boundary crossed, so false alarms stay at most that α.
 */
import type { SequentialDesign } from "../tabulate/tabulation-types.ts";
import type { TaskSamples } from "./samples.ts";
import { sequentialLook, type Look } from "./sequential.ts";
import type { Verdict } from "./verdict.ts";

/** The look the run stopped at, on these tasks. */
export function lastLook(tasks: readonly TaskSamples[], design: SequentialDesign): Look {
  const last = design.looks.at(-1)!;
  return sequentialLook(tasks, {
    earlier: design.looks.slice(0, -1).map((l) => l.fraction), fraction: last.fraction, runs: last.runs, budget: design.budget,
    threshold: design.threshold, alpha: design.alpha,
  });
}

/** What the sequential rule decides at the run's last look: verdict, significance, p, a reason and the footnote's addition. */
export interface SequentialDecision {
  verdict: Verdict;
  significant: boolean;
  pValue: number;
  reason: string;
  rules: string;
}

export function sequentialDecision(tasks: readonly TaskSamples[], design: SequentialDesign): SequentialDecision {
  const look = lastLook(tasks, design);
  return {
    verdict: look.decision === "stop" ? look.verdict : "inconclusive",
    significant: look.pValue <= look.level,
    pValue: look.pValue,
    reason: look.decision === "stop"
      ? `until decided: stopped at look ${look.look}, after ${look.runs} of at most ${look.budget} runs: ${look.reason}`
      : `until decided: the run stopped at look ${look.look} (${look.runs} of at most ${look.budget} runs), before this comparison was settled`,
    rules: `Until decided: trials added where they cut the uncertainty most, Lan–DeMets O'Brien–Fleming alpha spending ` +
      `over ${look.look} look(s), α = ${design.alpha}, threshold ${design.threshold} pp (this look's level ${look.level.toPrecision(2)}).`,
  };
}
