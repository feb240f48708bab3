/** `bench clone --list` / `bench clone NAME [dir]`: copy a shipped benchmark (offline). */
import { resolve, relative } from "node:path";
import { parseArgs } from "node:util";
import { cloneBenchmark, listBenchmarks } from "../../../sdk/index.ts";
import type { Command } from "../io.ts";
import { EXIT_OK, EXIT_USAGE } from "../io.ts";

const HELP = `Usage: bench clone --list
       bench clone NAME [dir]

Copy a benchmark shipped with bench-action into dir (default ./NAME); no network needed.
Results/ folders are not copied. dir must be absent or empty.
`;

export const command: Command = async (argv, io) => {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { list: { type: "boolean", short: "l" }, help: { type: "boolean", short: "h" } } });
  } catch (error) {
    io.stderr.write(`bench clone: ${(error as Error).message}\n${HELP}`);
    return EXIT_USAGE;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(HELP);
    return EXIT_OK;
  }
  if (values.list) {
    const list = await listBenchmarks();
    const width = Math.max(...list.map((b) => b.name.length));
    io.stdout.write(list.map((b) => `${b.name.padEnd(width)}  ${b.title}\n`).join(""));
    return EXIT_OK;
  }
  const [name, target, ...extra] = positionals;
  if (name === undefined || extra.length > 0) {
    io.stderr.write(`bench clone: expected NAME [dir] or --list\n${HELP}`);
    return EXIT_USAGE;
  }
  const dest = resolve(io.cwd, target ?? name);
  const files = await cloneBenchmark(name, dest);
  const shown = relative(io.cwd, dest) || ".";
  io.stdout.write(`bench clone: copied ${name} (${files.length} files) into ${shown}\nNext: see ${shown}/README.md\n`);
  return EXIT_OK;
};
