/** `bench run --help`: the option lines come from the run option table, with their defaults. */
import { compareHelp, DEFAULT_UNTIL_DECIDED_BUDGET } from "../options/compare-options.ts";
import { helpLines } from "../options/option-surfaces.ts";
import { FAILURE_LIST_CAP } from "./run-failures.ts";

export const RUN_HELP = `Usage: bench run <file.jsonl|folder|-> [more inputs] [options]

Runs every scenario instance (× repeat) into <results-dir>/<scenario>/<id>/<rep>/.
Finished runs (a terminal result.json for the same scenario, console_log.txt unchanged) are kept:
running the same command again resumes. Interrupted runs, runs whose scenario changed, and errors
the Docker engine caused ("retryable": true in result.json) are redone by that plain rerun; their
earlier folders are moved to <results-dir>/.superseded/<run id>/, never deleted ('bench clean' with
its superseded option deletes them). Run folders bench did not write (agbench's) are adopted:
scored from console_log.txt as agbench does, never rerun or deleted. One bench writes a Results
folder at a time (<results-dir>/.lock). --retry-errors retries within one invocation.

Options (agbench-compatible first):
${helpLines("run")}
  -h, --help                show this help
Output:
  -q, --quiet               print only the end: the runs that did not pass (with the reason and the
                            log path) and the counts (default: live progress)
  -v, --verbose             also print every run as it starts and ends, and list every run that did
                            not pass (default: the first ${FAILURE_LIST_CAP})
Until decided (docs/verdict.md):
      --until-decided       run in looks and stop once the verdict against --base is settled
                            (group-sequential, false alarms at most --alpha): look 1 runs every task
                            once, each later look adds as many runs as there are tasks, given to the
                            tasks the base shows uncertain; -r is then the mean budget per task, at
                            most -r × tasks runs (default ${DEFAULT_UNTIL_DECIDED_BUDGET})
      --base RESULTS        the baseline, a Results folder or tabulation JSON (needed by it)
      --threshold PP        ${compareHelp("threshold")}
      --alpha A             ${compareHelp("alpha")}
Docker only:
${helpLines("docker")}

agbenchmark selection:
${helpLines("agbenchmark")}

Model usage (docs/usage.md):
${helpLines("usage")}

Exit codes: 0 all passed, 1 some failed/error/timeout, 2 usage or config error, 130 interrupted.
`;
