/**
 * Comparison renderers: Markdown (verdict sentence first, details collapsible, size budget) and plain
 * text. The method and α go in one footnote (docs/verdict.md).
 */
import { bytes, mdCell, truncateBytes } from "../report/render-markdown.ts";
import type { Comparison, DeltaStats, Verdict } from "./compare.ts";
import { renderUsageMarkdown, renderUsageText } from "./render-usage.ts";
import { rewardLine } from "./compare-reward.ts";
import { afterVerdictLabel, signedPoints } from "./sentence.ts";

/** Options of renderComparisonMarkdown: a title and the size budget in bytes. */
export interface ComparisonMarkdownOptions {
  /** Size budget in bytes (default DEFAULT_MARKDOWN_MAX_BYTES). */
  maxBytes?: number;
  /** Heading of the comment. */
  title?: string;
  /** false: leave out the method footnote, for a page that prints it once itself (the job summary). */
  footnote?: boolean;
}

const BADGE: Record<Verdict, string> = {
  improved: "🟢 **Improved**", regressed: "🔴 **Regressed**", unchanged: "⚪ **Unchanged**", inconclusive: "🟡 **Inconclusive**",
};


/** "p = 0.012" / "p < 0.001". */
export function pText(p: number): string {
  return p < 0.001 ? "p < 0.001" : `p = ${p.toFixed(3)}`;
}

/** The numbers behind the sentence, on one line. */
export function headline(c: DeltaStats, threshold: number): string {
  const detect = c.detectable ? `detects ≥ ${c.mde.toFixed(1)} pp` : "too small to detect any change";
  return `${signedPoints(c.delta)} pp (95% interval ${signedPoints(c.ci95.low)} to ${signedPoints(c.ci95.high)}) · base ${c.basePercentage.toFixed(1)}% → head ${c.headPercentage.toFixed(1)}% · ${c.pairedTasks} paired tasks · ${pText(c.pValue)} · ${detect} (threshold ${threshold} pp)`;
}

type Listed = { suite: string; id: string; base?: number; head?: number; q?: number };

const rates = (t: Listed): string =>
  t.base === undefined ? "" : ` (${Math.round(100 * t.base)}% → ${Math.round(100 * (t.head ?? 0))}%${t.q === undefined ? "" : `, q = ${t.q < 0.001 ? "<0.001" : t.q.toFixed(3)}`})`;

function taskList(title: string, tasks: Listed[], budget: number): string {
  if (tasks.length === 0) return "";
  let out = `<details><summary>${title} (${tasks.length})</summary>\n\n`;
  let shown = 0;
  for (const t of tasks) {
    const line = `- ${mdCell(t.suite)} / ${mdCell(t.id)}${rates(t)}\n`;
    if (bytes(out) + bytes(line) > budget - 100) break;
    out += line;
    shown++;
  }
  if (shown < tasks.length) out += `- … ${tasks.length - shown} more not shown (size budget)\n`;
  return `${out}\n</details>\n`;
}

function sections(c: Comparison): [string, Listed[]][] {
  return [
    ["New failures", c.newFailures], ["Newly flaky", c.newlyFlaky], ["Fixed", c.fixed],
    ["Changed, not significant", c.changedNotSignificant], ["Only in base", c.onlyInBase], ["Only in head", c.onlyInHead],
  ];
}

/** A Comparison as Markdown: the headline first, collapsible task lists, trimmed to the size budget. */
export function renderComparisonMarkdown(c: Comparison, options: ComparisonMarkdownOptions = {}): string {
  const maxBytes = options.maxBytes ?? 60_000;
  const lines: string[] = [];
  if (options.title ?? "Benchmark comparison") lines.push(`### ${options.title ?? "Benchmark comparison"}`, "");
  lines.push(`${BADGE[c.verdict]}: ${afterVerdictLabel(c.sentence)}`, "", `${headline(c, c.threshold)}¹`, "");
  for (const reason of c.reasons) lines.push(`- ${reason}`);
  // Mean reward beside the pass rate when a verifier recorded rewards; the verdict stays the pass rate's.
  if (c.reward) lines.push("", `**Mean reward** ${rewardLine(c.reward)}`);
  const reward = c.reward !== undefined;
  lines.push("", `| Suite | Base | Head | Δ pp | 95% interval | p (Holm) | Verdict |${reward ? " Mean reward |" : ""}`, `| --- | ---: | ---: | ---: | --- | ---: | --- |${reward ? " --- |" : ""}`);
  for (const s of c.suites) {
    const rewardCell = reward ? ` ${s.reward ? rewardLine(s.reward) : "–"} |` : "";
    lines.push(`| ${mdCell(s.name)} | ${s.basePercentage.toFixed(1)}% | ${s.headPercentage.toFixed(1)}% | ${signedPoints(s.delta)} | ${signedPoints(s.ci95.low)} to ${signedPoints(s.ci95.high)} | ${s.pAdjusted < 0.001 ? "<0.001" : s.pAdjusted.toFixed(3)} | ${s.verdict} |${rewardCell}`);
  }
  lines.push("");
  const foot = options.footnote === false ? "" : `\n<sub>¹ ${mdCell(c.rules)}</sub>\n`;
  let out = `${lines.join("\n")}\n`;
  if (c.usage) out += renderUsageMarkdown(c.usage, Math.min(8000, maxBytes - bytes(out) - bytes(foot) - 2000));
  for (const [title, tasks] of sections(c)) out += taskList(title, tasks, maxBytes - bytes(out) - bytes(foot));
  out += foot;
  return bytes(out) <= maxBytes ? out : truncateBytes(out, maxBytes);
}

/** `explain: false` ends with α alone instead of the method paragraph (bench compare without --explain). */
export function renderComparisonText(c: Comparison, options: { explain?: boolean } = {}): string {
  const lines = [`Verdict: ${c.verdict.toUpperCase()}. ${afterVerdictLabel(c.sentence, true)}`, `  ${headline(c, c.threshold)}¹`, ...c.reasons.map((r) => `  - ${r}`)];
  if (c.reward) lines.push(`Mean reward: ${rewardLine(c.reward)}`);
  lines.push("");
  for (const s of c.suites) lines.push(`  ${s.name}: ${s.verdict}  ${headline(s, c.threshold)}${s.reward ? ` · mean reward ${rewardLine(s.reward)}` : ""}`);
  for (const [title, tasks] of sections(c)) {
    if (tasks.length) lines.push("", `${title} (${tasks.length}):`, ...tasks.map((t) => `  ${t.suite}/${t.id}${rates(t)}`));
  }
  if (c.usage) lines.push(...renderUsageText(c.usage));
  lines.push("", options.explain !== false ? `¹ ${c.rules}` : `¹ False-alarm rate α = ${c.alpha}; the method: docs/verdict.md.`);
  return `${lines.join("\n")}\n`;
}
