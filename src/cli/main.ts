/** `bench` entry: dispatches to one command module per subcommand. */
import { describeError, BenchError } from "../errors.ts";
import { benchVersion } from "../repo-path.ts";
import type { CliIO, CommandInfo } from "./io.ts";
import { EXIT_USAGE } from "./io.ts";
import { closest } from "../did-you-mean.ts";

// One line per command; each module exports `command: Command` and `OPTIONS` (what it passes to parseArgs).
export const COMMANDS: Record<string, CommandInfo> = {
  run: { summary: "Run scenarios (JSONL file, folder or -) into Results/", load: () => import("./commands/run.ts") },
  tabulate: { summary: "Tabulate Results (text, csv, json, md, junit, agbenchmark); --min-pass-rate gate", load: () => import("./commands/tabulate.ts") },
  compare: { summary: "Compare base and head Results: delta, 95% interval, MDE, verdict", load: () => import("./commands/compare.ts") },
  merge: { summary: "Merge shards' Results into one tabulation, checking for missing/duplicated runs", load: () => import("./commands/merge.ts") },
  score: { summary: "Re-score existing Results without re-running (--scorer FILE)", load: () => import("./commands/score.ts") },
  remove_missing: { summary: "Move runs with missing results aside (agbench's remove_missing; nothing is deleted)", load: () => import("./commands/remove-missing.ts") },
  lint: { summary: "Code console logs with error codes and evidence lines (agbench's lint: a model, or --rules)", load: () => import("./commands/lint.ts") },
  clean: { summary: "Remove Docker containers left by earlier runs (by label)", load: () => import("./commands/clean.ts") },
  report: { summary: "Write a self-contained HTML report (suites, heatmap, comparison with --base)", load: () => import("./commands/report.ts") },
  view: { summary: "Browse Results locally: runs list, run pages (log, messages), base vs head (--out: static site)", load: () => import("./commands/view.ts") },
  clone: { summary: "Copy a shipped benchmark into a folder (--list to see them)", load: () => import("./commands/clone.ts") },
  init: { summary: "Scaffold Templates/, Tasks/, ENV.yaml.example, config.yaml and a PR workflow", load: () => import("./commands/init.ts") },
  import: { summary: "Import agbenchmark challenge folders as scenario JSONL + templates", load: () => import("./commands/import.ts") },
  // further commands register here
};

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  const lines = Object.entries(COMMANDS).map(([name, info]) => `  ${name.padEnd(width)}  ${info.summary}`);
  // How bench starts (compiled lib/ or the sources through tsx) is for contributors: README.md, not --help.
  return `Usage: bench <command> [options]\n\nCommands:\n${lines.join("\n")}\n\nRun 'bench <command> --help' for a command's options.\n` +
    `Scenario format: docs/scenarios.md (JSON Schema: schema/scenario.schema.json in the package).\n`;
}

/** Run the CLI; returns the process exit code. */
export async function main(argv: string[], io?: Partial<CliIO>): Promise<number> {
  const controller = new AbortController();
  const full: CliIO = {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
    signal: controller.signal,
    ...io,
  };
  const [name, ...rest] = argv;
  if (name === undefined || name === "-h" || name === "--help" || name === "help") {
    full.stdout.write(usage());
    return name === undefined ? EXIT_USAGE : 0;
  }
  if (name === "-V" || name === "--version") {
    full.stdout.write(`bench-action ${benchVersion()}\n`);
    return 0;
  }
  const info = COMMANDS[name];
  if (!info) {
    const guess = closest(name, Object.keys(COMMANDS));
    full.stderr.write(`bench: unknown command '${name}'${guess === undefined ? "" : ` (did you mean 'bench ${guess}'?)`}\n\n${usage()}`);
    return EXIT_USAGE;
  }
  const ownSignals = io?.signal === undefined;
  const onSignal = (sig: NodeJS.Signals) => {
    if (controller.signal.aborted) {
      full.stderr.write(`bench: second ${sig}, exiting now\n`);
      process.exit(130);
    }
    full.stderr.write(`\nbench: ${sig} received, stopping runs and cleaning up (again to force)...\n`);
    controller.abort(new Error(`${sig} received`));
  };
  if (ownSignals) {
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
  }
  try {
    const { command } = await info.load();
    return await command(rest, full);
  } catch (error) {
    full.stderr.write(`bench ${name}: ${describeError(error)}\n`);
    return error instanceof BenchError && (error.code === "E_CONFIG" || error.code === "E_USAGE") ? EXIT_USAGE : 1;
  } finally {
    if (ownSignals) {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    }
  }
}
