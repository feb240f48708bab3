/**
 * `bench clean`: remove containers left behind by earlier runs (by the bench-action.run-id label only),
 * or with --superseded the run folders kept in <results>/.superseded (docs/results.md).
 */
import { resolve } from "node:path";
import { LABEL_RUN_ID, RunnerError, acquireResultsLock, checkEngine, cleanContainers, cleanVerifyImages, connectDocker, listSuperseded, removeSuperseded } from "../../../sdk/index.ts";
import type { Command } from "../io.ts";
import { EXIT_OK, EXIT_USAGE } from "../io.ts";
import { parseCommand, usageError } from "../parse-command.ts";

const HELP = `Usage: bench clean [--run-id ID]
       bench clean --superseded [--results-dir DIR] [--list]

Kills and removes Docker containers labelled ${LABEL_RUN_ID} (left behind by interrupted or
crashed runs), running or not: without --run-id that includes the containers of a bench run still
going on the same engine; and the temporary images of shared-mode verifiers (bench-action-verify)
a crash left. Containers without that label are never touched. DOCKER_HOST selects the engine.

With --superseded: deletes <results-dir>/.superseded, where bench run keeps the earlier folders of
runs it redid (scenario changed, interrupted, retried), listing each with why it was set aside.

Options:
  --run-id ID         only the containers of this run id ("runId" in Results/run.json; default all)
  --superseded        delete the kept run folders in <results-dir>/.superseded instead
  --results-dir DIR   with --superseded: the results root (default Results)
  --list              with --superseded: list them, delete nothing
  -h, --help          show this help
`;

/** Every option `bench clean` accepts (the help test checks HELP lists each). */
export const OPTIONS = {
  "run-id": { type: "string" }, superseded: { type: "boolean" }, "results-dir": { type: "string" }, list: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

function mib(bytes: number): string {
  return `${(bytes / 1048576).toFixed(1)} MiB`;
}

export const command: Command = async (argv, io) => {
  const parsed = parseCommand("clean", argv, OPTIONS, io, HELP);
  if (typeof parsed === "number") return parsed;
  if (parsed.positionals.length > 0) return usageError(io, "clean", `unexpected argument '${parsed.positionals[0]}'`);
  const { values } = parsed;
  if (values.superseded) {
    const resultsDir = resolve(io.cwd, values["results-dir"] ?? "Results");
    const lock = values.list ? undefined : await acquireResultsLock(resultsDir, { command: "bench clean --superseded" });
    try {
      const entries = values.list ? await listSuperseded(resultsDir) : await removeSuperseded(resultsDir);
      for (const e of entries) io.stdout.write(`${e.path}  ${mib(e.bytes)}  ${e.note ? `${e.note.movedAt}: ${e.note.reason}` : "(no note)"}\n`);
      const total = entries.reduce((sum, e) => sum + e.bytes, 0);
      io.stdout.write(`${values.list ? "Kept" : "Deleted"} ${entries.length} superseded run folder${entries.length === 1 ? "" : "s"} (${mib(total)}).\n`);
    } finally {
      await lock?.release();
    }
    return EXIT_OK;
  }
  if (values["results-dir"] !== undefined || values.list) return usageError(io, "clean", "--results-dir and --list go with --superseded");
  const docker = connectDocker();
  try {
    await checkEngine(docker);
  } catch (error) {
    if (!(error instanceof RunnerError)) throw error;
    io.stderr.write(`bench clean: ${error.message}\n`);
    return EXIT_USAGE;
  }
  const runId = values["run-id"];
  const removed = await cleanContainers(docker, runId === undefined ? {} : { runId });
  const scope = runId === undefined ? "" : ` of run ${runId}`;
  io.stdout.write(`Removed ${removed} container${removed === 1 ? "" : "s"}${scope} (label ${LABEL_RUN_ID}).\n`);
  const images = await cleanVerifyImages(docker, runId === undefined ? {} : { runId });
  if (images > 0) io.stdout.write(`Removed ${images} temporary verifier image${images === 1 ? "" : "s"}${scope} (bench-action-verify).\n`);
  return EXIT_OK;
};
