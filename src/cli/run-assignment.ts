/** `bench run --assignment file.yaml`: every (agent, task) pair of an AgentBench assignment, one after the other. */
import { resolve } from "node:path";
import { runScenarios, type RunOptions } from "../../sdk/run.ts";
import { runAssignments } from "../../sdk/agentbench.ts";
import type { CliIO } from "./io.ts";
import { EXIT_FAILED, EXIT_OK } from "./io.ts";
import { Progress, countsLine, type Verbosity } from "./progress.ts";

export async function runAssignmentCommand(file: string, options: RunOptions, io: CliIO, verbosity: Verbosity = "normal"): Promise<number> {
  const pairs = await runAssignments(resolve(io.cwd, file), {
    ...options, cwd: io.cwd, hostEnv: io.env, ...(io.signal ? { signal: io.signal } : {}),
  }, async (input, pairOptions) => {
    io.stdout.write(`== ${pairOptions.resultsDir}\n`);
    const progress = new Progress(io, { verbosity });
    const summary = await runScenarios(input, { ...pairOptions, onEvent: progress.onEvent }).finally(() => progress.stop());
    progress.finish(summary);
    return summary;
  });
  let bad = 0;
  for (const { agentName, taskName, summary } of pairs) {
    io.stdout.write(`${agentName} × ${taskName}: ${countsLine(summary.counts)}\n`);
    bad += summary.counts.failed + summary.counts.error + summary.counts.timeout;
    if (summary.aborted) return 130;
  }
  return bad > 0 ? EXIT_FAILED : EXIT_OK;
}
