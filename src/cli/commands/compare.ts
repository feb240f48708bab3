/** `bench compare <base> <head>`: Results folders or saved tabulation JSON alike → Δ, interval, verdict. */
import { resolve } from "node:path";
import { compare, comparisonView, failureReasons, headlineOf, renderComparisonMarkdown, renderComparisonText, tabulate } from "../../../sdk/index.ts";
import type { CliIO, Command } from "../io.ts";
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from "../io.ts";
import { emit } from "./tabulate.ts";
import { parseCommand, usageError } from "../parse-command.ts";
import { compareHelp, readComparisonSettings } from "../../options/compare-options.ts";
import { flagProblem } from "../../options/option-surfaces.ts";

const HELP = `Usage: bench compare <base> <head> [--format md|json|text] [--threshold PP] [--alpha A] [--out FILE] [--fail-on-regression]

Pair the tasks of <base> and <head> (Results folders or saved tabulation JSON) by scenario and id and
say in one sentence whether the pass rate changed: the change Δ in percentage points with a 95%
interval, the smallest change this benchmark can detect, tasks that changed (flagged only when
significant after false-discovery control), tasks on one side only, and a verdict.

Options:
  -f, --format FORMAT     text (default), md (verdict sentence first, for PR comments) or json
  -t, --threshold PP      ${compareHelp("threshold")}
      --alpha A           ${compareHelp("alpha")}
  -o, --out FILE          write to FILE instead of standard output
      --fail-on-regression  exit 1 when the verdict is "regressed" (the Action's fail-on: regression),
                          with the reason on standard error
      --explain           text format: end with the method behind the verdict (test, α, interval)
  -h, --help              show this help

Verdict (docs/verdict.md): a stratified permutation test (trials re-split within each task) on the mean
per-task pass-rate difference, two-sided at --alpha. Regressed / improved: significant and |Δ| at
least the threshold; unchanged: a significant change below the threshold, or no evidence of change
where one of the threshold's size would be detected; inconclusive: no task in both, or too few tasks or
trials to detect the threshold. With nothing changed, regressed or improved at most --alpha of the
time. Exit codes: 0 (also when regressed, unless --fail-on-regression), 1 regressed with
--fail-on-regression, 2 usage or input error.
`;

/** Every option `bench compare` accepts (the help test checks HELP lists each). */
export const OPTIONS = {
  format: { type: "string", short: "f", default: "text" }, threshold: { type: "string", short: "t" }, alpha: { type: "string" },
  out: { type: "string", short: "o" }, "fail-on-regression": { type: "boolean" }, explain: { type: "boolean" }, help: { type: "boolean", short: "h" },
} as const;

const usage = (io: CliIO, message: string): number => usageError(io, "compare", message);

export const command: Command = async (argv, io) => {
  const parsed = parseCommand("compare", argv, OPTIONS, io, HELP);
  if (typeof parsed === "number") return parsed;
  const { values, positionals } = parsed;
  if (!["md", "json", "text"].includes(values.format)) return usage(io, `unknown --format '${values.format}' (one of md, json, text)`);
  if (positionals.length !== 2) return usage(io, `expected <base> and <head>, got ${positionals.length} argument(s)`);
  const { settings, issues } = readComparisonSettings((flag) => values[flag as "threshold" | "alpha"], flagProblem);
  if (issues.length > 0) return usage(io, issues.join("\n"));
  const [base, head] = await Promise.all(positionals.map((p) => tabulate(resolve(io.cwd, p), { requireResults: true })));
  if (!base || !head) return EXIT_USAGE;
  const comparison = compare(base, head, settings);
  const text =
    values.format === "md" ? renderComparisonMarkdown(comparison)
    : values.format === "json" ? `${JSON.stringify(comparison, null, 2)}\n`
    : renderComparisonText(comparison, { explain: values.explain === true });
  await emit(io, text, values.out);
  if (!values["fail-on-regression"]) return EXIT_OK;
  // The Action's fail-on: regression.
  const failures = failureReasons({ failOn: ["regression"] }, headlineOf(head), comparisonView(comparison));
  for (const reason of failures) io.stderr.write(`bench compare: ${reason}\n`);
  return failures.length > 0 ? EXIT_FAILED : EXIT_OK;
};
