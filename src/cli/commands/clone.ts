/** `bench clone --list` / `bench clone NAME [dir]`: copy a shipped benchmark (offline). */
import { resolve, relative } from "node:path";
import { cloneBenchmark, listBenchmarks } from "../../../sdk/index.ts";
import type { Command } from "../io.ts";
import { EXIT_OK } from "../io.ts";
import { parseCommand, usageError } from "../parse-command.ts";

const HELP = `Usage: bench clone --list
       bench clone NAME [dir]

Copy a benchmark shipped with bench-action into dir (default ./NAME); no network needed.
Results/ folders are not copied. dir must be absent or empty.

Options:
  -l, --list   list the shipped benchmarks (name and title)
  -h, --help   show this help
`;

/** Every option `bench clone` accepts (the help test checks HELP lists each). */
export const OPTIONS = { list: { type: "boolean", short: "l" }, help: { type: "boolean", short: "h" } } as const;

export const command: Command = async (argv, io) => {
  const parsed = parseCommand("clone", argv, OPTIONS, io, HELP);
  if (typeof parsed === "number") return parsed;
  const { values, positionals } = parsed;
  if (values.list) {
    const list = await listBenchmarks();
    const width = Math.max(...list.map((b) => b.name.length));
    io.stdout.write(list.map((b) => `${b.name.padEnd(width)}  ${b.title}\n`).join(""));
    return EXIT_OK;
  }
  const [name, target, ...extra] = positionals;
  if (name === undefined || extra.length > 0) return usageError(io, "clone", "expected NAME [dir] or --list");
  const dest = resolve(io.cwd, target ?? name);
  const files = await cloneBenchmark(name, dest);
  const shown = relative(io.cwd, dest) || ".";
  io.stdout.write(`bench clone: copied ${name} (${files.length} files) into ${shown}\nNext: see ${shown}/README.md\n`);
  return EXIT_OK;
};
