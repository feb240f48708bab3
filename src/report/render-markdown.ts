/**
 * Markdown for job summaries and PR comments: a compact suite table first, then one collapsible
 * `<details>` per suite with the per-task trials. `maxBytes` (default 60 000, under GitHub's 65 536
 * comment limit) is a hard budget: task rows that do not fit are left out and a note says how many.
 */
import { Buffer } from "node:buffer";
import { REWARD_RULE, type SuiteTabulation, type Tabulation, type TaskStats, type TrialCell } from "../tabulate/tabulation-types.ts";
import { formatTokens, formatUsd } from "../usage/format-usage.ts";
import type { UsageStats } from "../tabulate/usage-stats.ts";
import { formatReward, pct, pctPoints } from "./format.ts";

/** Options of renderMarkdown: a title and the size budget in bytes. */
export interface MarkdownOptions {
  /** Size budget in bytes (default DEFAULT_MARKDOWN_MAX_BYTES). */
  maxBytes?: number;
  /** Heading (default "Benchmark results"); "" for none. */
  title?: string;
}

/** The size budget of renderMarkdown, under GitHub's comment limit. */
export const DEFAULT_MARKDOWN_MAX_BYTES = 60_000;

const ICON: Record<TrialCell["status"], string> = {
  passed: "✅", failed: "❌", error: "💥", timeout: "⏱️", skipped: "⏭️", missing: "➖",
};
const LEGEND = "✅ passed · ❌ failed · 💥 error · ⏱️ timeout · ⏭️ skipped · ➖ missing";

export function bytes(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

/** Escape what would break a table cell or inject markup. */
export function mdCell(text: string): string {
  return text.replace(/[|\\`*_<>[\]]/g, (c) => `\\${c}`).replace(/\r?\n/g, " ");
}

/** A Tabulation as Markdown: suites, then task rows, trimmed to the size budget. */
export function renderMarkdown(tabulation: Tabulation, options: MarkdownOptions = {}): string {
  const maxBytes = options.maxBytes ?? DEFAULT_MARKDOWN_MAX_BYTES;
  const title = options.title ?? "Benchmark results";
  const head: string[] = [];
  if (title) head.push(`### ${title}`, "");
  // Usage columns only when some run recorded usage (`--record-usage`, docs/usage.md).
  const usage = tabulation.suites.some((s) => s.usage !== undefined);
  // A mean reward column beside the pass rate when a verifier recorded rewards (docs/harbor.md).
  const reward = tabulation.overall.meanReward !== undefined;
  const extra = (stats: TaskStats) => (reward ? ` ${stats.meanReward === undefined ? "–" : formatReward(stats.meanReward)} |` : "") + (usage ? ` ${usageCells(stats.usage)} |` : "");
  head.push(
    `| Suite | Tasks | Trials | Pass % | 95% CI | pass@1 | pass^n | Errors | Timeouts | Missing | Flaky |${reward ? " Mean reward |" : ""}${usage ? " Tokens/trial | Cost/trial |" : ""}`,
    `| --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |${reward ? " ---: |" : ""}${usage ? " ---: | ---: |" : ""}`,
    ...tabulation.suites.map((s) => suiteLine(s) + extra(s)),
  );
  if (tabulation.suites.length > 1) head.push(overallLine(tabulation) + extra(tabulation.overall as TaskStats));
  head.push("");
  const rules = reward ? `${tabulation.rules} ${REWARD_RULE}` : tabulation.rules;
  const foot = ["", `<sub>${mdCell(rules)}</sub>`, ""].join("\n");
  let out = `${head.join("\n")}\n`;
  let omitted = 0;
  for (const suite of tabulation.suites) {
    const block = detailsBlock(suite, maxBytes - bytes(out) - bytes(foot) - 200);
    out += block.text;
    omitted += block.omitted;
  }
  if (omitted > 0) out += `\n> ✂️ ${omitted} task row(s) not shown to stay within ${maxBytes} bytes; see the full report (JSON or CSV).\n`;
  out += foot;
  return bytes(out) <= maxBytes ? out : truncateBytes(out, maxBytes);
}

function suiteLine(s: SuiteTabulation): string {
  const n = s.trials;
  return `| ${mdCell(s.name)} | ${s.tasks} | ${n} | **${pctPoints(s.percentage)}** | ${pct(s.ci95.low)}–${pct(s.ci95.high)} | ${pct(s.passAtK[0] ?? 0)} | ${pct(s.passHatK[n - 1] ?? 0)} | ${s.counts.error} | ${s.counts.timeout} | ${s.counts.missing} | ${s.flakyTasks.length} |`;
}

function overallLine(t: Tabulation): string {
  const o = t.overall;
  const n = o.trials;
  const passAt1 = n ? pct(o.passAtK[0] ?? 0) : "–";
  const passHatN = n ? pct(o.passHatK[n - 1] ?? 0) : "–";
  const flaky = t.suites.reduce((sum, s) => sum + s.flakyTasks.length, 0);
  return `| **Overall** | ${o.tasks} | ${n ?? "mixed"} | **${pctPoints(o.percentage)}** | ${pct(o.ci95.low)}–${pct(o.ci95.high)} | ${passAt1} | ${passHatN} | ${o.counts.error} | ${o.counts.timeout} | ${o.counts.missing} | ${flaky} |`;
}

/** "1.13k | $0.0003" (tokens and cost per recorded trial), "– | –" without usage. */
export function usageCells(u: UsageStats | undefined): string {
  return u ? `${formatTokens(u.meanTokens)} | ${formatUsd(u.meanCostUsd)}` : "– | –";
}

function detailsBlock(suite: SuiteTabulation, budget: number): { text: string; omitted: number } {
  const usage = suite.usage !== undefined;
  const reward = suite.meanReward !== undefined;
  const columns = `| Task | Trials | Pass rate |${reward ? " Mean reward |" : ""}${usage ? " Tokens/trial | Cost/trial |" : ""}\n| --- | --- | ---: |${reward ? " ---: |" : ""}${usage ? " ---: | ---: |" : ""}\n`;
  const open = `<details><summary>${mdCell(suite.name)}: per-task results (${suite.tasks} tasks × ${suite.trials} trials)</summary>\n\n${LEGEND}\n\n${columns}`;
  const close = "\n</details>\n";
  let text = open;
  if (bytes(open) + bytes(close) > budget) return { text: "", omitted: suite.rows.length };
  let shown = 0;
  for (const row of suite.rows) {
    const line = `| ${mdCell(row.id)} | ${row.trials.map((c) => ICON[c.status]).join("")} | ${pct(row.passRate, 0)} |${reward ? ` ${row.meanReward === undefined ? "–" : formatReward(row.meanReward)} |` : ""}${usage ? ` ${usageCells(row.usage)} |` : ""}\n`;
    if (bytes(text) + bytes(line) + bytes(close) > budget) break;
    text += line;
    shown++;
  }
  return { text: text + close, omitted: suite.rows.length - shown };
}

/** Last resort when even the summary table exceeds the budget: cut at a line, with a marker. */
export function truncateBytes(text: string, maxBytes: number): string {
  const marker = "\n\n> ✂️ truncated to the size budget\n";
  const budget = Math.max(0, maxBytes - bytes(marker));
  let cut = Buffer.from(text, "utf8").subarray(0, budget).toString("utf8").replace(/\uFFFD$/, "");
  const nl = cut.lastIndexOf("\n");
  if (nl > 0) cut = cut.slice(0, nl);
  return cut + marker;
}
