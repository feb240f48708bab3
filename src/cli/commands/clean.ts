/** `bench clean`: remove containers left behind by earlier runs (by the bench-action.run-id label only). */
import { LABEL_RUN_ID, RunnerError, checkEngine, cleanContainers, connectDocker } from "../../../sdk/index.ts";
import type { Command } from "../io.ts";
import { EXIT_OK, EXIT_USAGE } from "../io.ts";
import { parseCommand, usageError } from "../parse-command.ts";

const HELP = `Usage: bench clean [--run-id ID]

Kills and removes Docker containers labelled ${LABEL_RUN_ID} (left behind by interrupted or
crashed runs), running or not: without --run-id that includes the containers of a bench run still
going on the same engine. Containers without that label are never touched. DOCKER_HOST selects the engine.

Options:
  --run-id ID   only the containers of this run id ("runId" in Results/run.json; default all)
  -h, --help    show this help
`;

/** Every option `bench clean` accepts (the help test checks HELP lists each). */
export const OPTIONS = { "run-id": { type: "string" }, help: { type: "boolean", short: "h" } } as const;

export const command: Command = async (argv, io) => {
  const parsed = parseCommand("clean", argv, OPTIONS, io, HELP);
  if (typeof parsed === "number") return parsed;
  if (parsed.positionals.length > 0) return usageError(io, "clean", `unexpected argument '${parsed.positionals[0]}'`);
  const { values } = parsed;
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
  return EXIT_OK;
};
