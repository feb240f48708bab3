/** The suites section of the HTML report: one SVG bar per suite with its 95 % interval, and a counts table. */
import type { SuiteTabulation, Tabulation } from "../tabulate/tabulation-types.ts";
import { esc, fmtPct } from "./html-escape.ts";

const LABEL_W = 220;
const BAR_W = 520;
const ROW_H = 28;

/** SVG bars (suite %, interval whiskers) for every suite plus the overall row. */
export function suiteBars(tabulation: Tabulation): string {
  const rows: { name: string; pct: number; low: number; high: number; overall: boolean }[] = tabulation.suites.map((s) => ({
    name: s.name, pct: s.percentage, low: s.ci95.low, high: s.ci95.high, overall: false,
  }));
  const o = tabulation.overall;
  rows.push({ name: "overall", pct: o.percentage, low: o.ci95.low, high: o.ci95.high, overall: true });
  const height = rows.length * ROW_H + 24;
  const x = (fraction: number): number => LABEL_W + Math.max(0, Math.min(1, fraction)) * BAR_W;
  const parts = rows.map((r, i) => {
    const y = i * ROW_H + 4;
    const mid = y + ROW_H / 2 - 4;
    const name = r.overall ? "<tspan font-weight=\"600\">overall</tspan>" : esc(r.name);
    return `<g class="suite-bar" data-suite="${esc(r.name)}" data-percentage="${r.pct.toFixed(1)}">` +
      `<title>${esc(r.name)}: ${fmtPct(r.pct)} (95% interval ${fmtPct(100 * r.low)}–${fmtPct(100 * r.high)})</title>` +
      `<text x="${LABEL_W - 8}" y="${mid + 4}" text-anchor="end">${name}</text>` +
      `<rect class="track" x="${LABEL_W}" y="${y}" width="${BAR_W}" height="${ROW_H - 8}"/>` +
      `<rect class="bar" x="${LABEL_W}" y="${y}" width="${(x(r.pct / 100) - LABEL_W).toFixed(1)}" height="${ROW_H - 8}"/>` +
      `<line class="ci" x1="${x(r.low).toFixed(1)}" x2="${x(r.high).toFixed(1)}" y1="${mid}" y2="${mid}"/>` +
      `<line class="ci" x1="${x(r.low).toFixed(1)}" x2="${x(r.low).toFixed(1)}" y1="${mid - 5}" y2="${mid + 5}"/>` +
      `<line class="ci" x1="${x(r.high).toFixed(1)}" x2="${x(r.high).toFixed(1)}" y1="${mid - 5}" y2="${mid + 5}"/>` +
      `<text x="${LABEL_W + BAR_W + 8}" y="${mid + 4}">${fmtPct(r.pct)}</text></g>`;
  });
  const axis = [0, 25, 50, 75, 100].map((t) =>
    `<text x="${x(t / 100)}" y="${height - 4}" text-anchor="middle" class="muted">${t}%</text>`).join("");
  return `<svg role="img" aria-label="Suite percentages with 95% intervals" width="${LABEL_W + BAR_W + 70}" height="${height}" viewBox="0 0 ${LABEL_W + BAR_W + 70} ${height}">${parts.join("")}${axis}</svg>`;
}

type RowStats = Pick<SuiteTabulation, "tasks" | "counts" | "percentage" | "ci95" | "passAtK" | "passHatK">;

function countsRow(name: string, s: RowStats, trials: number | null): string {
  const c = s.counts;
  const last = (values: number[]): string => (values.length ? fmtPct(100 * (values[values.length - 1] ?? 0)) : "");
  const cells = [s.tasks, trials ?? "mixed", c.passed, c.failed, c.error, c.timeout, c.skipped, c.missing]
    .map((v) => `<td class="num">${esc(v)}</td>`).join("");
  const atK = trials === null ? "<td></td><td></td>" : `<td class="num">${last(s.passAtK)}</td><td class="num">${last(s.passHatK)}</td>`;
  return `<tr><td>${esc(name)}</td><td class="num suite-pct">${fmtPct(s.percentage)}</td>` +
    `<td class="num">${fmtPct(100 * s.ci95.low)}–${fmtPct(100 * s.ci95.high)}</td>${atK}${cells}</tr>`;
}

/** Table of suite %, interval, pass@k and pass^k at k = trials (mixed trial counts: blank), and counts by status. */
export function suiteTable(tabulation: Tabulation): string {
  const head = ["suite", "suite %", "95% interval", "pass@k", "pass^k", "tasks", "trials", "passed", "failed", "error", "timeout", "skipped", "missing"]
    .map((h) => `<th>${h}</th>`).join("");
  const rows = tabulation.suites.map((s) => countsRow(s.name, s, s.trials));
  rows.push(countsRow("overall", tabulation.overall, tabulation.overall.trials));
  return `<table class="suites"><thead><tr>${head}</tr></thead><tbody>${rows.join("")}</tbody></table>`;
}
