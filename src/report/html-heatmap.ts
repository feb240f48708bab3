/** Task × trial heatmap per suite: one cell per trial, coloured by status, linking to its console log. */
import type { SuiteTabulation, TrialCell } from "../tabulate/tabulation-types.ts";
import { TRIAL_STATUSES } from "../tabulate/tabulation-types.ts";
import { esc, logHref } from "./html-escape.ts";

function cellTitle(id: string, rep: number, cell: TrialCell): string {
  const parts = [`${id} trial ${rep}: ${cell.status}`];
  if (cell.durationMs !== null) parts.push(`${(cell.durationMs / 1000).toFixed(1)} s`);
  if (cell.score !== null) parts.push(`score ${cell.score}`);
  if (cell.reason) parts.push(cell.reason);
  return parts.join(" · ");
}

function cellHtml(suite: string, id: string, rep: number, cell: TrialCell, resultsRoot: string | null): string {
  const title = esc(cellTitle(id, rep, cell));
  const attrs = `class="cell" data-status="${cell.status}" data-task="${esc(id)}" data-trial="${rep}" title="${title}"`;
  const linked = resultsRoot !== null && cell.status !== "missing" && cell.status !== "skipped";
  const inner = linked ? `<a href="${esc(logHref(resultsRoot, suite, id, rep))}" aria-label="${title}"></a>` : "";
  return `<td ${attrs}>${inner}</td>`;
}

/** The legend of status colours. */
export function legend(): string {
  return `<p class="legend">${TRIAL_STATUSES.map((s) => `<span><i data-status="${s}"></i>${s}</span>`).join("")}</p>`;
}

/** One suite's heatmap table; `resultsRoot` is the relative URL of the Results root (null: no links). */
export function heatmap(suite: SuiteTabulation, resultsRoot: string | null): string {
  const trials = Math.max(0, ...suite.rows.map((r) => r.trials.length));
  const head = Array.from({ length: trials }, (_, i) => `<th>${i}</th>`).join("");
  const rows = suite.rows.map((row) => {
    const cells = row.trials.map((cell, rep) => cellHtml(suite.name, row.id, rep, cell, resultsRoot)).join("");
    const rate = `${(100 * row.passRate).toFixed(0)}%`;
    return `<tr><td class="id">${esc(row.id)}${row.flaky ? " <span class=\"muted\">(flaky)</span>" : ""}</td>${cells}<td class="num">${rate}</td></tr>`;
  });
  return `<h3>${esc(suite.name)}</h3><table class="heat" data-suite="${esc(suite.name)}"><thead><tr><th>task</th>${head}<th>pass rate</th></tr></thead>` +
    `<tbody>${rows.join("")}</tbody></table>`;
}

/** Flaky tasks of every suite (0 < pass rate < 1), or a line saying there are none. */
export function flakyList(suites: SuiteTabulation[]): string {
  const items = suites.flatMap((s) => s.rows.filter((r) => r.flaky).map((r) =>
    `<li data-flaky="${esc(r.id)}">${esc(s.name)} / <code>${esc(r.id)}</code>: ${r.passed} of ${r.trials.length} trials passed</li>`));
  return items.length ? `<ul class="flaky">${items.join("")}</ul>` : `<p class="muted">No flaky tasks.</p>`;
}
