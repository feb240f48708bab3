/** `bench merge <dirs...> --out FILE`: shards' Results → one tabulation, checked for duplicated or missing runs. */
import { resolve } from "node:path";
import { merge, regressionIds } from "../../../sdk/index.ts";
import type { CliIO, Command } from "../io.ts";
import { EXIT_OK } from "../io.ts";
import { FORMATS, emit, render, type Format } from "./tabulate.ts";
import { parseCommand, usageError } from "../parse-command.ts";

const HELP = `Usage: bench merge <dirs...> --out FILE [--format FORMAT] [--allow-missing]

Combine several Results folders (e.g. the shards of a matrix job) into one tabulation. Fails (exit 2)
when the same scenario/task/repetition appears in two folders, when a folder's run.json lists a task
(scenarios[].hashes × options.repeat) that has no result, or when shard manifests (shard.count = n)
do not cover every shard 1..n.

Options:
  -o, --out FILE       where to write (required); "-" for standard output
  -f, --format FORMAT  json (default; readable by tabulate/compare), text, csv, md, junit, agbenchmark,
                       agbenchmark-2023-09 (as bench tabulate)
      --allow-missing  report missing tasks/shards as missing trials instead of failing
  -h, --help           show this help
`;

/** Every option `bench merge` accepts (the help test checks HELP lists each). */
export const OPTIONS = {
  out: { type: "string", short: "o" }, format: { type: "string", short: "f", default: "json" },
  "allow-missing": { type: "boolean" }, help: { type: "boolean", short: "h" },
} as const;

const usage = (io: CliIO, message: string): number => usageError(io, "merge", message);

export const command: Command = async (argv, io) => {
  const parsed = parseCommand("merge", argv, OPTIONS, io, HELP);
  if (typeof parsed === "number") return parsed;
  const { values, positionals } = parsed;
  if (positionals.length === 0) return usage(io, "missing <dirs...>: the Results folders to merge");
  if (values.out === undefined) return usage(io, "missing --out FILE (use --out - for standard output)");
  const format = values.format as Format;
  if (!FORMATS.includes(format)) return usage(io, `unknown --format '${values.format}' (one of ${FORMATS.join(", ")})`);
  const dirs = positionals.map((p) => resolve(io.cwd, p));
  const tabulation = await merge(dirs, { allowMissing: values["allow-missing"] === true });
  // agbenchmark's is_regression: a task in any input's regression_tests.json, as `bench tabulate` does.
  const regression = format.startsWith("agbenchmark") ? await regressionIds(dirs) : undefined;
  await emit(io, render(tabulation, format, undefined, regression), values.out === "-" ? undefined : values.out);
  return EXIT_OK;
};
