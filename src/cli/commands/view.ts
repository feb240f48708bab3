/** `bench view [results…] [--base results] [--out DIR]`: the local results browser (served, or a static site). */
import { resolve } from "node:path";
import { loadView, startViewServer, writeViewSite } from "../../../sdk/index.ts";
import { envSecrets } from "../env-secrets.ts";
import type { Command } from "../io.ts";
import { EXIT_OK } from "../io.ts";
import { parseCommand, usageError } from "../parse-command.ts";
import { compareHelp, readComparisonSettings } from "../../options/compare-options.ts";
import { flagProblem, readFlag } from "../../options/option-surfaces.ts";
import { count } from "../../options/values.ts";

const HELP = `Usage: bench view [results...] [--base RESULTS] [--out DIR] [--host ADDR] [--port N] [--env FILE]

Browse Results in a web browser: a runs list filtered by status, suite, task and text; a page per run
with its console log, the agent's message files (*messages.json, *transcript.jsonl, ...), result.json
(score, reward, usage) and files; each task's base and head trials side by side; and the comparison
with --base. [results] are Results folders or saved tabulation JSON (default ./Results).

Serves read-only on http://127.0.0.1 (a free port unless --port) until Ctrl-C, re-reading the Results
every few seconds, or writes the same pages as a static site with --out. Everything shown is escaped,
and the env file's values are masked as bench run masks them.

Options:
      --base RESULTS    compare with this Results folder or tabulation JSON (default none)
  -o, --out DIR         write a static site to DIR instead of serving (a new or empty folder, or an
                        earlier --out; not inside a Results folder)
      --host ADDR       address to serve on (default 127.0.0.1; another address shows your Results to
                        the network)
  -p, --port N          port to serve on (default 0: any free port; the URL is printed)
  -e, --env FILE        mask this ENV.yaml / ENV.json's values (default ./ENV.yaml, ENV.yml or ENV.json
                        when present)
  -t, --threshold PP    ${compareHelp("threshold")}
  -h, --help            show this help
`;

/** Every option `bench view` accepts (the help test checks HELP lists each). */
export const OPTIONS = {
  base: { type: "string" }, out: { type: "string", short: "o" }, host: { type: "string" }, port: { type: "string", short: "p" },
  env: { type: "string", short: "e" }, threshold: { type: "string", short: "t" }, help: { type: "boolean", short: "h" },
} as const;

export const command: Command = async (argv, io) => {
  const parsed = parseCommand("view", argv, OPTIONS, io, HELP);
  if (typeof parsed === "number") return parsed;
  const { values, positionals } = parsed;
  const { settings, issues } = readComparisonSettings((flag) => values[flag as "threshold"], flagProblem, ["threshold"]);
  if (issues.length > 0) return usageError(io, "view", issues.join("\n"));
  const { value: port = 0, problem: badPort } = readFlag("port", values.port, count(0, 65535));
  if (badPort !== undefined) return usageError(io, "view", badPort);
  if (values.out !== undefined && (values.host !== undefined || values.port !== undefined)) return usageError(io, "view", "--out writes files; --host and --port are for serving");
  const heads = positionals.length > 0 ? positionals : ["Results"];
  const secrets = await envSecrets(io, values.env);
  const load = () => loadView(heads, { ...(values.base ? { base: [values.base] } : {}), compare: settings, secrets, cwd: io.cwd, requireResults: true });
  if (values.out !== undefined) {
    const { files } = await writeViewSite(await load(), resolve(io.cwd, values.out));
    io.stdout.write(`bench view: wrote ${files} files to ${values.out} (open ${values.out}/index.html)\n`);
    return EXIT_OK;
  }
  const server = await startViewServer(load, { port, ...(values.host ? { host: values.host } : {}) });
  io.stdout.write(`bench view: serving ${heads.join(", ")} on ${server.url} (read-only; Ctrl-C to stop)\n`);
  if (values.host !== undefined && !["127.0.0.1", "::1", "localhost"].includes(values.host)) {
    io.stderr.write(`bench view: warning: listening on ${values.host}: anyone who can reach it can read these Results\n`);
  }
  await new Promise<void>((done) => {
    if (io.signal?.aborted) return done();
    io.signal?.addEventListener("abort", () => done(), { once: true });
  });
  await server.close();
  return EXIT_OK;
};
