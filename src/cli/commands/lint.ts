/** `bench lint <logs...>`: agbench's lint, coding console logs with error codes and evidence lines. docs/lint.md. */
import { mkdir } from "node:fs/promises";
import { dirname, isAbsolute, relative, resolve } from "node:path";
// The domain entries, not sdk/index.ts: a lint loads neither Docker nor the reports.
import {
  createLintClient, DEFAULT_LINT_MAX_BYTES, DEFAULT_LINT_MODEL, findLogs, LINT_RULES, lintLogs, loadCodebook, notPassed, renderCodedLog, writeLintReport,
  type ChatClient, type CodedLog, type LintOptions, type LintReport,
} from "../../../sdk/lint.ts";
import { count, maskText, readFlag, seconds, type ValueKind } from "../../../sdk/run.ts";
import { usageLine } from "../../../sdk/usage.ts";
import { envSecrets } from "../env-secrets.ts";
import type { CliIO, Command } from "../io.ts";
import { EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE } from "../io.ts";
import { parseCommand, usageError } from "../parse-command.ts";

const rules = LINT_RULES.map((rule) => `  ${rule.name.padEnd(26)} [${rule.severity}] ${rule.cue}`).join("\n");

const HELP = `Usage: bench lint <log|folder>... [options]

agbench's lint: reads console logs and codes each one as a qualitative researcher would, with
error codes (a name, a definition, a severity 0-2) and, for each, the lines of the log that show it.
Prints per log "[severity]: code: definition" and "file:line:line_end<TAB>reason" lines, then
"Found N errors in file." A log is a file; a folder means every console_log.txt under it (a Results
folder, a scenario's folder or one run; folders starting with "." are skipped).

By default a model codes the logs, as agbench lint does: an OpenAI-compatible chat-completions API
(default model ${DEFAULT_LINT_MODEL}) invents codes for each log, or with --codebook applies only the
codebook's codes, and writes a one-sentence summary of the log. Each log's text goes to the model:
at most --max-bytes of it (default ${DEFAULT_LINT_MAX_BYTES}), numbered, its head and its tail when it is
longer, with the ENV file's values and the API key masked. The requests, tokens and cost (at
bench's list prices) are shown at the end.

--rules codes without a model (no network, nothing sent), with these codes found by fixed patterns
(every other kind of code needs the model; docs/lint.md has their definitions):
${rules}

Options:
  -m, --model NAME          model to ask (default ${DEFAULT_LINT_MODEL})
      --base-url URL        the API's base URL (default OPENAI_BASE_URL, else https://api.openai.com/v1);
                            an API key comes from OPENAI_API_KEY (none needed for another server)
      --token-command CMD   sh -c CMD prints the bearer token to use instead of OPENAI_API_KEY (run
                            once, and again after a 401)
      --azure               the token of 'az account get-access-token' for cognitiveservices.azure.com
                            (bench run's --azure recipe); needs --base-url
                            https://RESOURCE.openai.azure.com/openai/v1
      --codebook FILE       YAML or JSON codes the model may apply (name, definition, severity,
                            examples); also an earlier --out report, to reuse its codes
      --no-summary          skip the one-sentence summary (one request per log instead of two)
      --max-bytes N         cap of log text sent per log, in bytes (default ${DEFAULT_LINT_MAX_BYTES}; at least 1024)
      --timeout S           seconds to wait for each answer: 300, 1.5, 10m (default 300)
      --retries N           retries of a request that failed on the network, timed out or got HTTP
                            408, 409, 429 or 5xx, honouring Retry-After (default 2)
  -p, --parallel N          logs coded at once (default 4)
      --only-failed         only the logs of runs that did not pass (result.json's status, else
                            agbench's verdict from the log; a missing verdict counts as not passed)
      --rules               code with the built-in rules above instead of a model
  -o, --out FILE            also write every coded log as JSON to FILE (written whole at the end, or
                            not at all); '-' prints the JSON instead of the text
  -e, --env FILE            mask this ENV.yaml / ENV.json's values in what is sent and shown (default
                            ./ENV.yaml, ENV.yml or ENV.json when present)
  -q, --quiet               no progress lines on stderr
  -h, --help                show this help

Exit codes: 0 every log coded, 1 some log could not be coded (its error is shown; the others are
kept), 2 usage error (no such log, a bad codebook, no credential), 130 interrupted (nothing written).
`;

/** Every option `bench lint` accepts (the help test checks HELP lists each). */
export const OPTIONS = {
  model: { type: "string", short: "m" }, "base-url": { type: "string" }, "token-command": { type: "string" }, azure: { type: "boolean" },
  codebook: { type: "string" }, "no-summary": { type: "boolean" }, "max-bytes": { type: "string" }, timeout: { type: "string" },
  retries: { type: "string" }, parallel: { type: "string", short: "p" }, "only-failed": { type: "boolean" }, rules: { type: "boolean" }, out: { type: "string", short: "o" },
  env: { type: "string", short: "e" }, quiet: { type: "boolean", short: "q" }, help: { type: "boolean", short: "h" },
} as const;

const MODEL_ONLY = ["model", "base-url", "token-command", "azure", "codebook", "no-summary", "max-bytes", "timeout", "retries"] as const;

/** A flag's value read by its kind (src/options/values.ts), `fallback` when not given; a bad one is said and undefined. */
function number(io: CliIO, flag: string, value: string | undefined, fallback: number, kind: ValueKind<number>): number | undefined {
  const read = readFlag(flag, value, kind);
  if (read.problem !== undefined) return void usageError(io, "lint", read.problem), undefined;
  return read.value ?? fallback;
}

export const command: Command = async (argv, io) => {
  const parsed = parseCommand("lint", argv, OPTIONS, io, HELP);
  if (typeof parsed === "number") return parsed;
  const { values, positionals } = parsed;
  if (positionals.length === 0) return usageError(io, "lint", "missing <log|folder>: a console log, or a folder of them (e.g. Results)");
  const useRules = values.rules === true;
  if (useRules) {
    const clash = MODEL_ONLY.find((flag) => values[flag] !== undefined);
    if (clash) return usageError(io, "lint", `--${clash} is for the model; --rules codes without one`);
  }
  const maxBytes = number(io, "max-bytes", values["max-bytes"], DEFAULT_LINT_MAX_BYTES, count(1024));
  const timeout = number(io, "timeout", values.timeout, 300, seconds);
  const retries = number(io, "retries", values.retries, 2, count(0, 10));
  const parallel = number(io, "parallel", values.parallel, 4, count(1, 64));
  if (maxBytes === undefined || timeout === undefined || retries === undefined || parallel === undefined) return EXIT_USAGE;
  // The report's folder exists before any model is paid for.
  if (values.out !== undefined && values.out !== "-") await mkdir(dirname(resolve(io.cwd, values.out)), { recursive: true });

  const quiet = values.quiet === true;
  let secrets = await envSecrets(io, values.env);
  const note = (line: string) => io.stderr.write(`bench lint: ${maskText(line, secrets)}\n`);
  const found = await findLogs(positionals, io.cwd);
  const files = values["only-failed"] === true ? await notPassed(found) : found;
  if (files.length < found.length && !quiet) note(`${found.length - files.length} of ${found.length} log(s) are of runs that passed: left out (--only-failed)`);
  const codebook = values.codebook === undefined ? undefined : await loadCodebook(resolve(io.cwd, values.codebook));
  const model = values.model ?? DEFAULT_LINT_MODEL;
  let client: ChatClient | undefined;
  const options: LintOptions = { coder: useRules ? "rules" : "model", parallel, secrets, ...(io.signal ? { signal: io.signal } : {}) };
  if (!useRules) {
    const setup = createLintClient({
      ...(values["base-url"] === undefined ? {} : { baseUrl: values["base-url"] }),
      ...(values["token-command"] === undefined ? {} : { tokenCommand: values["token-command"] }),
      azure: values.azure === true, env: io.env, cwd: io.cwd, timeoutMs: timeout * 1000, retries, secrets,
      ...(io.signal ? { signal: io.signal } : {}), onRetry: (message) => note(message),
    });
    secrets = setup.secrets;
    client = setup.client;
    Object.assign(options, { client: setup.client, model, maxBytes, secrets, summary: values["no-summary"] !== true, ...(codebook ? { codebook } : {}) });
    if (!quiet) note(`coding ${files.length} log(s) with ${model} at ${setup.baseUrl}${codebook ? `, codebook ${values.codebook} (${codebook.length} codes)` : ""}; at most ${maxBytes} bytes of each log are sent`);
  } else if (!quiet) note(`coding ${files.length} log(s) with the built-in rules (no model)`);

  const display = (file: string) => {
    const rel = relative(io.cwd, file);
    return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel) ? rel : file;
  };
  const jsonToStdout = values.out === "-";
  const colour = io.stdout.isTTY === true && !io.env.NO_COLOR;
  const done: (CodedLog | undefined)[] = new Array(files.length);
  let printed = 0;
  let finished = 0;
  options.onDone = (log, index) => {
    done[index] = log;
    finished++;
    if (log.error !== null) note(`${display(log.doc.name)}: could not be coded: ${log.error}`);
    else if (!quiet && files.length > 1) note(`[${finished}/${files.length}] ${display(log.doc.name)}: ${log.codes.length} code(s)`);
    // Text goes out in the order the logs were given, each block as soon as those before it are done.
    for (let next = done[printed]; next !== undefined; next = done[printed]) {
      if (!jsonToStdout && next.error === null) io.stdout.write(maskText(renderCodedLog(next, display(next.doc.name), colour), secrets));
      printed++;
    }
  };
  let logs: CodedLog[];
  try {
    logs = await lintLogs(files, options);
  } catch (error) {
    if (!io.signal?.aborted) throw error;
    if (client) note(`model usage: ${usageLine(client.usage())}`);
    note(`interrupted after ${finished} of ${files.length} log(s)${values.out !== undefined && !jsonToStdout ? `; ${values.out} not written` : ""}`);
    return EXIT_INTERRUPTED;
  }
  const usage = client?.usage() ?? null;
  const report: LintReport = {
    schema: 1, coder: options.coder, model: useRules ? null : model, codebook: values.codebook === undefined ? null : resolve(io.cwd, values.codebook),
    max_bytes: useRules ? null : maxBytes, usage, documents: logs,
  };
  if (usage && !quiet) note(`model usage: ${usageLine(usage)}${usage.unpriced ? ` (no list price for ${usage.unpriced.join(", ")})` : ""}`);
  if (jsonToStdout) io.stdout.write(maskText(`${JSON.stringify(report, null, 2)}\n`, secrets));
  else if (values.out !== undefined) {
    await writeLintReport(resolve(io.cwd, values.out), report, secrets);
    if (!quiet) note(`wrote ${values.out}`);
  }
  const failed = logs.filter((log) => log.error !== null).length;
  if (failed > 0) note(`${failed} of ${logs.length} log(s) could not be coded`);
  return failed > 0 ? EXIT_FAILED : EXIT_OK;
};
