/** `bench score <results>`: re-score existing Results without re-running anything. */
import { resolve } from "node:path";
import { ConfigError, loadScenarios, rescore, type RescoreOptions, type ScenarioInstance } from "../../../sdk/index.ts";
import type { CliIO, Command } from "../io.ts";
import { EXIT_OK, EXIT_USAGE } from "../io.ts";
import { parseCommand, usageError } from "../parse-command.ts";
import { CUSTOM_TABULATE_HELP, CUSTOM_TABULATE_OPTIONS, tabulateSandbox } from "../custom-tabulate-flags.ts";

const HELP = `Usage: bench score <results> [--scenarios FILE|DIR] [--scorer FILE] [--image IMAGE] [--native] [--no-custom-tabulate]

Re-score every run folder that has a result.json, in the usual order (docs/verifier.md): the
verifier's reward (read again from the run's verifier/ folder; verifiers are not re-run), the --scorer
module (exporting score(runDir)) or agbench's custom_tabulate.py, the grounds, score.json, then the
sentinel "ALL TESTS PASSED !#!#" + exit code. result.json is rewritten atomically. Timeouts, skipped
runs, runner errors, and runs that had a verifier when --scenarios does not name their scenario keep
their status.

Options:
      --scenarios FILE|DIR  the scenario JSONL (or folder of them) the runs came from, so each task's
                            "score" grounds (answer, should_contain, ...) apply; repeatable (default none)
      --scorer FILE         a .ts/.js/.mjs module exporting score(runDir) → { success, score?, metrics? } or a boolean
      --allow-unknown-keys  with --scenarios: keys the schema does not know are kept, not errors

agbench's custom_tabulate.py, when found as bench tabulate finds it (the current folder, then the run's
scenario folder and the folders above it; in each: custom_tabulate.py, Scripts/ or scripts/), decides
each run with its scorer (None: the next step decides), once per scenario folder.
${CUSTOM_TABULATE_HELP}
      --no-custom-tabulate   ignore custom_tabulate.py
  -h, --help                show this help
`;

/** Every option `bench score` accepts (the help test checks HELP lists each). */
export const OPTIONS = {
  scenarios: { type: "string", multiple: true }, scorer: { type: "string" }, ...CUSTOM_TABULATE_OPTIONS,
  "allow-unknown-keys": { type: "boolean" }, help: { type: "boolean", short: "h" },
} as const;

const usage = (io: CliIO, message: string): number => usageError(io, "score", message);

export const command: Command = async (argv, io) => {
  const parsed = parseCommand("score", argv, OPTIONS, io, HELP);
  if (typeof parsed === "number") return parsed;
  const { values, positionals } = parsed;
  if (positionals.length !== 1 || positionals[0] === undefined) return usage(io, "expected exactly one <results> folder");
  const options: RescoreOptions = { cwd: io.cwd };
  if (values.scorer) options.scorer = resolve(io.cwd, values.scorer);
  if (values["no-custom-tabulate"]) options.customTabulate = false;
  else options.tabulateSandbox = await tabulateSandbox(values);
  if (values.scenarios?.length) {
    try {
      const { scenarios } = await loadScenarios(values.scenarios, { cwd: io.cwd, allowUnknownKeys: values["allow-unknown-keys"] === true });
      const byKey = new Map<string, ScenarioInstance>(scenarios.map((s) => [`${s.scenario}\0${s.id}`, s]));
      options.scenarioFor = (scenario, id) => byKey.get(`${scenario}\0${id}`);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      io.stderr.write(`bench score: ${error.message}\n`);
      return EXIT_USAGE;
    }
  }
  const summary = await rescore(resolve(io.cwd, positionals[0]), options);
  io.stdout.write(`Re-scored ${summary.scored} run(s); ${summary.kept} kept the runner's status; ${summary.changed.length} changed.\n`);
  for (const c of summary.changed) io.stdout.write(`  ${c.scenario}/${c.id}/${c.rep}: ${c.from} → ${c.to}\n`);
  return EXIT_OK;
};
