/**
 * Tabulation and reports: Results folders (or saved JSON) into a versioned Tabulation, merged
 * shards, agbench's custom_tabulate.py, the statistics, and every renderer (text, CSV, Excel, JSON,
 * Markdown, JUnit, the HTML report), and the job summary and PR comment (view model, Markdown cut
 * to GitHub's size limits).
 * @module
 */
// tabulation
export { tabulate, readTabulationFile, tabulateWithCustom } from "../src/tabulate/tabulate.ts";
export type { TabulateOptions } from "../src/tabulate/tabulate.ts";
export { findCustomTabulate, runCustomTabulate } from "../src/tabulate/custom-tabulate.ts";
export type { TabulateSandbox, CustomTabulateOutput, Verdict as CustomTabulateVerdict } from "../src/tabulate/custom-tabulate.ts";
export { merge, resultsTrees } from "../src/tabulate/merge.ts";
export type { MergeOptions } from "../src/tabulate/merge.ts";
export type { Tabulation, SuiteTabulation, TaskRow, TrialCell, TrialStatus, StatusCounts, TaskStats, SequentialDesign } from "../src/tabulate/tabulation-types.ts";
export { TABULATION_RULES } from "../src/tabulate/tabulation-types.ts";
export { passAtK, passHatK, wilson, clusteredSE } from "../src/tabulate/stats.ts";
export type { Interval } from "../src/tabulate/stats.ts";
export type { RunRecord } from "../src/tabulate/read-results.ts";
// renderers
export { renderText } from "../src/report/render-text.ts";
export { renderCsv } from "../src/report/render-csv.ts";
export { renderXlsx } from "../src/report/render-xlsx.ts";
export { renderJson } from "../src/report/render-json.ts";
export { renderMarkdown, DEFAULT_MARKDOWN_MAX_BYTES } from "../src/report/render-markdown.ts";
export type { MarkdownOptions } from "../src/report/render-markdown.ts";
export { renderJunit } from "../src/report/render-junit.ts";
export { renderHtmlReport } from "../src/report/html-report.ts";
export type { HtmlReportOptions } from "../src/report/html-report.ts";
// the job summary and the PR comment: view model, Markdown, GitHub's size limits
export { headlineOf, comparisonView } from "../src/report/report-view.ts";
export type { HeadlineView, SuiteView, ComparisonView, BaselineInfo } from "../src/report/report-view.ts";
export { renderSummaryAndComment, renderReportMarkdown, fitComment, fitText, SUMMARY_LIMIT, COMMENT_LIMIT } from "../src/report/render-pr-report.ts";
export type { PrReportInput } from "../src/report/render-pr-report.ts";
