/** The end of `bench run`: every failed, errored and timed-out run with a one-line reason and its log. */
import { isAbsolute, join, relative } from "node:path";
import type { RunResult, RunSummary } from "../../sdk/run.ts";
import { notPassedReason } from "../results/not-passed.ts";

/** How many runs the list shows before "and N more" (--verbose shows all). */
export const FAILURE_LIST_CAP = 10;

/** `path` relative to `cwd` when it is inside it (what a user types), else absolute. */
export function shownPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel) ? rel : path;
}

export function logPath(resultsDir: string, result: RunResult): string {
  return join(resultsDir, result.scenario, result.id, String(result.rep), "console_log.txt");
}

/** One line: status, run, reason, log path. */
export function failureLine(result: RunResult, resultsDir: string, cwd: string): string {
  return `${result.status.padEnd(7)} ${result.scenario}/${result.id}#${result.rep}: ${notPassedReason(result)} (log: ${shownPath(logPath(resultsDir, result), cwd)})`;
}

/** The list printed at the end of a run; empty when every run passed or was skipped. */
export function failureList(summary: RunSummary, cwd: string, cap: number = FAILURE_LIST_CAP): string[] {
  const bad = summary.results.filter((r) => r.status === "failed" || r.status === "error" || r.status === "timeout");
  if (bad.length === 0) return [];
  const shown = bad.slice(0, cap);
  const lines = [`Not passed (${bad.length}):`, ...shown.map((r) => `  ${failureLine(r, summary.resultsDir, cwd)}`)];
  if (bad.length > shown.length) {
    lines.push(`  … and ${bad.length - shown.length} more (bench tabulate ${shownPath(summary.resultsDir, cwd)} lists every run; --verbose lists them here)`);
  }
  return lines;
}
