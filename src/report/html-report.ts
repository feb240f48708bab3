/** renderHtmlReport: one self-contained HTML page (inline CSS and SVG; no scripts, fonts or network). */
import { compare, type Comparison } from "../compare/compare.ts";
import type { ManifestSummary } from "../results/read-manifest.ts";
import type { Tabulation } from "../tabulate/tabulation-types.ts";
import { comparisonSection } from "./html-compare.ts";
import { esc } from "./html-escape.ts";
import { flakyList, heatmap, legend } from "./html-heatmap.ts";
import { HTML_STYLE } from "./html-style.ts";
import { suiteBars, suiteTable } from "./html-suites.ts";

/** Options of renderHtmlReport: a base Tabulation or Comparison, the Results roots (for links to runs), run metadata, the date and a title. */
export interface HtmlReportOptions {
  /** The base branch's tabulation: its bars and trials are drawn beside the head's; compared with the head when `comparison` is not given. */
  base?: Tabulation;
  /** A comparison with the base to show. */
  comparison?: Comparison;
  /**
   * Relative URL from the report to the Results root, used for console_log.txt links
   * (default "." — the report sits at the Results root); null leaves the links out.
   */
  resultsRoot?: string | null;
  /** The same for the base's Results (default null: base cells are not linked). */
  baseResultsRoot?: string | null;
  /** What each side's run.json says (run id, dates, commit), shown under the title. */
  meta?: { head?: ManifestSummary; base?: ManifestSummary };
  /** When the report was written (ISO 8601), shown under the title. */
  generatedAt?: string;
  /** Page title (default "bench-action report"). */
  title?: string;
}

/** "2026-01-01T00:05:00.000Z" → "2026-01-01 00:05 UTC"; other text as it is. */
function when(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  return m ? `${m[1]} ${m[2]} UTC` : iso;
}

function metaLine(side: string, m: ManifestSummary | undefined): string {
  if (!m) return `<li data-meta="${side}"><strong>${side}</strong>: no run.json (run id, date and commit not recorded)</li>`;
  const parts = [
    m.runId ? `run <code>${esc(m.runId)}</code>` : "", m.updatedAt ?? m.createdAt ? `finished ${esc(when(m.updatedAt ?? m.createdAt ?? ""))}` : "",
    m.commit ? `commit <code>${esc(m.commit.slice(0, 12))}</code>` : "commit not recorded", m.state && m.state !== "finished" ? `state ${esc(m.state)}` : "",
  ].filter(Boolean);
  return `<li data-meta="${side}"><strong>${side}</strong>: ${parts.join(" · ")}</li>`;
}

/** Render a tabulation (and optionally its comparison with a base) as one self-contained HTML page. */
export function renderHtmlReport(tabulation: Tabulation, options: HtmlReportOptions = {}): string {
  const title = options.title ?? "bench-action report";
  const resultsRoot = options.resultsRoot === undefined ? "." : options.resultsRoot;
  const base = options.base;
  const comparison = options.comparison ?? (base ? compare(base, tabulation) : undefined);
  const o = tabulation.overall;
  const summary = `${o.tasks} tasks, ${o.counts.total} trials: ${o.counts.passed} passed, ${o.counts.failed} failed, ` +
    `${o.counts.error} error, ${o.counts.timeout} timeout, ${o.counts.skipped} skipped, ${o.counts.missing} missing`;
  const meta = options.meta || options.generatedAt
    ? `<ul class="meta">${options.meta ? metaLine("head", options.meta.head) + (base ? metaLine("base", options.meta.base) : "") : ""}` +
      `${options.generatedAt ? `<li data-meta="generated">report written ${esc(when(options.generatedAt))}</li>` : ""}</ul>`
    : "";
  const baseSuites = new Map(base?.suites.map((s) => [s.name, s]));
  const heat = tabulation.suites.map((s) => {
    const b = baseSuites.get(s.name);
    return heatmap({ suite: s, resultsRoot }, b ? { suite: b, resultsRoot: options.baseResultsRoot ?? null } : undefined);
  });
  const body = [
    `<h1>${esc(title)}</h1>${meta}<p class="muted">${esc(summary)}</p>`,
    `<section id="suites"><h2>Suites</h2>${suiteBars(tabulation, base)}${suiteTable(tabulation)}<p class="rules">${esc(tabulation.rules)}</p></section>`,
    comparison ? comparisonSection(comparison) : "",
    `<section id="flaky"><h2>Flaky tasks</h2>${flakyList(tabulation.suites)}</section>`,
    `<section id="trials"><h2>Trials</h2>${legend()}${heat.join("")}</section>`,
  ].join("\n");
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">` +
    `<title>${esc(title)}</title><style>${HTML_STYLE}</style></head>\n<body>\n${body}\n</body></html>\n`;
}
