/** renderHtmlReport: one self-contained HTML page (inline CSS and SVG; no scripts, fonts or network). */
import { compare, type Comparison } from "../compare/compare.ts";
import type { Tabulation } from "../tabulate/tabulation-types.ts";
import { comparisonSection } from "./html-compare.ts";
import { esc } from "./html-escape.ts";
import { flakyList, heatmap, legend } from "./html-heatmap.ts";
import { HTML_STYLE } from "./html-style.ts";
import { suiteBars, suiteTable } from "./html-suites.ts";

export interface HtmlReportOptions {
  /** The base branch's tabulation; compared with the head when `comparison` is not given. */
  base?: Tabulation;
  comparison?: Comparison;
  /**
   * Relative URL from the report to the Results root, used for console_log.txt links
   * (default "." — the report sits at the Results root); null leaves the links out.
   */
  resultsRoot?: string | null;
  /** Page title (default "bench-action report"). */
  title?: string;
}

/** Render a tabulation (and optionally its comparison with a base) as one self-contained HTML page. */
export function renderHtmlReport(tabulation: Tabulation, options: HtmlReportOptions = {}): string {
  const title = options.title ?? "bench-action report";
  const resultsRoot = options.resultsRoot === undefined ? "." : options.resultsRoot;
  const comparison = options.comparison ?? (options.base ? compare(options.base, tabulation) : undefined);
  const o = tabulation.overall;
  const summary = `${o.tasks} tasks, ${o.counts.total} trials: ${o.counts.passed} passed, ${o.counts.failed} failed, ` +
    `${o.counts.error} error, ${o.counts.timeout} timeout, ${o.counts.skipped} skipped, ${o.counts.missing} missing`;
  const body = [
    `<h1>${esc(title)}</h1><p class="muted">${esc(summary)}</p>`,
    `<section id="suites"><h2>Suites</h2>${suiteBars(tabulation)}${suiteTable(tabulation)}<p class="rules">${esc(tabulation.rules)}</p></section>`,
    comparison ? comparisonSection(comparison) : "",
    `<section id="flaky"><h2>Flaky tasks</h2>${flakyList(tabulation.suites)}</section>`,
    `<section id="trials"><h2>Trials</h2>${legend()}${tabulation.suites.map((s) => heatmap(s, resultsRoot)).join("")}</section>`,
  ].join("\n");
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">` +
    `<title>${esc(title)}</title><style>${HTML_STYLE}</style></head>\n<body>\n${body}\n</body></html>\n`;
}
