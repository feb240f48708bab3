/** agbenchmark's selection flags for `bench run` (issue 6). `-c` stays agbench's --config. */
import { resolve } from "node:path";
import { runModeFromFlags, type RunOptions } from "../../sdk/run.ts";

export const AGBENCHMARK_RUN_FLAGS = {
  category: { type: "string", multiple: true },
  "skip-category": { type: "string", multiple: true },
  test: { type: "string" },
  "no-dep": { type: "boolean" },
  maintain: { type: "boolean" },
  improve: { type: "boolean" },
  explore: { type: "boolean" },
  cutoff: { type: "string" },
  "no-cutoff": { type: "boolean" },
  "no-history": { type: "boolean" },
  assignment: { type: "string" },
} as const;

export const AGBENCHMARK_RUN_HELP = `
agbenchmark selection:
  --category NAME        only tasks with this category (repeatable)
  --skip-category NAME   leave out tasks with this category (repeatable)
  --test ID              run only this task (ignores its dependencies)
  --no-dep               ignore dependencies (no ordering, no skipping)
  --maintain             only regression tests (passed 3 times in a row, from the results dir's history)
  --improve              only tasks that are not regression tests
  --explore              only tasks that never passed
  --cutoff S             timeout in seconds for every task (overrides each task's cutoff)
  --no-cutoff            no timeout
  --no-history           do not update regression_tests.json / success_rate.json
  --assignment FILE      AgentBench assignment YAML: run every agent × task pair it lists
`;

interface Values {
  category?: string[];
  "skip-category"?: string[];
  test?: string;
  "no-dep"?: boolean;
  maintain?: boolean;
  improve?: boolean;
  explore?: boolean;
  cutoff?: string;
  "no-cutoff"?: boolean;
  "no-history"?: boolean;
}

/** Copy the flags into RunOptions; a bad value throws `makeError(message)`. */
export function applyAgbenchmarkFlags(v: Values, options: RunOptions, makeError: (message: string) => Error): void {
  if (v.category?.length) options.categories = v.category;
  if (v["skip-category"]?.length) options.skipCategories = v["skip-category"];
  if (v.test !== undefined) options.test = v.test;
  if (v["no-dep"]) options.noDep = true;
  if (v["no-history"]) options.noHistory = true;
  if (v.cutoff !== undefined) {
    const value = Number(v.cutoff);
    if (v.cutoff.trim() === "" || !Number.isFinite(value) || value <= 0) throw makeError(`--cutoff: expected a number of seconds > 0, got '${v.cutoff}'`);
    if (v["no-cutoff"]) throw makeError("--cutoff and --no-cutoff are mutually exclusive");
    options.cutoff = value;
  }
  if (v["no-cutoff"]) options.noCutoff = true;
  try {
    const mode = runModeFromFlags({ maintain: v.maintain ?? false, improve: v.improve ?? false, explore: v.explore ?? false });
    if (mode) options.mode = mode;
  } catch {
    throw makeError("--maintain, --improve and --explore are mutually exclusive");
  }
}

/** The assignment file, resolved against `cwd`, when `--assignment` was given. */
export function assignmentFile(v: { assignment?: string }, cwd: string): string | undefined {
  return v.assignment === undefined ? undefined : resolve(cwd, v.assignment);
}
