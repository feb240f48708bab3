/**
 * The job summary and the PR comment: headline, new failures, flaky tasks, the suite table, then the
 * collapsed comparison and per-task details, cut to GitHub's size limits (docs/action.md).
 */
import { Buffer } from "node:buffer";
import { signedPoints } from "../compare/sentence.ts";
import { formatTokens, formatUsd, usageStatsLine } from "../usage/format-usage.ts";
import type { BaselineInfo, ComparisonView, HeadlineView } from "./report-view.ts";

/** GitHub rejects a step summary over 1 MiB; we stay below with room for the trim note. */
export const SUMMARY_LIMIT = 1024 * 1024 - 4096;
/** GitHub's limit on an issue comment body (characters). */
export const COMMENT_LIMIT = 65_536;
/** Room left in the comment for what the poster adds (the sticky comment's marker). */
const COMMENT_RESERVE = 200;

/** Everything the job summary and the PR comment show. */
export interface PrReportInput {
  /** The head's results. */
  head: HeadlineView;
  /** The comparison with the baseline, when there is one. */
  comparison?: ComparisonView;
  /** Where the baseline came from. */
  baseline: BaselineInfo;
  /** What the run job seeded its agbenchmark history from (run mode only). */
  history?: string;
  /** The SDK's full tabulation Markdown, shown collapsed. */
  details?: string;
  /** The results artifact, with its link when known. */
  artifact?: { name: string; url?: string };
  /** Heading of the summary and the comment. */
  title: string;
  /** The commit the results are about (a PR's head, not the merge commit). */
  headSha?: string;
  /** Shard runs say which slice they are. */
  shard?: { index: number; count: number };
}

const pct = (n: number): string => `${n.toFixed(1)} %`;
const escapeCell = (s: string): string => s.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");

function headline(input: PrReportInput): string {
  const { head, comparison, baseline } = input;
  const delta = comparison ? ` · Δ **${signedPoints(comparison.delta)} pp** vs base` : "";
  const verdict = comparison ? ` · verdict **${comparison.verdict}**` : "";
  const shard = input.shard ? ` (shard ${input.shard.index}/${input.shard.count})` : "";
  return [
    `## ${input.title}${shard}: ${pct(head.percentage)}${delta}${verdict}`,
    "",
    ...(comparison?.sentence ? [`**${comparison.sentence}**${comparison.method ? "¹" : ""}`, ""] : []),
    `${input.headSha ? `Head \`${input.headSha.slice(0, 7)}\` · ` : ""}${head.tasks} tasks · ${head.total} trials: ${head.passed} passed, ${head.failed} failed, ${head.errored} errored, ` +
      `${head.missing} missing, ${head.skipped} skipped · ${head.flaky.length} flaky`,
    "",
    ...(head.meanReward === undefined ? [] : [`Mean reward: ${head.meanReward.toFixed(3)}${comparison?.reward ? ` (base → head ${comparison.reward})` : ""}`, ""]),
    ...(head.usage ? [`Model usage: ${usageStatsLine(head.usage)}`, ""] : []),
    ...(comparison?.usage ? [`Model usage vs base: ${comparison.usage}`, ""] : []),
    `Baseline: ${baseline.note}`,
    ...(input.history === undefined ? [] : ["", `History: ${input.history}`]),
  ].join("\n");
}

function list(title: string, items: string[], limit = 50): string {
  if (items.length === 0) return "";
  const shown = items.slice(0, limit).map((i) => `- \`${escapeCell(i)}\``);
  if (items.length > limit) shown.push(`- … and ${items.length - limit} more`);
  return `### ${title} (${items.length})\n\n${shown.join("\n")}`;
}

function suiteTable(head: HeadlineView): string {
  // Usage columns only when some run recorded usage (record-usage).
  const usage = head.suites.some((s) => s.usage);
  // A mean reward column beside the pass rate when a verifier recorded rewards (docs/harbor.md).
  const reward = head.suites.some((s) => s.meanReward !== undefined);
  const cells = (s: HeadlineView["suites"][number]): string =>
    (!reward ? "" : ` ${s.meanReward === undefined ? "–" : s.meanReward.toFixed(3)} |`) +
    (!usage ? "" : s.usage ? ` ${formatTokens(s.usage.meanTokens)} | ${formatUsd(s.usage.meanCostUsd)} |` : " – | – |");
  const rows = head.suites.map((s) =>
    `| ${escapeCell(s.name)} | ${pct(s.percentage)} | ${s.tasks} | ${s.trials} | ${s.passed} | ${s.failed} | ${s.errored} | ${s.missing} | ${s.flaky.length} |${cells(s)}`);
  return [`| Suite | Pass | Tasks | Trials | Passed | Failed | Errored | Missing | Flaky |${reward ? " Mean reward |" : ""}${usage ? " Tokens/trial | Cost/trial |" : ""}`,
    `| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |${reward ? " ---: |" : ""}${usage ? " ---: | ---: |" : ""}`, ...rows].join("\n");
}

const details = (summary: string, body: string): string =>
  `<details><summary>${summary}</summary>\n\n${body}\n\n</details>`;

/** The sections, most important first; later ones are dropped first when space runs out. */
function sections(input: PrReportInput): string[] {
  const c = input.comparison;
  const out = [headline(input)];
  if (c) out.push(list("❌ New failures", c.newFailures), list("〰️ Newly flaky", c.newlyFlaky));
  out.push(list("〰️ Flaky", input.head.flaky), suiteTable(input.head));
  if (c) out.push(list("✅ Fixed", c.fixed));
  if (c?.markdown) out.push(details("Comparison with the base", c.markdown));
  if (input.details) out.push(details("All tasks", input.details));
  return out.filter(Boolean);
}

function artifactLine(input: PrReportInput): string {
  const a = input.artifact;
  if (!a) return "";
  return a.url ? `Full results: [artifact \`${a.name}\`](${a.url})` : `Full results: artifact \`${a.name}\``;
}

/** Markdown under `limit` (as `measure` counts): whole sections while they fit, then a cut with a note. */
export function renderReportMarkdown(input: PrReportInput, limit: number, measure: (s: string) => number = (s) => s.length): string {
  const method = input.comparison?.sentence && input.comparison.method ? `\n\n<sub>¹ ${escapeCell(input.comparison.method)}</sub>` : "";
  const footer = `\n\n${artifactLine(input)}${method}\n`;
  const room = limit - measure(footer) - 200;
  let text = "";
  for (const section of sections(input)) {
    const next = text ? `${text}\n\n${section}` : section;
    if (measure(next) <= room) {
      text = next;
      continue;
    }
    let end = room;
    let cut = next;
    do {
      cut = next.slice(0, Math.max(next.lastIndexOf("\n", end), text.length));
      end = Math.floor(end * 0.9);
    } while (measure(cut) > room && cut.length > text.length);
    text = closeOpenDetails(cut) +
      "\n\n_… trimmed to stay under GitHub's size limit; the artifact has everything._";
    break;
  }
  return text + footer;
}

/** The job summary (under 1 MiB) and the PR comment body (under 65 536 characters, with room for a marker). */
export function renderSummaryAndComment(input: PrReportInput): { summary: string; comment: string } {
  return {
    summary: renderReportMarkdown(input, SUMMARY_LIMIT, (s) => Buffer.byteLength(s)),
    comment: renderReportMarkdown(input, COMMENT_LIMIT - COMMENT_RESERVE),
  };
}

/** Trim `text` to `limit` characters, cutting at a line and ending with `note`. */
export function fitText(text: string, limit: number, note: string): string {
  if (text.length <= limit) return text;
  const cut = text.lastIndexOf("\n", limit - note.length);
  return closeOpenDetails(text.slice(0, cut > 0 ? cut : limit - note.length)) + note;
}

/** Trim a comment body to GitHub's comment limit, saying so. */
export function fitComment(text: string, limit = COMMENT_LIMIT): string {
  return fitText(text, limit, "\n\n_… trimmed to fit GitHub's comment limit; the job summary and the artifact have everything._\n");
}

/** Close a `<details>` left open by trimming so the rest of the page renders. */
export function closeOpenDetails(text: string): string {
  const open = (text.match(/<details>/g) ?? []).length - (text.match(/<\/details>/g) ?? []).length;
  return text + "\n\n</details>".repeat(Math.max(0, open));
}
