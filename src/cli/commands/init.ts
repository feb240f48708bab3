/** `bench init [dir] [--force]`: scaffold a benchmark project (Templates/, Tasks/, ENV, config, PR workflow). */
import { resolve, relative } from "node:path";
import { parseArgs } from "node:util";
import { initProject } from "../../../sdk/index.ts";
import type { Command } from "../io.ts";
import { EXIT_OK, EXIT_USAGE } from "../io.ts";

const HELP = `Usage: bench init [dir] [--force]

Write Templates/Example/, Tasks/example.jsonl, ENV.yaml.example, config.yaml and
.github/workflows/bench.yml into dir (default .). Existing files are never overwritten
unless --force is given.
`;

export const command: Command = async (argv, io) => {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { force: { type: "boolean", short: "f" }, help: { type: "boolean", short: "h" } } });
  } catch (error) {
    io.stderr.write(`bench init: ${(error as Error).message}\n${HELP}`);
    return EXIT_USAGE;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(HELP);
    return EXIT_OK;
  }
  if (positionals.length > 1) {
    io.stderr.write(`bench init: expected at most one dir, got ${positionals.length}\n${HELP}`);
    return EXIT_USAGE;
  }
  const dest = resolve(io.cwd, positionals[0] ?? ".");
  const files = await initProject(dest, { force: values.force === true });
  const shown = relative(io.cwd, dest) || ".";
  io.stdout.write(`bench init: wrote ${files.length} files into ${shown}:\n${files.map((f) => `  ${f}\n`).join("")}` +
    `Next: cp ENV.yaml.example ENV.yaml; add ENV.yaml and Results/ to .gitignore; bench run Tasks\n`);
  return EXIT_OK;
};
