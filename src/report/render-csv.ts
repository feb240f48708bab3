/**
 * CSV: agbench's columns first (`Task Id`, then `Trial i Success` as True/False/empty and `Trial i Time`
 * in seconds per trial), then ours: Suite, Trial i Status per trial, Passed, Pass Rate, Flaky, and when
 * runs recorded model usage: Tokens per Trial, Cost USD per Trial, Requests (docs/usage.md).
 * Trial columns run to the largest trial count of any suite.
 */
import type { Tabulation } from "../tabulate/tabulation-types.ts";
import { seconds, successCell } from "./format.ts";

export function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** A Tabulation as CSV: agbench's columns first (task, then one column per trial), then the statistics. */
export function renderCsv(tabulation: Tabulation): string {
  const n = Math.max(1, ...tabulation.suites.map((s) => s.trials));
  const trials = Array.from({ length: n }, (_, i) => i);
  const header = [
    "Task Id",
    ...trials.flatMap((i) => [`Trial ${i} Success`, `Trial ${i} Time`]),
    "Suite",
    ...trials.map((i) => `Trial ${i} Status`),
    "Passed",
    "Pass Rate",
    "Flaky",
  ];
  // Usage columns only when some run recorded usage (`--record-usage`): other CSVs keep their columns.
  const usage = tabulation.suites.some((s) => s.usage !== undefined);
  if (usage) header.push("Tokens per Trial", "Cost USD per Trial", "Requests");
  const lines = [header.map(csvField).join(",")];
  for (const suite of tabulation.suites) {
    for (const row of suite.rows) {
      const cells = [
        row.id,
        ...trials.flatMap((i) => [successCell(row.trials[i]), seconds(row.trials[i]?.durationMs ?? null)]),
        suite.name,
        ...trials.map((i) => row.trials[i]?.status ?? ""),
        String(row.passed),
        row.passRate.toFixed(4),
        row.flaky ? "True" : "False",
      ];
      if (usage) cells.push(row.usage ? String(row.usage.meanTokens) : "", row.usage?.meanCostUsd == null ? "" : String(row.usage.meanCostUsd), row.usage ? String(row.usage.requests) : "");
      lines.push(cells.map(csvField).join(","));
    }
  }
  return `${lines.join("\n")}\n`;
}
