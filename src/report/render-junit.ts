/**
 * JUnit XML: one <testsuite> per scenario, one <testcase> per task × trial. failed → <failure>;
 * error, timeout and missing → <error> (they count as not passed); skipped → <skipped>.
 */
import type { Tabulation, TrialCell } from "../tabulate/tabulation-types.ts";

export function xmlEscape(text: string): string {
  // Characters XML 1.0 forbids are dropped; the five specials are escaped.
  return text
    .replace(/[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "")
    .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

function secs(ms: number | null): string {
  return ((ms ?? 0) / 1000).toFixed(3);
}

function outcome(cell: TrialCell): string {
  const message = (fallback: string): string => xmlEscape(cell.reason ?? fallback);
  switch (cell.status) {
    case "passed":
      return "";
    case "failed":
      return `<failure type="failed" message="${message("the score says the task was not solved")}"/>`;
    case "error":
      return `<error type="error" message="${message("the run broke")}"/>`;
    case "timeout":
      return `<error type="timeout" message="${message("the run timed out")}"/>`;
    case "missing":
      return `<error type="missing" message="${message("no result for this trial")}"/>`;
    case "skipped":
      return `<skipped message="${message("not run")}"/>`;
  }
}

/** A Tabulation as JUnit XML: one test suite per suite, one test case per task and trial. */
export function renderJunit(tabulation: Tabulation): string {
  const o = tabulation.overall.counts;
  const lines = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="bench-action" tests="${o.total}" failures="${o.failed}" errors="${o.error + o.timeout + o.missing}" skipped="${o.skipped}" time="${secs(tabulation.overall.totalDurationMs)}">`,
  ];
  for (const suite of tabulation.suites) {
    const c = suite.counts;
    lines.push(
      `  <testsuite name="${xmlEscape(suite.name)}" tests="${c.total}" failures="${c.failed}" errors="${c.error + c.timeout + c.missing}" skipped="${c.skipped}" time="${secs(suite.totalDurationMs)}">`,
    );
    for (const row of suite.rows) {
      row.trials.forEach((cell, i) => {
        const open = `    <testcase classname="${xmlEscape(`${suite.name}.${row.id}`)}" name="${xmlEscape(`${row.id} [trial ${i}]`)}" time="${secs(cell.durationMs)}"`;
        const inner = outcome(cell);
        lines.push(inner ? `${open}>${inner}</testcase>` : `${open}/>`);
      });
    }
    lines.push(`  </testsuite>`);
  }
  lines.push(`</testsuites>`);
  return `${lines.join("\n")}\n`;
}
