/** Fold a run's results into the results root's history files. */
import type { RunResult } from "../types.ts";
import {
  type History, REGRESSION_STREAK, SUCCESS_RATE_WINDOW, readHistory, writeHistory,
} from "./history-file.ts";

/** Trailing run of `true` in a list of outcomes. */
export function passStreak(outcomes: readonly boolean[]): number {
  let streak = 0;
  for (let i = outcomes.length - 1; i >= 0 && outcomes[i] === true; i--) streak++;
  return streak;
}

/**
 * Pure: the history after these results. Skipped runs are not outcomes; error and timeout count as
 * failures. Results are applied in (rep, file) order so repetitions append chronologically.
 */
export function applyResults(history: History, results: readonly RunResult[]): History {
  const successRate = structuredClone(history.successRate);
  const regression = structuredClone(history.regression);
  const touched = new Map<string, RunResult>();
  const sorted = [...results].sort((a, b) => a.rep - b.rep);
  for (const result of sorted) {
    if (result.status === "skipped") continue;
    const list = [...(successRate[result.id] ?? []), result.status === "passed"];
    successRate[result.id] = list.slice(-SUCCESS_RATE_WINDOW);
    touched.set(result.id, result);
  }
  for (const [id, result] of touched) {
    const outcomes = successRate[id] ?? [];
    const streak = passStreak(outcomes);
    if (streak >= REGRESSION_STREAK) {
      const rate = Math.round((outcomes.filter(Boolean).length / outcomes.length) * 1000) / 10;
      const entry: History["regression"][string] = { scenario: result.scenario, streak, "success_%": rate };
      if (result.difficulty !== undefined) entry.difficulty = result.difficulty;
      if (result.category !== undefined) entry.category = result.category;
      regression[id] = entry;
    } else if (streak === 0) {
      delete regression[id];
    }
  }
  return { regression, successRate };
}

/** Read, update and write `regression_tests.json` and `success_rate.json` under `resultsRoot`. */
export async function updateHistory(resultsRoot: string, results: readonly RunResult[]): Promise<History> {
  const next = applyResults(await readHistory(resultsRoot), results);
  await writeHistory(resultsRoot, next);
  return next;
}
