/** `bench score <results>`: re-score existing Results without re-running anything. */
import { resolve } from "node:path";
import { rescore, type RescoreOptions } from "../../../sdk/index.ts";
import type { CliIO, Command } from "../io.ts";
import { EXIT_OK } from "../io.ts";
import { parseCommand, usageError } from "../parse-command.ts";

const HELP = `Usage: bench score <results> [--scorer FILE] [--python CMD] [--no-custom-tabulate]

Re-score every run folder that has a result.json, in the usual order: score.json, the --scorer module
(exporting score(runDir)) or agbench's custom_tabulate.py (found in the current folder, ./Scripts, or
above the run folder; run with python3), then the sentinel "ALL TESTS PASSED !#!#" + exit code.
result.json is rewritten atomically. Timeouts, skipped runs and runner errors keep their status.

Options:
      --scorer FILE         a .ts/.js/.mjs module exporting score(runDir) → { success, score?, metrics? } or a boolean
      --python CMD          Python for custom_tabulate.py (default python3)
      --no-custom-tabulate  ignore any custom_tabulate.py
  -h, --help                show this help
`;

const usage = (io: CliIO, message: string): number => usageError(io, "score", message);

export const command: Command = async (argv, io) => {
  const parsed = parseCommand("score", argv, {
    scorer: { type: "string" }, python: { type: "string" }, "no-custom-tabulate": { type: "boolean" },
    help: { type: "boolean", short: "h" },
  }, io);
  if (typeof parsed === "number") return parsed;
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(HELP);
    return EXIT_OK;
  }
  if (positionals.length !== 1 || positionals[0] === undefined) return usage(io, "expected exactly one <results> folder");
  const options: RescoreOptions = { cwd: io.cwd };
  if (values.scorer) options.scorer = resolve(io.cwd, values.scorer);
  if (values.python) options.python = values.python;
  if (values["no-custom-tabulate"]) options.customTabulate = false;
  const summary = await rescore(resolve(io.cwd, positionals[0]), options);
  io.stdout.write(`Re-scored ${summary.scored} run(s); ${summary.kept} kept the runner's status; ${summary.changed.length} changed.\n`);
  for (const c of summary.changed) io.stdout.write(`  ${c.scenario}/${c.id}/${c.rep}: ${c.from} → ${c.to}\n`);
  return EXIT_OK;
};
