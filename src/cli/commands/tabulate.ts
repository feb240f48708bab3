/** `bench tabulate <results...>`: Results folders or saved tabulation JSON → a report in one format. */
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
// Direct modules, not sdk/index.ts: tabulating 100 000 runs starts in a fraction of the time
// (test/perf/tabulate-agbench.bench.ts); the Docker client loads only for a custom_tabulate.py.
import { tabulate, tabulateWithCustom } from "../../tabulate/tabulate.ts";
import { findCustomTabulate } from "../../tabulate/custom-tabulate.ts";
import type { Tabulation } from "../../tabulate/tabulation-types.ts";
import { regressionIds } from "../../report/agbenchmark-regression.ts";
import { renderText } from "../../report/render-text.ts";
import { renderCsv } from "../../report/render-csv.ts";
import { renderJson } from "../../report/render-json.ts";
import { renderMarkdown } from "../../report/render-markdown.ts";
import { renderJunit } from "../../report/render-junit.ts";
import { renderAgbenchmarkReport } from "../../report/render-agbenchmark.ts";
import { renderXlsx } from "../../report/render-xlsx.ts";
import { headlineOf } from "../../report/report-view.ts";
import { failureReasons } from "../../compare/fail-on.ts";
import type { CliIO, Command } from "../io.ts";
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from "../io.ts";
import { parseCommand, usageError } from "../parse-command.ts";
import { CUSTOM_TABULATE_HELP, CUSTOM_TABULATE_OPTIONS, tabulateSandbox } from "../custom-tabulate-flags.ts";
import { count, rate } from "../../options/values.ts";
import { readFlag } from "../../options/option-surfaces.ts";

const HELP = `Usage: bench tabulate <results...> [--format FORMAT] [--out FILE] [--min-pass-rate P] [--trials N]

Tabulate one or more Results folders (Results/ or Results/<scenario>; agbench's console-log-only layout
works too) or saved tabulation JSON files. The same scenario/task/repetition in two inputs is an error.

Options:
  -f, --format FORMAT    text (default; agbench's table + summary statistics), csv (agbench columns
                         first), json (the Tabulation, readable by tabulate/compare), md, junit,
                         agbenchmark (report.json), agbenchmark-2023-09 (report.json for AutoGPT's
                         benchmark/ of Sept. 2023 to Jan. 2024: no suites, no unknown fields)
  -o, --out FILE         write the report to FILE instead of standard output
      --min-pass-rate P  exit 1 when the overall suite percentage is below P: a fraction (0.8) or a
                         percentage (80 or 80%); values up to 1 are fractions
      --trials N         trials per task (slots without a result count as missing)
      --max-bytes N      size budget of the md format (default 60000)
      --explain          text format: end with the rules behind the percentages and intervals
  -c, --csv              same as --format csv (agbench's flag)
  -e, --excel FILE       also write the agbench columns to FILE as an Excel workbook (.xlsx)

agbench's custom_tabulate.py, when found as agbench finds it (the current folder, then each Results
argument and the folders above it; in each: custom_tabulate.py, Scripts/ or scripts/), decides every
trial with its scorer and timer. ${CUSTOM_TABULATE_HELP}
      --no-custom-tabulate   ignore custom_tabulate.py; tabulate by bench's own rules
  -h, --help             show this help

Suite percentage = mean over tasks of the task pass rate; failed, error, timeout, skipped and missing
trials all count as not passed. Exit codes: 0 ok, 1 below --min-pass-rate, 2 usage or input error.
`;

export const FORMATS = ["text", "csv", "json", "md", "junit", "agbenchmark", "agbenchmark-2023-09"] as const;
export type Format = (typeof FORMATS)[number];

export function render(tabulation: Tabulation, format: Format, maxBytes?: number, regression?: ReadonlySet<string>, explain = true): string {
  switch (format) {
    case "text": return renderText(tabulation, { explain });
    case "csv": return renderCsv(tabulation);
    case "json": return renderJson(tabulation);
    case "md": return renderMarkdown(tabulation, maxBytes === undefined ? {} : { maxBytes });
    case "junit": return renderJunit(tabulation);
    case "agbenchmark": return renderAgbenchmarkReport(tabulation, regression === undefined ? {} : { regression });
    case "agbenchmark-2023-09": return renderAgbenchmarkReport(tabulation, { model: "2023-09", ...(regression === undefined ? {} : { regression }) });
  }
}

/** Write to --out (creating its folder) or standard output. */
export async function emit(io: CliIO, text: string, out: string | undefined): Promise<void> {
  if (out === undefined) {
    io.stdout.write(text);
    return;
  }
  const path = resolve(io.cwd, out);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text);
  io.stderr.write(`wrote ${path}\n`);
}

/** Every option `bench tabulate` accepts (the help test checks HELP lists each). */
export const OPTIONS = {
  format: { type: "string", short: "f", default: "text" }, out: { type: "string", short: "o" },
  "min-pass-rate": { type: "string" }, trials: { type: "string" }, "max-bytes": { type: "string" }, explain: { type: "boolean" },
  csv: { type: "boolean", short: "c" }, excel: { type: "string", short: "e" },
  ...CUSTOM_TABULATE_OPTIONS, help: { type: "boolean", short: "h" },
} as const;

const usage = (io: CliIO, message: string): number => usageError(io, "tabulate", message);

export const command: Command = async (argv, io) => {
  const parsed = parseCommand("tabulate", argv, OPTIONS, io, HELP);
  if (typeof parsed === "number") return parsed;
  const { values, positionals } = parsed;
  const format = (values.csv ? "csv" : values.format) as Format;
  if (!FORMATS.includes(format)) return usage(io, `unknown --format '${values.format}' (one of ${FORMATS.join(", ")})`);
  if (positionals.length === 0) return usage(io, "missing <results>: a Results folder or a tabulation JSON file");
  const { value: minPassRate, problem: badRate } = readFlag("min-pass-rate", values["min-pass-rate"], rate);
  const { value: trials, problem: badTrials } = readFlag("trials", values.trials, count(1));
  const { value: maxBytes, problem: badBytes } = readFlag("max-bytes", values["max-bytes"], count(1));
  const bad = [badRate, badTrials, badBytes].filter((p) => p !== undefined);
  if (bad.length > 0) return usage(io, bad.join("\n"));
  const inputs = positionals.map((p) => resolve(io.cwd, p));
  const script = values["no-custom-tabulate"] ? undefined : await findCustomTabulate(io.cwd, positionals);
  let tabulation: Tabulation;
  if (script) {
    const sandbox = await tabulateSandbox(values);
    io.stderr.write(`Using tabulation method defined in '${script}' (${values.native ? "natively, without isolation" : `in ${sandbox.kind === "docker" ? sandbox.image : ""}: no network, Results read-only`})\n`);
    const custom = await tabulateWithCustom(inputs, script, sandbox, trials);
    if (custom.text) io.stderr.write(`${custom.text}\n`);
    tabulation = custom.tabulation;
  } else {
    tabulation = await tabulate(inputs, { requireResults: true, ...(trials === undefined ? {} : { trials }) });
  }
  if (values.excel !== undefined) {
    const path = resolve(io.cwd, values.excel);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, renderXlsx(tabulation));
    io.stderr.write(`wrote ${path}\n`);
  }
  const regression = format.startsWith("agbenchmark") ? await regressionIds(tabulation.sources) : undefined;
  await emit(io, render(tabulation, format, maxBytes, regression, values.explain === true), values.out);
  // The Action's fail-on: threshold, with the flag's name in the message.
  const failures = failureReasons({ failOn: ["threshold"], minPassRate, minPassRateName: "--min-pass-rate" }, headlineOf(tabulation));
  for (const reason of failures) io.stderr.write(`bench tabulate: ${reason}\n`);
  return failures.length > 0 ? EXIT_FAILED : EXIT_OK;
};
