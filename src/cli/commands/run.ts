/** `bench run`: agbench-compatible flags → runScenarios, progress on the terminal, exit code from the outcome. */
import { BenchError, ConfigError, RunnerError, describeError, runScenarios } from "../../../sdk/run.ts";
import type { Command } from "../io.ts";
import { EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE } from "../io.ts";
import { Progress } from "../progress.ts";
import { parseRunArgs, UsageError } from "../run-args.ts";
import { RUN_HELP } from "../run-help.ts";
import { runAssignmentCommand } from "../run-assignment.ts";
import { runUntilDecidedCommand } from "../run-until-decided.ts";

/** Every option `bench run` accepts (the help test checks RUN_HELP lists each). */
export { RUN_FLAGS as OPTIONS } from "../run-args.ts";

export const command: Command = async (argv, io) => {
  let parsed;
  try {
    parsed = parseRunArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`bench run: ${error.message}\nRun 'bench run --help' for usage.\n`);
    return EXIT_USAGE;
  }
  if (parsed.help) {
    io.stdout.write(RUN_HELP);
    return EXIT_OK;
  }
  if (parsed.assignment !== undefined) return runAssignmentCommand(parsed.assignment, parsed.options, io, parsed.verbosity);
  if (parsed.inputs.length === 0) {
    io.stderr.write("bench run: missing input: a scenario JSONL file, a folder of them, or - for stdin\nRun 'bench run --help' for usage.\n");
    return EXIT_USAGE;
  }
  if (parsed.options.runtime === "native" && (parsed.options.docker || parsed.options.dockerImage)) {
    io.stderr.write("warning: --docker-image, --network, --docker-socket, --cpus, --memory, --pids-limit, --cap-add, --new-privileges, --user, --mount and --workspace apply to Docker only; ignored with --native\n");
  }
  const progress = new Progress(io, { verbosity: parsed.verbosity });
  let summary;
  try {
    const options = {
      ...parsed.options, cwd: io.cwd, hostEnv: io.env, stdin: io.stdin, onEvent: progress.onEvent,
      ...(io.signal ? { signal: io.signal } : {}),
    };
    summary = parsed.untilDecided
      ? await runUntilDecidedCommand(parsed.inputs, options, parsed.untilDecided, io)
      : await runScenarios(parsed.inputs, options);
  } catch (error) {
    if (error instanceof ConfigError || (error instanceof BenchError && error.code === "E_BUSY")) {
      io.stderr.write(`bench run: ${error.message}\n`);
      return EXIT_USAGE;
    }
    if (error instanceof RunnerError) {
      const hint = error.message.includes("--native") ? "" : "\n  (pass --native to run without Docker)";
      io.stderr.write(`bench run: ${describeError(error)}${hint}\n`);
      return EXIT_USAGE;
    }
    throw error;
  } finally {
    progress.stop();
  }
  progress.finish(summary);
  if (summary.aborted) {
    io.stderr.write(`bench run: interrupted. Finished runs are kept; interrupted and pending runs will be redone when you run the same command again.\n`);
    return EXIT_INTERRUPTED;
  }
  const { failed, error, timeout } = summary.counts;
  return failed + error + timeout + (summary.unscored?.length ?? 0) > 0 ? EXIT_FAILED : EXIT_OK;
};
