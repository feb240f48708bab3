/** `bench report <results> [--base <results>] --out report.html`: the self-contained HTML report. */
import { writeFile, mkdir, stat } from "node:fs/promises";
import { basename, dirname, join, relative, resolve } from "node:path";
import { compare, readManifestSummary, renderHtmlReport, tabulate } from "../../../sdk/index.ts";
import type { Command } from "../io.ts";
import { EXIT_OK, EXIT_USAGE } from "../io.ts";
import { parseCommand, usageError } from "../parse-command.ts";
import { compareHelp, readComparisonSettings } from "../../options/compare-options.ts";
import { flagProblem } from "../../options/option-surfaces.ts";

const HELP = `Usage: bench report <results> [--base <results>] [--out report.html] [--title TEXT] [--threshold PP]

Write one self-contained HTML file (no scripts, no network): each Results folder's run id, date and
commit (from run.json); suite bars with 95% intervals and their percentages; a task x trial heatmap
by status, each cell showing the trial's score (or a status mark) and linking to its console_log.txt
(relative to the report); flaky tasks. With --base: the base's bars under the head's, the base's
trials beside the head's in the heatmap, and the comparison. <results> and --base accept Results
folders or saved tabulation JSON (which have no run.json and no logs to link).

Options:
      --base RESULTS    compare with this Results folder or tabulation JSON (default none)
  -o, --out FILE        where to write (default <results>/report.html for a Results folder, else report.html)
      --title TEXT      the report's title (default "bench-action report")
      --threshold PP    ${compareHelp("threshold")}
  -h, --help            show this help
`;

/** Every option `bench report` accepts (the help test checks HELP lists each). */
export const OPTIONS = {
  base: { type: "string" }, out: { type: "string", short: "o" }, title: { type: "string" },
  threshold: { type: "string" }, help: { type: "boolean", short: "h" },
} as const;

/**
 * Relative URL from the report's folder to the folder holding the scenario folders; null when the
 * input is a tabulation file. A single scenario folder given as input links through its parent.
 */
async function linkRoot(results: string, out: string, suites: string[]): Promise<string | null> {
  const isDir = (path: string): Promise<boolean> => stat(path).then((s) => s.isDirectory(), () => false);
  if (!(await isDir(results))) return null;
  const scenarioFolder = suites.length === 1 && suites[0] === basename(results) && !(await isDir(join(results, basename(results))));
  const root = scenarioFolder ? dirname(results) : results;
  const rel = relative(dirname(out), root).split("\\").join("/");
  return rel === "" ? "." : rel;
}

export const command: Command = async (argv, io) => {
  const parsed = parseCommand("report", argv, OPTIONS, io, HELP);
  if (typeof parsed === "number") return parsed;
  const { values, positionals } = parsed;
  const [input, ...extra] = positionals;
  if (input === undefined || extra.length > 0) return usageError(io, "report", `expected exactly one <results> (got ${positionals.length})`);
  const { settings, issues } = readComparisonSettings((flag) => values[flag as "threshold"], flagProblem, ["threshold"]);
  if (issues.length > 0) return usageError(io, "report", issues.join("\n"));
  const results = resolve(io.cwd, input);
  const isDir = await stat(results).then((s) => s.isDirectory(), () => false);
  const out = resolve(io.cwd, values.out ?? (isDir ? `${input}/report.html` : "report.html"));
  const head = await tabulate(results, { requireResults: true });
  const baseResults = values.base === undefined ? undefined : resolve(io.cwd, values.base);
  const base = baseResults === undefined ? undefined : await tabulate(baseResults, { requireResults: true });
  const comparison = base ? compare(base, head, settings) : undefined;
  const headMeta = await readManifestSummary(results);
  const baseMeta = baseResults === undefined ? undefined : await readManifestSummary(baseResults);
  const html = renderHtmlReport(head, {
    resultsRoot: await linkRoot(results, out, head.suites.map((suite) => suite.name)),
    ...(base && baseResults ? { base, baseResultsRoot: await linkRoot(baseResults, out, base.suites.map((suite) => suite.name)) } : {}),
    ...(comparison ? { comparison } : {}),
    meta: { ...(headMeta ? { head: headMeta } : {}), ...(baseMeta ? { base: baseMeta } : {}) },
    generatedAt: new Date().toISOString(),
    ...(values.title ? { title: values.title } : {}),
  });
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, html);
  io.stdout.write(`bench report: wrote ${relative(io.cwd, out) || out}\n`);
  return EXIT_OK;
};
