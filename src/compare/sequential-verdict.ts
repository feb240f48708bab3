/**
 * The verdict of results that `--until-decided` produced (docs/verdict.md, "Until decided"): the look
 * the run stopped at, replayed on the compared tasks with the run's α, threshold, budget and earlier
 * looks. compare() applies it whenever a side carries the design, so `bench compare` on the Results
 * gives the verdict the run reported, and plain α is never applied to a sequentially stopped sample.
 */
import type { SequentialDesign } from "../tabulate/tabulation-types.ts";
import type { Comparison } from "./compare.ts";
import type { TaskSamples } from "./samples.ts";
import { sequentialLook, type Look } from "./sequential.ts";
import { verdictSentence } from "./sentence.ts";

/** The look the run stopped at, on these tasks. */
export function lastLook(tasks: readonly TaskSamples[], design: SequentialDesign): Look {
  const last = design.looks.at(-1)!;
  return sequentialLook(tasks, {
    earlier: design.looks.slice(0, -1).map((l) => l.fraction), fraction: last.fraction, runs: last.runs, budget: design.budget,
    threshold: design.threshold, alpha: design.alpha,
  });
}

export function sequentialVerdict(c: Comparison, tasks: readonly TaskSamples[], design: SequentialDesign): Comparison {
  const look = lastLook(tasks, design);
  const verdict = look.decision === "stop" ? look.verdict : "inconclusive";
  const significant = look.pValue <= look.level;
  const reason = look.decision === "stop"
    ? `until decided: stopped at look ${look.look}, after ${look.runs} of at most ${look.budget} runs: ${look.reason}`
    : `until decided: the run stopped at look ${look.look} (${look.runs} of at most ${look.budget} runs), before this comparison was settled`;
  return {
    ...c, verdict, significant, pValue: look.pValue, sentence: verdictSentence({ ...c, verdict, significant }, design.threshold),
    reasons: [reason, ...c.reasons],
    rules: `${c.rules} Until decided: trials added where they cut the uncertainty most, Lan–DeMets O'Brien–Fleming alpha spending ` +
      `over ${look.look} look(s), α = ${design.alpha}, threshold ${design.threshold} pp (this look's level ${look.level.toPrecision(2)}).`,
  };
}
