/** The RunSummary for a plan and the results known so far (resumed or run now). */
import { RUN_STATUSES, type RunResult, type RunStatus, type RunSummary } from "../types.ts";
import type { PlanUnit } from "./plan.ts";

export interface SummaryInput {
  runId: string;
  resultsDir: string;
  units: readonly PlanUnit[];
  results: ReadonlyMap<PlanUnit, RunResult>;
  resumed: number;
  aborted: boolean;
  dryRun: boolean;
}

export function summarise(input: SummaryInput): RunSummary {
  const results = input.units.flatMap((unit) => input.results.get(unit) ?? []);
  const counts = Object.fromEntries(RUN_STATUSES.map((status) => [status, 0])) as Record<RunStatus, number>;
  for (const result of results) counts[result.status]++;
  return {
    runId: input.runId,
    resultsDir: input.resultsDir,
    results,
    counts: { ...counts, total: input.units.length },
    resumed: input.resumed,
    aborted: input.aborted,
    dryRun: input.dryRun,
    plan: input.units.map((unit) => ({ scenario: unit.scenario.scenario, id: unit.scenario.id, rep: unit.rep })),
  };
}
